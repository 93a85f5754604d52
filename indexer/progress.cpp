#include "progress.h"

#include <cstdio>
#include <string>

namespace dateline {

Progress::Progress(std::ostream& out, bool terminal, bool quiet, std::size_t total_files)
    : out_(out), terminal_(terminal), quiet_(quiet), total_files_(total_files),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::update(std::size_t files_done, std::size_t articles_done) {
    if (quiet_ || total_files_ == 0) return;
    files_done += files_before_;
    articles_done += articles_before_;
    auto now = std::chrono::steady_clock::now();
    auto interval = terminal_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(10000);
    if (now - last_draw_ < interval && files_done != total_files_) return;
    if (!terminal_ && files_done == total_files_) return;  // the summary line follows at once
    last_draw_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? static_cast<double>(articles_done) / elapsed : 0;
    double fraction = static_cast<double>(files_done) / static_cast<double>(total_files_);
    double left = fraction > 0 ? elapsed / fraction - elapsed : 0;
    char line[200];
    if (terminal_) {
        constexpr int width = 24;
        int filled = static_cast<int>(fraction * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        std::snprintf(line, sizeof line, "\r[%s] %zu/%zu files, %zu articles, %.0f/s, %.0f s left   ", bar.c_str(),
                      files_done, total_files_, articles_done, rate, left);
        out_ << line << std::flush;
        drawn_ = true;
    } else {
        std::snprintf(line, sizeof line, "progress: %zu/%zu files, %zu articles, %.0f articles/s, about %.0f s left\n",
                      files_done, total_files_, articles_done, rate, left);
        out_ << line << std::flush;
    }
}

void Progress::finish() {
    if (drawn_) out_ << "\r" << std::string(78, ' ') << "\r" << std::flush;
    drawn_ = false;
}

}  // namespace dateline
