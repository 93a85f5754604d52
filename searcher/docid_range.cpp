#include "docid_range.h"

#include <algorithm>

namespace dateline {

void DocidRange::init(const Xapian::Database& db) {
    current_ = 0;
    end_ = db.get_lastdocid();
    // Every document of the range at most, and no more than the database holds: the matcher
    // takes the maximum as a bound, so it must not be too low.
    Xapian::docid stop = std::min(last_, end_);
    Xapian::doccount span = stop >= first_ ? stop - first_ + 1 : 0;
    estimate_ = std::min<Xapian::doccount>(span, db.get_doccount());
}

void DocidRange::next(double) { current_ = current_ < first_ ? first_ : current_ + 1; }

void DocidRange::skip_to(Xapian::docid did, double) {
    if (did > current_) current_ = std::max(did, first_);
}

bool DocidRange::check(Xapian::docid did, double min_wt) {
    // Every docid of the range is in it, so the position skip_to reaches is exact.
    skip_to(did, min_wt);
    return true;
}

std::string DocidRange::get_description() const {
    return "DocidRange(" + std::to_string(first_) + ".." + std::to_string(last_) + ")";
}

std::vector<std::pair<Xapian::docid, Xapian::docid>> split_docids(Xapian::docid last_docid, std::size_t parts) {
    std::vector<std::pair<Xapian::docid, Xapian::docid>> out;
    if (last_docid == 0 || parts == 0) return out;
    parts = std::min<std::size_t>(parts, last_docid);
    Xapian::docid first = 1;
    for (std::size_t k = 1; k <= parts; ++k) {
        auto last = static_cast<Xapian::docid>(static_cast<unsigned long long>(last_docid) * k / parts);
        out.emplace_back(first, last);
        first = last + 1;
    }
    return out;
}

}  // namespace dateline
