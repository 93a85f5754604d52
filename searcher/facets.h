// Facet counting over every matching article.
//
// ListCountSpy is a Xapian::MatchSpy on one value slot holding a list (schema::encode_list): an
// article naming three people adds one to each of the three. Xapian's ValueCountMatchSpy would
// count the joined list as one value. The spy sees every matching document because the searcher
// asks Xapian to check them all (checkatleast = document count), so counts are exact.
//
// DateHistogramSpy counts matches per day from the publication slot; histogram() then picks the
// unit (year, month or day) that suits the span of dates found.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

#include "search_request.h"

namespace dateline {

class ListCountSpy : public Xapian::MatchSpy {
public:
    explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
    void operator()(const Xapian::Document& doc, double weight) override;
    // The `limit` most frequent values, ties broken by value.
    std::vector<FacetValue> top(std::size_t limit) const;

private:
    Xapian::valueno slot_;
    std::map<std::string, std::size_t> counts_;
};

class DateHistogramSpy : public Xapian::MatchSpy {
public:
    void operator()(const Xapian::Document& doc, double weight) override;
    Histogram histogram() const;

private:
    std::map<std::string, std::size_t> per_day_;  // "YYYYMMDD" -> count
};

// The value slot that holds a facet ("people" -> kSlotPeople); -1 when there is no such facet.
int facet_slot(const std::string& facet_name);

// The names --facets accepts, from the schema.
std::vector<std::string> facet_names();

}  // namespace dateline
