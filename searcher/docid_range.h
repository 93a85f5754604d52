// DocidRange: a posting source of every docid from `first` to `last`, to AND with a query so
// that it matches only that part of an index.
//
// Xapian 1.4 matches a whole database: it has no query for a range of docids. This source
// yields each number of the range, whether or not a document has it; ANDed (OP_FILTER) with a
// query it adds no weight and keeps that query's matches in the range, the other side of the
// AND deciding which documents exist. The weights of the matches are those of the whole index
// (its statistics are the database's, not the range's). part_search.h searches one index in
// parts with it, a thread per part.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace dateline {

class DocidRange : public Xapian::PostingSource {
public:
    DocidRange(Xapian::docid first, Xapian::docid last) : first_(first), last_(last) {}

    void init(const Xapian::Database& db) override;
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return estimate_; }
    Xapian::doccount get_termfreq_max() const override { return estimate_; }
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override { return current_ > last_ || current_ > end_; }
    Xapian::docid get_docid() const override { return current_; }
    PostingSource* clone() const override { return new DocidRange(first_, last_); }
    std::string get_description() const override;

private:
    Xapian::docid first_, last_;
    Xapian::docid end_ = 0;      // the database's last docid
    Xapian::docid current_ = 0;  // 0 before the first next()
    Xapian::doccount estimate_ = 0;
};

// `parts` contiguous ranges of docids 1 to `last_docid`, of nearly equal sizes (fewer when
// there are fewer docids than parts; none for an empty database).
std::vector<std::pair<Xapian::docid, Xapian::docid>> split_docids(Xapian::docid last_docid, std::size_t parts);

}  // namespace dateline
