#include <doctest/doctest.h>

#include <algorithm>

#include "csv_reader.h"
#include "dates.h"
#include "test_paths.h"

using namespace dateline;

namespace {
std::vector<Article> read_csv(const std::string& data, const std::string& path = "table.csv", ReaderOptions options = {}) {
    std::vector<Article> out;
    CsvReader().read({path, data}, options, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
}  // namespace

TEST_CASE("a table with a header: columns by name, quoted fields over several lines, rows without text passed over") {
    auto articles = read_csv(testing::read_file(testing::samples_dir() / "csv" / "desk-export.csv"));
    REQUIRE(articles.size() == 2);
    const Article& a = articles[0];
    CHECK(a.title == "Port workers end three-day strike");
    CHECK(dates::to_iso8601(*a.published) == "2025-03-04T09:30:00Z");
    CHECK(a.authors == std::vector<std::string>{"Lena Marsh"});
    CHECK(a.section == "Business");
    CHECK(a.keywords == std::vector<std::string>{"ports", "labour"});
    CHECK(a.body.find("\n\nThe Port of Rotterdam said") != std::string::npos);
    CHECK(a.format == "csv");
    CHECK(articles[1].title == "City council approves new tram line");
}

TEST_CASE("a table without a header, ';' and single quotes: the longest column is the text, the short one the section") {
    auto articles = read_csv(testing::read_file(testing::samples_dir() / "csv" / "labelled-corpus.csv"));
    REQUIRE(articles.size() == 3);
    CHECK(articles[0].section == "Sport");
    CHECK(articles[0].title == "Heimsieg im Derby.");
    CHECK(articles[0].body.find("von einem 'verdienten' Erfolg") != std::string::npos);
    CHECK(articles[2].section == "Kultur");
}

TEST_CASE("--map names the column of a field") {
    ReaderOptions options;
    options.json_map = {{"body", "story"}};
    auto articles = read_csv("story,headline\n\"Negotiators met again in Geneva on Monday.\",Talks resume\n", "t.csv", options);
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Talks resume");
    CHECK(articles[0].body == "Negotiators met again in Geneva on Monday.");
}

TEST_CASE("a metadata table with no article text is not an article; a tab-separated table is read") {
    CHECK_THROWS_AS(read_csv("file,title,year\na.txt,One,2016\nb.txt,Two,2017\n"), NotAnArticle);
    auto tsv = read_csv("title\ttext\nStorm warning\tForecasters warned of gales along the coast overnight.\n", "t.tsv");
    REQUIRE(tsv.size() == 1);
    CHECK(tsv[0].title == "Storm warning");
}

TEST_CASE("only .csv and .tsv files are claimed") {
    CHECK(CsvReader().sniff("x.csv", "a,b") > 50);
    CHECK(CsvReader().sniff("x.TSV", "a\tb") > 50);
    CHECK(CsvReader().sniff("x.txt", "a,b") == 0);
}

TEST_CASE("a headerless table of one-sentence briefs is a table of articles; a table of short codes is not") {
    auto briefs = read_csv("Sport;\"Quaymaster named at Port Ellery. The quaymaster of Port Ellery was named on Sunday.\"\n"
                           "Sport;\"Ferry resumes. The Kiel ferry resumed its winter sailings on Monday.\"\n"
                           "City;\"Bridge shut. The old harbour bridge was shut for repairs on Tuesday.\"\n");
    REQUIRE(briefs.size() == 3);
    CHECK(briefs[0].title == "Quaymaster named at Port Ellery.");
    CHECK(briefs[0].kind == "brief");
    CHECK_THROWS_AS(read_csv("a.txt;One;2016;x1\nb.txt;Two;2017;x2\nc.txt;Three;2018;x3\n"), NotAnArticle);
}

TEST_CASE("a dateline column gives the row's place, and its date when the row has none") {
    auto rows = read_csv("title,text,dateline\nDam opens,The dam opened on Friday.,\"TIGNES, France 1996-12-06\"\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].places == std::vector<std::string>{"Tignes", "France"});
    REQUIRE(rows[0].published);
    CHECK(dates::to_iso8601(*rows[0].published) == "1996-12-06T00:00:00Z");
}

namespace {
struct Reported {
    std::vector<Article> articles;
    std::vector<std::pair<std::size_t, std::string>> warnings;
};
Reported read_reporting(const std::string& data, ByteStream* rest = nullptr) {
    Reported o;
    SourceFile file{"table.csv", data, rest, [&](std::size_t line, const std::string& why) { o.warnings.emplace_back(line, why); }};
    CsvReader().read(file, {}, [&](Article&& a) { o.articles.push_back(std::move(a)); });
    return o;
}

struct PieceStream : ByteStream {
    std::string data;
    std::size_t at = 0;
    explicit PieceStream(std::string d) : data(std::move(d)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t n = std::min<std::size_t>({size, 777, data.size() - at});
        data.copy(buffer, n, at);
        at += n;
        return n;
    }
};
}  // namespace

TEST_CASE("a broken row is named with its line and skipped; every other row is read") {
    Reported o = read_reporting(
        "title,text,section\n"
        "Ferry resumes,\"The ferry runs again from Monday, the operator said.\",Transport\n"
        "Too many,\"Fields here\",Extra,Cells,Here\n"
        "Stray quote,\"The mayor \"said\" the budget, which is late, is ready\",Politics\n"
        "Bridge opens,\"The new bridge opened on Friday.\nTraffic was light.\",Transport\n"
        "Unclosed,\"This quote never closes, and nothing after it\n");
    REQUIRE(o.articles.size() == 2);
    CHECK(o.articles[0].title == "Ferry resumes");
    CHECK(o.articles[1].title == "Bridge opens");
    CHECK(o.articles[1].body == "The new bridge opened on Friday. Traffic was light.");
    REQUIRE(o.warnings.size() == 3);
    CHECK(o.warnings[0].first == 3);
    CHECK(o.warnings[0].second == "broken row (5 fields where the header has 3): skipped");
    CHECK(o.warnings[1].first == 4);
    CHECK(o.warnings[1].second.find("text after the closing quote") != std::string::npos);
    CHECK(o.warnings[2].first == 7);
    CHECK(o.warnings[2].second.find("a quote opened on line 7 is never closed") != std::string::npos);
}

TEST_CASE("a table with nothing but broken rows is an error") {
    CHECK_THROWS_WITH_AS(read_csv("title,text\nA,\"b\"c,d,e\n"), doctest::Contains("no readable row"), ReadError);
}

TEST_CASE("streamed: a table given as a head and a stream of pieces reads like the whole") {
    std::string table = "id;title;text\n";
    for (int i = 1; i <= 2000; ++i) {
        table += "r" + std::to_string(i) + ";Story " + std::to_string(i) + ";\"Line one of story " + std::to_string(i) +
                 ";\nline two.\"\n";
    }
    PieceStream rest(table.substr(5000));
    Reported o = read_reporting(table.substr(0, 5000), &rest);
    REQUIRE(o.articles.size() == 2000);
    CHECK(o.warnings.empty());
    CHECK(o.articles[1999].title == "Story 2000");
    CHECK(o.articles[1999].body == "Line one of story 2000; line two.");
}
