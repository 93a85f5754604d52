// Progress: what an indexing run shows while it works. On a terminal, a bar redrawn in place
// (files and articles done, rate, time left); otherwise a plain line every 10 seconds, so cron
// logs stay readable; nothing at all when quiet.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>

namespace dateline {

class Progress {
public:
    Progress(std::ostream& out, bool terminal, bool quiet, std::size_t total_files);

    // Called by the writer after each file; draws when it is time to.
    void update(std::size_t files_done, std::size_t articles_done);
    // Clears the bar before the summary line.
    void finish();

    // For shards of a shard folder written one after the other, each counting from zero: what
    // the shards before have done, added to what update() is told.
    void set_done_before(std::size_t files, std::size_t articles) {
        files_before_ = files;
        articles_before_ = articles;
    }

private:
    std::ostream& out_;
    bool terminal_;
    bool quiet_;
    std::size_t total_files_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
    bool drawn_ = false;
    std::size_t files_before_ = 0;
    std::size_t articles_before_ = 0;
};

}  // namespace dateline
