// Facet counting over every matching article.
//
// FacetSpy is one Xapian::MatchSpy for all the facets a search asks for (and the date
// histogram). Each facet slot holds a list (schema::encode_list): an article naming three people
// adds one to each of the three, where Xapian's ValueCountMatchSpy would count the joined list as
// one value. One spy for all facets saves a virtual call and a pass per facet. It sees
// every matching document because the searcher asks Xapian to check them all (checkatleast =
// document count), so the counts are exact.
//
// The histogram counts matches per day from the publication slot; histogram() then picks the
// unit (year, month or day) that suits the span of dates found.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "search_request.h"

namespace dateline {

class FacetSpy : public Xapian::MatchSpy {
public:
    // `facet_names` as --facets takes them; unknown names are ignored.
    FacetSpy(const std::vector<std::string>& facet_names, bool histogram);
    void operator()(const Xapian::Document& doc, double weight) override;

    // The `limit` most frequent values of each facet, ties broken by value, in request order.
    std::vector<Facet> facets(std::size_t limit) const;
    Histogram histogram() const;
    // The matches per publication day ("YYYYMMDD"), when counting the histogram.
    const std::map<std::string, std::size_t>& per_day() const { return per_day_; }
    // Every value counted for the facet `facet_name`, with its count; nullptr when it is not
    // counted (related.h reads them all).
    const std::unordered_map<std::string, std::size_t>* counts(const std::string& facet_name) const;
    bool empty() const { return slots_.empty() && !histogram_; }

    // Counts `count` matching articles whose value in `slot` is `value`, as if each had been
    // seen: a facet slot's list adds `count` to each of its names, the publication slot adds
    // `count` to its day. Slots this spy does not count are ignored. For sets with remote
    // shards, where only Xapian's ValueCountMatchSpy runs on the servers (remote_counts.h).
    void add_counted(Xapian::valueno slot, const std::string& value, std::size_t count);

private:
    struct SlotCounts {
        std::string name;
        Xapian::valueno slot;
        std::unordered_map<std::string, std::size_t> counts;
    };
    std::vector<SlotCounts> slots_;
    bool histogram_;
    std::map<std::string, std::size_t> per_day_;  // "YYYYMMDD" -> count
};

// The value slot that holds a facet ("people" -> kSlotPeople); -1 when there is no such facet.
int facet_slot(const std::string& facet_name);

// The names --facets accepts, from the schema.
std::vector<std::string> facet_names();

}  // namespace dateline
