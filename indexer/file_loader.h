// Reading an input file the way every reader wants it: decompressed when it was gzipped (detected
// by the magic bytes 1f 8b, not by the name) and, when it opens with a UTF-16 byte-order mark,
// decoded to UTF-8. A file is read either whole (load_file, InputFile::read_all), for readers
// that parse a whole document at once, or in pieces (InputFile as a ByteStream), for readers of
// line-oriented formats, which then read a file of any size in bounded memory.
//
// Errors are LoadError, whose message says why the file cannot be indexed in words a user can act
// on: it cannot be opened, it is empty, it is larger than the limit (whole reads only), the gzip
// stream is damaged or truncated, or it is binary rather than text.
//
// Thread-safety: an InputFile belongs to one thread; distinct files may be read at once.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "reader.h"

namespace dateline {

class LoadError : public ReadError {
public:
    using ReadError::ReadError;
};

// How much of a file is read on opening: what readers are shown to recognise their format.
inline constexpr std::size_t kHeadBytes = 64 * 1024;

class InputFile final : public ByteStream {
public:
    // Opens the file and reads its head; throws LoadError when it cannot be opened or read, is
    // empty, holds only white space, or is binary.
    explicit InputFile(const std::string& path);
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;

    // The file's first kHeadBytes (all of it when shorter), decompressed and decoded.
    const std::string& head() const { return head_; }

    // The bytes after head(), in pieces; 0 at the end. Throws LoadError.
    std::size_t read(char* buffer, std::size_t size) override;

    // head() and every byte after it; throws LoadError when they are more than `max_bytes`.
    // Only before read() has been called.
    std::string read_all(std::size_t max_bytes = kMaxFileBytes);

    // Reads what is left, only to hash it.
    void drain();

    // text::hash64 of every byte delivered so far (head included); the file's content hash
    // once it has been read to the end.
    std::uint64_t hash() const { return hash_; }

private:
    std::size_t read_raw(char* buffer, std::size_t size);
    std::size_t read_decoded(char* buffer, std::size_t size);

    struct GzClose {
        void operator()(gzFile file) const { gzclose(file); }
    };
    std::unique_ptr<gzFile_s, GzClose> gz_;
    std::uint64_t disk_bytes_ = 0;
    std::string head_;
    std::uint64_t hash_;
    int utf16_ = 0;                 // 0: not UTF-16; 1: little-endian; 2: big-endian
    std::string utf16_carry_;       // a character's bytes cut at the end of the last piece
    std::string decoded_;           // UTF-8 decoded from UTF-16 and not yet delivered
    std::size_t decoded_at_ = 0;
    bool ended_ = false;
};

// The whole file, as InputFile(path).read_all(max_bytes).
std::string load_file(const std::string& path, std::size_t max_bytes = kMaxFileBytes);

}  // namespace dateline
