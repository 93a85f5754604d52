// Loading an input file into memory, the way every reader wants it: whole, and decompressed when
// it was gzipped (detected by the magic bytes 1f 8b, not by the name).
//
// load_file throws LoadError, whose message says why the file cannot be indexed in words a user
// can act on: it cannot be opened, it is empty, it is larger than the limit, the gzip stream is
// damaged or truncated, or it is binary rather than text.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace dateline {

class LoadError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Files (after decompression) above this size are refused: an article file is never this large,
// and reading one would hold the whole thing in memory on each worker.
inline constexpr std::size_t kMaxFileBytes = 256u * 1024 * 1024;

std::string load_file(const std::string& path, std::size_t max_bytes = kMaxFileBytes);

// Decompresses a gzip stream held in memory; throws LoadError when it is damaged.
std::string gunzip(const std::string& compressed, std::size_t max_bytes = kMaxFileBytes);

bool is_gzip(const std::string& data);

}  // namespace dateline
