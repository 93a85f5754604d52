// MatchDeadline: stops a Xapian match at a point in time.
//
// Xapian's own Enquire::set_time_limit only stops the exhaustive count once the limit has
// passed: the match still runs until it has the best page, so a query whose candidates are slow
// to check (a phrase or NEAR over common words in long articles) can run far past it. This
// posting source, ANDed with the query as a filter, walks every document of the index and ends
// as soon as the deadline has passed, which ends the whole match: the results are then the best
// of the articles checked in time, and expired() says the deadline cut it.
//
// A source is used by one Enquire (and its clones, which share the deadline and the flag).
#pragma once

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace dateline {

class MatchDeadline : public Xapian::PostingSource {
public:
    using Clock = std::chrono::steady_clock;
    explicit MatchDeadline(Clock::time_point deadline);

    // True once the deadline stopped a match.
    bool expired() const { return expired_->load(); }

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return docs_; }
    Xapian::doccount get_termfreq_max() const override { return docs_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return ended_; }
    Xapian::docid get_docid() const override { return *it_; }
    PostingSource* clone() const override;
    std::string get_description() const override { return "MatchDeadline"; }

private:
    bool past_deadline();

    Clock::time_point deadline_;
    std::shared_ptr<std::atomic<bool>> expired_;
    Xapian::Database db_;
    Xapian::PostingIterator it_;
    Xapian::doccount docs_ = 0;
    bool started_ = false;
    bool ended_ = false;
    unsigned calls_ = 0;
};

}  // namespace dateline
