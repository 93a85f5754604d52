// Who appears with whom (searcher/related.h): the names of the matching articles ranked by their
// association with the query, not by their raw counts; the query's own entity left out.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "dates.h"
#include "document_builder.h"
#include "index_writer.h"
#include "related.h"
#include "render_json.h"
#include "searcher.h"
#include "index_articles.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

Article story(int n, std::vector<std::string> people, std::vector<std::string> organizations = {}) {
    Article a;
    a.id = "s" + std::to_string(n);
    a.title = "Story number " + std::to_string(n);
    a.body = "A story about markets and money, number " + std::to_string(n) + ".";
    a.published = dates::parse("1987-03-" + std::string(n % 28 + 1 < 10 ? "0" : "") + std::to_string(n % 28 + 1));
    a.people = std::move(people);
    a.organizations = std::move(organizations);
    a.places = {"Everywhere"};
    a.source = "Wire";
    return a;
}

// 30 articles. "John Everyman" and the place "Everywhere" are in all of them. Paul Volcker is in
// six (s0-s5), two of which name him by surname alone, as Reuters-21578 does. Alan Greenspan is
// in three of Volcker's and nowhere else; James Baker in four of Volcker's and in ten others.
struct Fixture {
    testing::TempDir tmp;
    fs::path dir = tmp.path;
    Fixture() {
        std::vector<Article> articles;
        for (int i = 0; i < 30; ++i) {
            std::vector<std::string> people{"John Everyman"};
            std::vector<std::string> orgs;
            if (i < 4) people.push_back("Paul Volcker");
            else if (i < 6) people.push_back("Volcker");
            if (i == 0 || i == 2 || i == 4) people.push_back("Alan Greenspan");
            if (i < 4 || (i >= 10 && i < 20)) people.push_back("James Baker");
            if (i < 6) orgs.push_back("Federal Reserve");
            if (i == 5 || i >= 20) orgs.push_back("Treasury");
            articles.push_back(story(i, people, orgs));
        }
        testing::index_articles((dir / "db").string(), articles);
    }
    std::string db() const { return (dir / "db").string(); }
};

const Related& kind(const SearchResponse& r, const std::string& name) {
    for (const Related& k : r.related) {
        if (k.name == name) return k;
    }
    FAIL("no related list " << name);
    throw;
}

std::vector<std::string> names(const Related& k) {
    std::vector<std::string> out;
    for (const RelatedValue& v : k.values) out.push_back(v.value);
    return out;
}

bool lists(const Related& k, const std::string& value) {
    auto all = names(k);
    return std::find(all.begin(), all.end(), value) != all.end();
}

}  // namespace

TEST_CASE("association: G² is 0 unless a name is more frequent among the matches than in the index") {
    // In every article: the matches say nothing about it.
    CHECK(association(6, 6, 30, 30) == 0);
    // As frequent among the matches (2 of 6) as elsewhere (10 of 30).
    CHECK(association(2, 6, 10, 30) == 0);
    // Less frequent among the matches: a negative association, not listed.
    CHECK(association(1, 6, 20, 30) == 0);
    // Only with the matches beats a higher raw count that is common elsewhere too.
    double only_here = association(3, 6, 3, 30);
    double common = association(4, 6, 14, 30);
    CHECK(only_here > 0);
    CHECK(common > 0);
    CHECK(only_here > common);
    // The definition: 2 * O ln(O/E) summed over the four cells of the table.
    double a = 10, b = 20, c = 30, d = 940, n = a + b, f = a + c, N = a + b + c + d;
    double direct = 2 * (a * std::log(a * N / (n * f)) + b * std::log(b * N / (n * (N - f))) + c * std::log(c * N / ((N - n) * f)) +
                         d * std::log(d * N / ((N - n) * (N - f))));
    CHECK(association(10, 30, 40, 1000) == doctest::Approx(direct));
}

TEST_CASE("related entities ranked by association") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.query = "person:\"Paul Volcker\"";
    req.related = 10;
    SearchResponse r = s.search(req);
    // Both of his forms are found: the full name and the surname alone.
    REQUIRE(r.total == 6);
    const Related& people = kind(r, "people");
    CHECK(people.field == "person");
    // Greenspan (3 matches, nowhere else) before Baker (4 matches, but 10 more elsewhere), though
    // Baker's raw count is higher; Everyman, in every article and so in all 6 matches, not at all.
    REQUIRE(people.values.size() >= 2);
    CHECK(people.values[0].value == "Alan Greenspan");
    CHECK(people.values[0].count == 3);
    CHECK(people.values[0].all == 3);
    CHECK(people.values[1].value == "James Baker");
    CHECK(people.values[1].count == 4);
    CHECK(people.values[1].all == 14);
    CHECK(people.values[0].score > people.values[1].score);
    CHECK_FALSE(lists(people, "John Everyman"));
    // The query's own person, under either of his names, is not "appearing with" himself.
    CHECK_FALSE(lists(people, "Paul Volcker"));
    CHECK_FALSE(lists(people, "Volcker"));
    // Organizations: the Fed is in all 6 and only there; the Treasury is mostly elsewhere.
    const Related& orgs = kind(r, "organizations");
    REQUIRE(orgs.values.size() == 1);
    CHECK(orgs.values[0].value == "Federal Reserve");
    CHECK(orgs.values[0].count == 6);
    // A place in every article is no association.
    CHECK(kind(r, "places").values.empty());
    // The entity facets counted for the related lists do not join the facets asked for.
    CHECK(r.facets.size() == req.facets.size());
}

TEST_CASE("related: a filter or a word of the name excludes the entity; the limit; off by default") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest by_filter;
    by_filter.filters = {{"person", "Paul Volcker"}};
    by_filter.related = 1;
    by_filter.facets = {"years"};
    SearchResponse r = s.search(by_filter);
    CHECK(r.total == 6);
    CHECK(names(kind(r, "people")) == std::vector<std::string>{"Alan Greenspan"});
    REQUIRE(r.facets.size() == 1);
    CHECK(r.facets[0].name == "years");

    SearchRequest by_word;
    by_word.query = "person:volcker";
    by_word.related = 10;
    SearchResponse w = s.search(by_word);
    CHECK(w.total == 6);
    CHECK_FALSE(lists(kind(w, "people"), "Paul Volcker"));
    CHECK_FALSE(lists(kind(w, "people"), "Volcker"));
    CHECK(lists(kind(w, "people"), "Alan Greenspan"));

    // From the other side: Greenspan's only company is Volcker (and Baker, and the Fed).
    SearchRequest greenspan;
    greenspan.query = "person:greenspan";
    greenspan.related = 10;
    SearchResponse g = s.search(greenspan);
    CHECK(g.total == 3);
    CHECK(lists(kind(g, "people"), "Paul Volcker"));
    CHECK_FALSE(lists(kind(g, "people"), "John Everyman"));

    SearchRequest plain;
    plain.query = "person:volcker";
    CHECK(s.search(plain).related.empty());
}

TEST_CASE("related in the JSON: value, count, all and score per kind") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.filters = {{"person", "Paul Volcker"}};
    req.related = 5;
    nlohmann::json j = response_json(s.search(req));
    REQUIRE(j.contains("related"));
    REQUIRE(j["related"]["people"].is_array());
    const nlohmann::json& first = j["related"]["people"][0];
    CHECK(first["value"] == "Alan Greenspan");
    CHECK(first["count"] == 3);
    CHECK(first["all"] == 3);
    CHECK(first["score"].get<double>() > 0);
    CHECK(j["related"]["places"].empty());
    req.related = 0;
    CHECK_FALSE(response_json(s.search(req)).contains("related"));
}
