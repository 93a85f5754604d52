// The search core on a small index built in a temporary folder: ranking, filters, exact
// multi-valued facets, sorting, snippets, paging and query errors.
#include <doctest/doctest.h>

#include <filesystem>

#include "dates.h"
#include "document_builder.h"
#include "index_writer.h"
#include "index_error.h"
#include "searcher.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

Article story(const std::string& id, const std::string& title, const std::string& body, const std::string& date,
              std::vector<std::string> people, std::vector<std::string> places, const std::string& source = "Wire") {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.published = dates::parse(date);
    a.people = std::move(people);
    a.places = std::move(places);
    a.source = source;
    return a;
}

struct Fixture {
    fs::path dir;
    Fixture() {
        char tmpl[] = "/tmp/dateline-search-XXXXXX";
        dir = mkdtemp(tmpl);
        IndexWriter writer((dir / "db").string());
        DocumentBuilder builder;
        std::vector<Article> articles{
            story("a1", "Hegseth rules out NATO membership for Ukraine", "Pete Hegseth spoke in Brussels about NATO and Ukraine.",
                  "2025-02-12", {"Pete Hegseth", "Donald Trump", "Mark Rutte"}, {"Ukraine", "Brussels"}),
            story("a2", "Trump and Putin agree to start talks", "Donald Trump said he spoke with Vladimir Putin about Ukraine.",
                  "2025-02-13", {"Donald Trump", "Vladimir Putin"}, {"Ukraine", "Russia"}),
            story("a3", "Rutte urges allies to spend more", "Mark Rutte said NATO allies must spend more on defence.",
                  "2025-02-14", {"Mark Rutte"}, {"Brussels"}, "Other Wire"),
            story("a4", "Coffee prices climb", "Arabica coffee rose on dry weather in Brazil.", "2024-05-01", {}, {"Brazil"}),
            story("a5", "Undated note on NATO", "A note about NATO without a date.", "", {}, {}),
        };
        std::vector<BuiltArticle> built;
        for (const Article& a : articles) built.push_back({DocumentBuilder::id_term(a), builder.build(a), 0});
        FileRecord record;
        record.path = "/archive/stories";
        writer.apply_file(record, built);
        writer.commit();
    }
    ~Fixture() { fs::remove_all(dir); }
    std::string db() const { return (dir / "db").string(); }
};

const Facet& facet(const SearchResponse& r, const std::string& name) {
    for (const Facet& f : r.facets) {
        if (f.name == name) return f;
    }
    FAIL("no facet " << name);
    throw;
}

std::size_t count_of(const Facet& f, const std::string& value) {
    for (const FacetValue& v : f.values) {
        if (v.value == value) return v.count;
    }
    return 0;
}

}  // namespace

TEST_CASE("words must all match, the best article first, facets exact and multi-valued") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.query = "nato";
    SearchResponse r = s.search(req);
    CHECK(r.total == 3);
    CHECK(r.total_exact);
    const Facet& people = facet(r, "people");
    CHECK(count_of(people, "Mark Rutte") == 2);
    CHECK(count_of(people, "Pete Hegseth") == 1);
    CHECK(count_of(people, "Donald Trump") == 1);
    CHECK(people.values.front().value == "Mark Rutte");
    CHECK(count_of(facet(r, "sources"), "Wire") == 2);
    CHECK(count_of(facet(r, "years"), "2025") == 2);

    req.query = "hegseth nato";
    r = s.search(req);
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].article.id == "a1");
    CHECK(r.results[0].snippet.find("<b>Hegseth</b>") != std::string::npos);
    CHECK(r.results[0].article.body.empty());
}

TEST_CASE("exact filters, with no query, match every article that passes them") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.filters = {{"person", "DONALD TRUMP"}};
    CHECK(s.search(req).total == 2);
    req.filters = {{"person", "Donald Trump"}, {"person", "Mark Rutte"}};
    CHECK(s.search(req).total == 1);
    req.filters = {{"place", "brussels"}};
    req.query = "spend";
    CHECK(s.search(req).total == 1);
    req = {};
    req.filters = {{"nonsense", "x"}};
    CHECK_THROWS_AS(s.search(req), QueryError);
}

TEST_CASE("date ranges, sorting and paging") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.since = dates::parse_bound("2025-02-13", false);
    req.until = dates::parse_bound("2025-02-13", true);
    CHECK(s.search(req).total == 1);

    req = {};
    req.query = "date:2025-02..2025-02";
    CHECK(s.search(req).total == 3);
    req.query = "year:2024";
    CHECK(s.search(req).total == 1);

    req = {};
    req.query = "nato OR coffee";
    req.sort = SortOrder::newest;
    SearchResponse r = s.search(req);
    REQUIRE(r.results.size() == 4);
    CHECK(r.results[0].article.id == "a3");
    CHECK(r.results[2].article.id == "a4");
    req.sort = SortOrder::oldest;
    req.limit = 1;
    req.offset = 1;
    r = s.search(req);
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].article.id == "a4");
    CHECK(r.total == 4);
}

TEST_CASE("phrases and fields") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.query = "\"spoke with Vladimir Putin\"";
    CHECK(s.search(req).total == 1);
    req.query = "\"Putin spoke\"";
    CHECK(s.search(req).total == 0);
    req.query = "title:coffee";
    CHECK(s.search(req).total == 1);
    req.query = "title:arabica";
    CHECK(s.search(req).total == 0);
    req.query = "person:putin";
    CHECK(s.search(req).total == 1);
    req.query = "source:other";
    CHECK(s.search(req).total == 1);
}

TEST_CASE("the histogram picks its unit from the span of dates") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.query = "nato";
    req.histogram = true;
    SearchResponse r = s.search(req);
    REQUIRE(r.histogram);
    CHECK(r.histogram->unit == "day");
    CHECK(r.histogram->buckets.size() == 2);
    req.query = "nato OR coffee";
    r = s.search(req);
    CHECK(r.histogram->unit == "month");
}

TEST_CASE("articles by id, suggestions and stats") {
    Fixture fx;
    Searcher s(fx.db());
    auto a = s.article("a2");
    REQUIRE(a);
    CHECK(a->body.find("Vladimir Putin") != std::string::npos);
    CHECK(!s.article("nope"));
    auto sugg = s.suggest("ru", 5);
    REQUIRE(!sugg.empty());
    CHECK(sugg[0].value == "Mark Rutte");
    CHECK(sugg[0].count == 2);
    CHECK(s.stats().documents == 5);
}

TEST_CASE("a missing index is IndexUnusable, a bad query QueryError") {
    CHECK_THROWS_AS(Searcher("/nonexistent/dateline/index"), IndexUnusable);
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest req;
    req.query = "(nato";
    CHECK_THROWS_AS(s.search(req), QueryError);
}
