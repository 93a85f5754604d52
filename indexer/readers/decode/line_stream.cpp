#include "line_stream.h"

namespace dateline {
namespace {
constexpr std::size_t kPiece = 64 * 1024;
}

LineStream::LineStream(const SourceFile& file, std::size_t max_line)
    : data_(file.data), rest_(file.rest), max_line_(max_line) {
    if (data_.starts_with("\xEF\xBB\xBF")) data_.remove_prefix(3);
}

bool LineStream::fill() {
    // Drop the lines already returned before growing the buffer.
    if (start_ > 0) {
        buffer_.erase(0, start_);
        scanned_ -= start_;
        start_ = 0;
    }
    if (!data_.empty()) {
        std::string_view piece = data_.substr(0, kPiece);
        data_.remove_prefix(piece.size());
        buffer_.append(piece);
        return true;
    }
    if (rest_ == nullptr) return false;
    std::size_t old = buffer_.size();
    buffer_.resize(old + kPiece);
    std::size_t n = rest_->read(buffer_.data() + old, kPiece);
    buffer_.resize(old + n);
    return n > 0;
}

bool LineStream::next(std::string_view& line) {
    too_long_ = false;
    for (;;) {
        std::size_t eol = buffer_.find('\n', scanned_);
        std::size_t after = eol + 1;
        if (eol == std::string::npos) {
            scanned_ = buffer_.size();
            if (buffer_.size() - start_ > max_line_) {
                // Keep nothing of a runaway line; read on to its end.
                buffer_.resize(start_);
                scanned_ = start_;
                skipping_ = true;
            }
            if (fill()) continue;
            // The end of the file: a last line without a line end, or nothing.
            if (start_ == buffer_.size() && !skipping_) return false;
            eol = after = buffer_.size();
        }
        line = std::string_view(buffer_).substr(start_, eol - start_);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        start_ = scanned_ = after;
        ++line_number_;
        if (skipping_) {
            skipping_ = false;
            too_long_ = true;
            line = {};
        }
        return true;
    }
}

}  // namespace dateline
