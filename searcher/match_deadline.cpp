#include "match_deadline.h"

namespace dateline {

MatchDeadline::MatchDeadline(Clock::time_point deadline)
    : deadline_(deadline), expired_(std::make_shared<std::atomic<bool>>(false)) {}

void MatchDeadline::init(const Xapian::Database& db) {
    db_ = db;
    docs_ = db.get_doccount();
    // The empty term's posting list holds every document.
    it_ = db_.postlist_begin("");
    started_ = false;
    ended_ = docs_ == 0;
    calls_ = 0;
}

bool MatchDeadline::past_deadline() {
    // Reading the clock costs about as much as a step of the walk: look at it every 8 steps.
    if ((++calls_ & 7) != 0) return false;
    if (Clock::now() < deadline_) return false;
    expired_->store(true);
    ended_ = true;
    return true;
}

void MatchDeadline::next(double) {
    if (ended_ || past_deadline()) return;
    if (started_) ++it_;
    started_ = true;
    ended_ = it_ == db_.postlist_end("");
}

void MatchDeadline::skip_to(Xapian::docid did, double) {
    if (ended_ || past_deadline()) return;
    started_ = true;
    it_.skip_to(did);
    ended_ = it_ == db_.postlist_end("");
}

bool MatchDeadline::check(Xapian::docid did, double min_wt) {
    skip_to(did, min_wt);
    return true;
}

Xapian::PostingSource* MatchDeadline::clone() const {
    auto* copy = new MatchDeadline(deadline_);
    copy->expired_ = expired_;
    return copy;
}

}  // namespace dateline
