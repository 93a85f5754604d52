// Lines of a file read as a stream, for the readers of line-oriented formats (JSON Lines, CSV):
// SourceFile::data first, then SourceFile::rest when the file is streamed.
//
// A UTF-8 byte-order mark at the start is not part of the first line.
//
// Memory is bounded by `max_line`: a longer line is not kept but skipped, and reported as such
// (too_long()), so one runaway line cannot exhaust a worker. Not thread-safe: one per file.
#pragma once

#include <string>
#include <string_view>

#include "reader.h"

namespace dateline {

class LineStream {
public:
    LineStream(const SourceFile& file, std::size_t max_line);

    // The next line, without its "\n" or "\r\n"; false at the end. Throws ReadError when the
    // stream cannot be read further. The view lasts until the next call.
    bool next(std::string_view& line);

    // The 1-based number of the line last returned.
    std::size_t line_number() const { return line_number_; }

    // The line last returned was longer than max_line: it is returned empty.
    bool too_long() const { return too_long_; }

private:
    bool fill();

    std::string_view data_;     // SourceFile::data not yet moved into buffer_
    ByteStream* rest_;
    std::size_t max_line_;
    std::string buffer_;
    std::size_t start_ = 0;     // the current line's first byte in buffer_
    std::size_t scanned_ = 0;   // buffer_ holds no '\n' between start_ and here
    std::size_t line_number_ = 0;
    bool skipping_ = false;     // inside a line over max_line, its start dropped
    bool too_long_ = false;
};

}  // namespace dateline
