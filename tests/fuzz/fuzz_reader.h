// The body every fuzz target shares: hand the bytes to one reader and accept only two outcomes,
// articles or a ReadError. Anything else (a crash, a sanitizer report, another exception, a
// hang) is what libFuzzer reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "reader.h"

namespace dateline::fuzzing {

inline int read_with(std::string_view reader_name, std::string_view path, const std::uint8_t* data, std::size_t size) {
    static const ReaderOptions options;
    const Reader* reader = reader_named(reader_name);
    if (reader == nullptr) std::abort();
    SourceFile file{std::string(path), std::string(reinterpret_cast<const char*>(data), size)};
    try {
        reader->read(file, options, [](Article&& a) {
            // Touch what the pipeline touches, so that bad strings are caught here.
            volatile std::size_t n = a.title.size() + a.body.size();
            (void)n;
        });
    } catch (const ReadError&) {
    }
    return 0;
}

}  // namespace dateline::fuzzing
