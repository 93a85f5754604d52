// FacetSpy (searcher/facets.h) on a small in-memory index: multi-valued facet slots counted per
// value, the most frequent first with ties by value, the limit, unknown facet names, and the
// date histogram's choice of unit.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "facets.h"
#include "schema.h"

using namespace dateline;

namespace {

struct Story {
    std::string published;  // "YYYYMMDDhhmmss", "" for none
    std::vector<std::string> people;
    std::vector<std::string> sources;
};

// Runs a match-all search over `stories` with `spy` watching, as the searcher does (every
// document checked, so the counts are exact).
void match_all(const std::vector<Story>& stories, FacetSpy& spy) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const Story& s : stories) {
        Xapian::Document doc;
        doc.add_term("XKIND:story");
        if (!s.published.empty()) doc.add_value(schema::kSlotPublished, s.published);
        if (!s.people.empty()) doc.add_value(schema::kSlotPeople, schema::encode_list(s.people));
        if (!s.sources.empty()) doc.add_value(schema::kSlotSource, schema::encode_list(s.sources));
        db.add_document(doc);
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 10, db.get_doccount());
}

std::vector<std::pair<std::string, std::size_t>> pairs(const std::vector<FacetValue>& values) {
    std::vector<std::pair<std::string, std::size_t>> out;
    for (const FacetValue& v : values) out.emplace_back(v.value, v.count);
    return out;
}

using Pairs = std::vector<std::pair<std::string, std::size_t>>;

}  // namespace

TEST_CASE("facet names and slots come from the schema") {
    CHECK(facet_slot("people") == schema::kSlotPeople);
    CHECK(facet_slot("sources") == schema::kSlotSource);
    CHECK(facet_slot("years") == schema::kSlotYear);
    CHECK(facet_slot("person") == -1);  // the query name is not the facet name
    CHECK(facet_slot("colour") == -1);
    std::vector<std::string> names = facet_names();
    CHECK(names == std::vector<std::string>{"people", "organizations", "places", "sources", "kinds", "subjects", "years"});
}

TEST_CASE("an article naming three people counts once for each; most frequent first, ties by value") {
    FacetSpy spy({"people", "sources", "no-such-facet"}, false);
    CHECK(!spy.empty());
    match_all({{"", {"Ada Quinn", "Bo Lind", "Cy Marsh"}, {"Reuters"}},
               {"", {"Bo Lind", "Ada Quinn"}, {"Reuters"}},
               {"", {"Cy Marsh", "Dee Holt"}, {"AP"}},
               {"", {"Ada Quinn"}, {}},
               {"", {}, {"Nordwire"}}},
              spy);
    std::vector<Facet> facets = spy.facets(10);
    // The unknown name is ignored; the others keep the order they were asked in.
    REQUIRE(facets.size() == 2);
    CHECK(facets[0].name == "people");
    CHECK(pairs(facets[0].values) == Pairs{{"Ada Quinn", 3}, {"Bo Lind", 2}, {"Cy Marsh", 2}, {"Dee Holt", 1}});
    CHECK(facets[1].name == "sources");
    CHECK(pairs(facets[1].values) == Pairs{{"Reuters", 2}, {"AP", 1}, {"Nordwire", 1}});
}

TEST_CASE("the limit keeps the most frequent values, ties broken by value") {
    FacetSpy spy({"people"}, false);
    match_all({{"", {"Eve Stone", "Ada Quinn"}, {}}, {"", {"Eve Stone", "Cy Marsh"}, {}}, {"", {"Bo Lind"}, {}}}, spy);
    CHECK(pairs(spy.facets(2)[0].values) == Pairs{{"Eve Stone", 2}, {"Ada Quinn", 1}});
    CHECK(pairs(spy.facets(1)[0].values) == Pairs{{"Eve Stone", 2}});
}

TEST_CASE("a spy with no facets and no histogram is empty") {
    CHECK(FacetSpy({}, false).empty());
    CHECK(FacetSpy({"colour"}, false).empty());
    CHECK(!FacetSpy({}, true).empty());
}

TEST_CASE("the histogram counts per day within two months") {
    FacetSpy spy({}, true);
    match_all({{"20250214062300", {}, {}}, {"20250214180000", {}, {}}, {"20250301090000", {}, {}}, {"", {}, {}}}, spy);
    Histogram h = spy.histogram();
    CHECK(h.unit == "day");
    CHECK(pairs(h.buckets) == Pairs{{"2025-02-14", 2}, {"2025-03-01", 1}});
}

TEST_CASE("the histogram counts per month within five years, per year beyond") {
    {
        FacetSpy spy({}, true);
        match_all({{"20230105000000", {}, {}}, {"20230130000000", {}, {}}, {"20241211000000", {}, {}}}, spy);
        Histogram h = spy.histogram();
        CHECK(h.unit == "month");
        CHECK(pairs(h.buckets) == Pairs{{"2023-01", 2}, {"2024-12", 1}});
    }
    {
        FacetSpy spy({}, true);
        match_all({{"19870226150101", {}, {}}, {"19870302000000", {}, {}}, {"20250214000000", {}, {}}}, spy);
        Histogram h = spy.histogram();
        CHECK(h.unit == "year");
        CHECK(pairs(h.buckets) == Pairs{{"1987", 2}, {"2025", 1}});
    }
}

TEST_CASE("no dates: an empty histogram by day") {
    FacetSpy spy({"people"}, true);
    match_all({{"", {"Ada Quinn"}, {}}}, spy);
    Histogram h = spy.histogram();
    CHECK(h.unit == "day");
    CHECK(h.buckets.empty());
}
