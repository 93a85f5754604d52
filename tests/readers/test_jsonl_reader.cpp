// JsonlReader: default field mapping, --map overrides, bad lines.
#include <doctest/doctest.h>

#include <algorithm>

#include "dates.h"
#include "jsonl_reader.h"
#include "test_paths.h"

using namespace dateline;

namespace {
std::vector<Article> read_jsonl(const std::string& data, const ReaderOptions& options = {}) {
    std::vector<Article> out;
    JsonlReader().read({"export.jsonl", data}, options, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
}  // namespace

TEST_CASE("the sample export: default keys, lists, epoch dates, blank lines skipped") {
    auto articles = read_jsonl(testing::read_file(testing::samples_dir() / "jsonl" / "wire-export.jsonl"));
    REQUIRE(articles.size() == 4);
    const Article& a = articles[0];
    CHECK(a.format == "jsonl");
    CHECK(a.id == "jsonl-dl-7001");
    CHECK(a.title == "Wind farm approved off the northern cape");
    CHECK(a.body.find("\n\nThe developer, Solvik Energy") != std::string::npos);
    CHECK(dates::to_iso8601(*a.published) == "2024-02-21T10:15:00Z");
    CHECK(a.url == "https://wire.dateline.example/7001");
    CHECK(a.authors == std::vector<std::string>{"Hana Sato"});
    CHECK(a.organizations == std::vector<std::string>{"Solvik Energy"});
    CHECK(a.curated_organizations);
    CHECK(a.keywords == std::vector<std::string>{"energy", "planning"});

    CHECK(articles[1].title == "Schools to get new science labs");  // headline
    CHECK(articles[1].authors == std::vector<std::string>{"Luca Bianchi", "Mira Kovac"});  // [{"name":..}]
    CHECK(articles[1].source == "Dateline Wire");  // publication
    CHECK(articles[1].keywords == std::vector<std::string>{"education", "schools"});  // "a, b"
    CHECK(dates::to_iso8601(*articles[1].published) == "2024-02-22T09:00:00Z");
    CHECK(dates::to_iso8601(*articles[2].published) == "2024-02-23T17:00:00Z");  // epoch seconds
    CHECK(articles[2].authors == std::vector<std::string>{"Erik Lund"});
    CHECK(articles[3].section == "Culture");
}

TEST_CASE("--map overrides the keys, JSON pointers reach nested values") {
    ReaderOptions options;
    options.json_map = {{"title", "hed"}, {"published", "/meta/first_seen"}};
    auto articles = read_jsonl(R"({"hed": "Bridge reopens", "title": "ignored", "text": "Traffic flows again.", "meta": {"first_seen": "2020-03-01T08:00:00Z"}})", options);
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Bridge reopens");
    CHECK(dates::to_iso8601(*articles[0].published) == "2020-03-01T08:00:00Z");

    options.json_map = {{"colour", "x"}};
    CHECK_THROWS_WITH_AS(read_jsonl("{}", options), doctest::Contains("unknown article field 'colour'"), ReadError);
}

namespace {
struct Outcome {
    std::vector<Article> articles;
    std::vector<std::pair<std::size_t, std::string>> warnings;
};
Outcome read_reporting(const SourceFile& source) {
    Outcome o;
    SourceFile file = source;
    file.warn = [&](std::size_t line, const std::string& why) { o.warnings.emplace_back(line, why); };
    JsonlReader().read(file, {}, [&](Article&& a) { o.articles.push_back(std::move(a)); });
    return o;
}
}  // namespace

TEST_CASE("one bad line loses one record: each is named with its line and skipped, every other line read") {
    std::string data = "{\"title\": \"One\", \"body\": \"First.\"}\n"
                       "{\"title\": \"Two\", \"body\": \n"
                       "[1, 2]\n"
                       "{\"title\": \"Four\", \"body\": \"Fourth.\"}\n"
                       "{\"unrelated\": true}\n"
                       "{\"title\": \"Six\", \"body\": \"Sixth.\"}\n";
    Outcome o = read_reporting({"x.jsonl", data});
    REQUIRE(o.articles.size() == 3);
    CHECK(o.articles[0].title == "One");
    CHECK(o.articles[1].title == "Four");
    CHECK(o.articles[2].title == "Six");
    REQUIRE(o.warnings.size() == 2);
    CHECK(o.warnings[0].first == 2);
    CHECK(o.warnings[0].second.starts_with("not valid JSON (column"));
    CHECK(o.warnings[1].first == 3);
    CHECK(o.warnings[1].second == "not a JSON object but an array: skipped");

    // The first line bad: still JSON Lines, still every other line.
    o = read_reporting({"x.jsonl", "{\"title\": \"cut\n" + data});
    CHECK(o.articles.size() == 3);
    CHECK(o.warnings.size() == 3);
    CHECK(o.warnings[0].first == 1);
}

TEST_CASE("a number too large for a double is one bad line, not an escaped exception (found by fuzz_jsonl)") {
    // nlohmann reports "1e999" as out_of_range, not as a parse error.
    std::string data = "{\"title\": \"One\", \"body\": \"First.\"}\n"
                       "{\"title\": \"Two\", \"body\": \"Second.\", \"score\": 1e999}\n"
                       "{\"title\": \"Three\", \"body\": \"Third.\"}\n";
    Outcome o = read_reporting({"x.jsonl", data});
    REQUIRE(o.articles.size() == 2);
    CHECK(o.articles[1].title == "Three");
    REQUIRE(o.warnings.size() == 1);
    CHECK(o.warnings[0].first == 2);
    CHECK(o.warnings[0].second.starts_with("not valid JSON ("));
    CHECK(o.warnings[0].second.find("1e999") != std::string::npos);
}

TEST_CASE("a file with no readable line is an error naming the first") {
    CHECK_THROWS_WITH_AS(read_jsonl("{\"a\": \n{{\n"), doctest::Contains("no readable record: 2 bad lines, the first at line 1"),
                         ReadError);
}

namespace {
// The bytes after a file's head, in pieces of `piece` bytes, as the loader gives them.
struct PieceStream : ByteStream {
    std::string data;
    std::size_t at = 0, piece;
    PieceStream(std::string d, std::size_t p) : data(std::move(d)), piece(p) {}
    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t n = std::min({size, piece, data.size() - at});
        data.copy(buffer, n, at);
        at += n;
        return n;
    }
};
}  // namespace

TEST_CASE("streamed: the head and the rest in pieces give every line, lines cut between pieces included") {
    std::string all;
    for (int i = 1; i <= 3000; ++i) {
        all += "{\"id\": \"s" + std::to_string(i) + "\", \"title\": \"Story " + std::to_string(i) +
               "\", \"body\": \"Text of story " + std::to_string(i) + ".\"}\n";
        if (i == 2000) all += "{broken\n";
    }
    for (std::size_t head : {std::size_t{100}, std::size_t{65536}}) {
        CAPTURE(head);
        PieceStream rest(all.substr(head), 1000);
        Outcome o = read_reporting({"big.jsonl", all.substr(0, head), &rest});
        REQUIRE(o.articles.size() == 3000);
        CHECK(o.articles[2999].title == "Story 3000");
        REQUIRE(o.warnings.size() == 1);
        CHECK(o.warnings[0].first == 2001);
    }
    // Streamed: the first article comes before the end of the file is read, also when the first
    // record is longer than the head (a line of JSON Lines, not a document to read whole).
    std::string first = "{\"title\": \"Long\", \"body\": \"" + std::string(100000, 'x') + "\"}\n";
    for (const std::string& data : {all, first + all}) {
        PieceStream rest(data.substr(65536), 4096);
        std::size_t read_at_first = 0, count = 0;
        JsonlReader().read({"big.jsonl", data.substr(0, 65536), &rest}, {}, [&](Article&&) {
            if (count++ == 0) read_at_first = rest.at;
        });
        CHECK(count == (data == all ? 3000 : 3001));
        CHECK(read_at_first < rest.data.size() / 2);
    }
}

TEST_CASE("invalid UTF-8 and CRLF line ends are repaired") {
    auto articles = read_jsonl("{\"title\": \"Caf\xE9 opens\", \"body\": \"Text.\"}\r\n");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Caf\xC3\xA9 opens");
}

TEST_CASE("sniffing JSON Lines") {
    JsonlReader r;
    CHECK(r.sniff("a.jsonl", "{\"title\": 1}\n") >= 90);
    CHECK(r.sniff("a.txt", "{\"a\": 1}\n{\"a\": 2}\n") >= 80);
    CHECK(r.sniff("a.jsonl", "<html>") == 0);
}

TEST_CASE("a crawled record without a date of its own takes the page's from its meta tags") {
    auto articles = read_jsonl(
        R"({"title": "Quay reopens", "text": "Boats moor again.", "publish_date": null, "meta_data": {"og": {"title": "x"}, "article": {"published_time": "2018-04-02T09:30:00-04:00"}}})" "\n"
        R"({"title": "Pier closes", "text": "Repairs start.", "meta_data": {"dc": {"date": "2017-11-20"}}})" "\n"
        R"({"title": "Ferry late", "text": "Fog again.", "meta_data": {"viewport": "width=device-width"}})" "\n");
    REQUIRE(articles.size() == 3);
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "2018-04-02T13:30:00Z");
    REQUIRE(articles[1].published);
    CHECK(dates::to_iso8601(*articles[1].published) == "2017-11-20T00:00:00Z");
    CHECK_FALSE(articles[2].published);
}

namespace {
std::vector<Article> read_api_sample(const std::string& name) {
    return read_jsonl(testing::read_file(testing::samples_dir() / "jsonl" / "api" / name));
}
std::string iso(const Article& a) { return a.published ? dates::to_iso8601(*a.published) : "none"; }
}  // namespace

TEST_CASE("an archive API response: its docs, headline and byline objects, keywords by category") {
    auto articles = read_api_sample("archive-api.json");
    REQUIRE(articles.size() == 2);
    const Article& a = articles[0];
    CHECK(a.id == "jsonl-ledger://article/7c1e-harbor");
    CHECK(a.title == "Harbor Commission Approves Dredging Plan");
    CHECK(a.body == "The harbor commission voted on Monday to deepen the old channel, ending a decade of delay.");
    CHECK(iso(a) == "2006-02-14T05:00:00Z");
    CHECK(a.url == "https://www.coastal-ledger.example/2006/02/14/harbor-dredging.html");
    CHECK(a.authors == std::vector<std::string>{"Maren Holt"});
    CHECK(a.section == "Metro");
    CHECK(a.people == std::vector<std::string>{"Henrietta Vale"});
    CHECK(a.organizations == std::vector<std::string>{"Harbor Commission"});
    CHECK(a.places == std::vector<std::string>{"Northport"});
    CHECK(a.keywords == std::vector<std::string>{"Ports"});
    CHECK(articles[1].title == "Ferry Fares to Rise in April");
}

TEST_CASE("a content API response: fields nested in the result are found") {
    auto articles = read_api_sample("content-api.json");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Harbour wall rebuilt a month early");
    CHECK(articles[0].body.starts_with("Engineers have finished rebuilding"));
    CHECK(iso(articles[0]) == "2024-05-06T07:30:00Z");
    CHECK(articles[0].authors == std::vector<std::string>{"Tomas Reyes"});
    CHECK(articles[0].section == "World news");
}

TEST_CASE("a blog's posts: rendered HTML becomes text, the UTC date is taken") {
    auto articles = read_api_sample("blog-posts.json");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Night trains return to the coast");
    CHECK(articles[0].body == "The night trains return to the coast line on Friday, after a summer of track works.\n\n"
                              "Tickets go on sale today & sell fast.");
    CHECK(iso(articles[0]) == "2023-09-01T08:00:00Z");
}

TEST_CASE("a search engine's dump: every hit's _source is an article") {
    auto articles = read_api_sample("search-dump.json");
    REQUIRE(articles.size() == 2);
    CHECK(articles[0].id == "jsonl-a1");
    CHECK(articles[0].title == "Pilots strike over night shifts");
    CHECK(articles[0].people == std::vector<std::string>{"Ada Quinn"});
    CHECK(articles[0].source == "Northport Wire");
    CHECK(iso(articles[1]) == "2025-02-13T16:40:00Z");
}

TEST_CASE("a JSON array export is sniffed as JSON") {
    JsonlReader r;
    CHECK(r.sniff("export.json", "[\n  {\"title\": \"x\"}") >= 80);
    CHECK(r.sniff("export.json", "[1, 2, 3]") == 0);
}
