// RecordFields (indexer/readers/extract/record_fields.h): the article inside a record of named
// values, as JSON Lines and CSV exports give them: the keys tried in order, the objects exports
// wrap articles in, the shapes values come in, category pairs, --map and its JSON pointers.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "dates.h"
#include "record_fields.h"

using namespace dateline;
using nlohmann::json;

namespace {

Article read(const char* record, const ReaderOptions& options = {}) { return RecordFields(options).article(json::parse(record)); }

std::string iso(const Article& a) { return a.published ? dates::to_iso8601(*a.published) : std::string("-"); }

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("a plain export record: each field from its usual key") {
    Article a = read(R"({"id": "desk-4411", "title": "Ferry strike ends after two days",
        "body": "Crews returned to work on Tuesday.\n\nThe first boats sailed at dawn.",
        "date": "2024-03-05 07:30:00", "url": "https://news.example/ferry", "source": "Harbour Herald",
        "author": "Maren Holt", "section": "Local", "language": "en-GB", "dateline": "KIEL, March 5",
        "people": ["Ada Quinn"], "orgs": "Harbour Board, Ferry Union", "places": ["Kiel"], "tags": "ferries, strikes"})");
    CHECK(a.id == "jsonl-desk-4411");
    CHECK(a.title == "Ferry strike ends after two days");
    CHECK(a.body == "Crews returned to work on Tuesday.\n\nThe first boats sailed at dawn.");
    CHECK(iso(a) == "2024-03-05T07:30:00Z");
    CHECK(a.url == "https://news.example/ferry");
    CHECK(a.source == "Harbour Herald");
    CHECK(a.authors == Names{"Maren Holt"});
    CHECK(a.section == "Local");
    CHECK(a.language == "en");
    CHECK(a.dateline == "KIEL, March 5");
    CHECK(a.people == Names{"Ada Quinn"});
    CHECK(a.curated_people);
    // "a, b" in one string is a list too.
    CHECK(a.organizations == Names{"Harbour Board", "Ferry Union"});
    CHECK(a.curated_organizations);
    CHECK(a.places == Names{"Kiel"});
    CHECK(a.keywords == Names{"ferries", "strikes"});
}

TEST_CASE("the first key present and non-empty wins, in the documented order") {
    Article a = read(R"({"title": "  ", "headline": "Dredging approved", "name": "not this",
        "summary": "A summary.", "text": "The full text of the story.", "content": "not this either"})");
    CHECK(a.title == "Dredging approved");
    CHECK(a.body == "The full text of the story.");  // text comes before content and summary
    CHECK(!a.curated_people);  // no people key: the extractor may still find some
}

TEST_CASE("a record without article text has an empty body") {
    Article a = read(R"({"title": "Photo gallery: the regatta", "url": "https://news.example/gallery"})");
    CHECK(a.title == "Photo gallery: the regatta");
    CHECK(a.body.empty());
}

TEST_CASE("keys missing from the record are found in the objects exports wrap articles in") {
    // Elasticsearch.
    Article es = read(R"({"_index": "news", "_id": "e-17", "_source": {"headline": "Port reopens", "body": "Ships moved again."}})");
    CHECK(es.id == "jsonl-e-17");
    CHECK(es.title == "Port reopens");
    CHECK(es.body == "Ships moved again.");
    // The Guardian's content API.
    Article g = read(R"({"id": "world/2024/mar/05/ferry", "webTitle": "Ferry strike ends",
        "webPublicationDate": "2024-03-05T07:30:00Z", "sectionName": "World news",
        "webUrl": "https://www.theguardian.com/world/2024/mar/05/ferry",
        "fields": {"bodyText": "Crews returned to work.", "byline": "Maren Holt and Ola Berg"}})");
    CHECK(g.title == "Ferry strike ends");
    CHECK(g.body == "Crews returned to work.");
    CHECK(iso(g) == "2024-03-05T07:30:00Z");
    CHECK(g.section == "World news");
    CHECK(g.url == "https://www.theguardian.com/world/2024/mar/05/ferry");
    CHECK(g.authors == Names{"Maren Holt", "Ola Berg"});
}

TEST_CASE("values as objects: JSON-LD names, headline and byline objects, WordPress's rendered") {
    Article a = read(R"({"headline": {"main": "Channel dredging approved", "print_headline": "Dredging"},
        "byline": {"original": "By Ada Quinn"}, "publisher": {"@type": "Organization", "name": "Nordwire"},
        "content": {"rendered": "<p>The board approved it.</p><p>Work starts &amp; ends in May.</p>"}})");
    CHECK(a.title == "Channel dredging approved");
    CHECK(a.authors == Names{"Ada Quinn"});
    CHECK(a.source == "Nordwire");
    // Markup in a body becomes text, paragraph by paragraph.
    CHECK(a.body == "The board approved it.\n\nWork starts & ends in May.");
}

TEST_CASE("dates: numbers are Unix seconds; else the page's meta tags kept by a crawler") {
    CHECK(iso(read(R"({"title": "t", "body": "b", "timestamp": 1709460000})")) == "2024-03-03T10:00:00Z");
    CHECK(iso(read(R"({"title": "t", "body": "b", "meta_data": {"article": {"published_time": "2023-04-03T08:15:00+02:00"}}})")) ==
          "2023-04-03T06:15:00Z");
    CHECK(iso(read(R"({"title": "t", "body": "b", "metadata": {"dc.date": "2022-10-07"}})")) == "2022-10-07T00:00:00Z");
    CHECK(iso(read(R"({"title": "t", "body": "b"})")) == "-");
}

TEST_CASE("keywords given as category pairs go by category to the curated entities") {
    Article a = read(R"({"headline": "t", "abstract": "b", "keywords": [
        {"name": "persons", "value": "Vale, Henrietta"}, {"name": "organizations", "value": "Harbour Board"},
        {"name": "subject", "value": "Ferries"}, "Strikes"]})");
    CHECK(a.people == Names{"Henrietta Vale"});
    CHECK(a.curated_people);
    CHECK(a.organizations == Names{"Harbour Board"});
    CHECK(a.curated_organizations);
    CHECK(!a.curated_places);
    CHECK(a.keywords == Names{"Ferries", "Strikes"});
}

TEST_CASE("--map replaces the keys of a field; a key starting with '/' is a JSON pointer") {
    ReaderOptions options;
    options.json_map = {{"title", "hed"}, {"date", "/meta/article/when"}, {"byline", "writer"}};
    Article a = read(R"({"title": "not the mapped one", "hed": "Mapped headline", "body": "Text.",
        "date": "1999-01-01", "meta": {"article": {"when": "2021-11-01T06:00:00Z"}}, "writer": "Maren Holt"})",
                     options);
    CHECK(a.title == "Mapped headline");
    CHECK(iso(a) == "2021-11-01T06:00:00Z");
    CHECK(a.authors == Names{"Maren Holt"});
    // The replaced keys are no longer tried.
    options.json_map = {{"title", "hed"}};
    CHECK(read(R"({"title": "Only the old key", "body": "Text."})", options).title.empty());
}

TEST_CASE("--map naming no article field is refused, naming the ones there are") {
    ReaderOptions options;
    options.json_map = {{"colour", "hue"}};
    try {
        RecordFields fields(options);
        FAIL("no ReadError");
    } catch (const ReadError& e) {
        std::string what = e.what();
        CHECK(what.find("unknown article field 'colour'") != std::string::npos);
        CHECK(what.find("title") != std::string::npos);
    }
}

TEST_CASE("subjects: from their keys, each a keyword too, and --map can name them") {
    Article a = read(R"({"title": "Rates held", "body": "Text.", "subjects": ["Economy", "Central banks"], "tags": ["rates"]})");
    CHECK(a.subjects == Names{"Economy", "Central banks"});
    CHECK(a.keywords == Names{"Economy", "Central banks", "rates"});
    ReaderOptions options;
    options.json_map = {{"subjects", "desk_codes"}};
    Article mapped = read(R"({"title": "Rates held", "body": "Text.", "desk_codes": "ECO", "subjects": ["ignored"]})", options);
    CHECK(mapped.subjects == Names{"ECO"});
}
