// NitfReader: NITF head, body and inline entity markup.
#include <doctest/doctest.h>

#include "dates.h"
#include "nitf_reader.h"
#include "test_paths.h"

using namespace dateline;

namespace {
std::vector<Article> read_nitf(const std::string& data) {
    std::vector<Article> out;
    NitfReader().read({"story.xml", data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
}  // namespace

TEST_CASE("an NITF story maps head, byline, body and inline entities") {
    auto articles = read_nitf(testing::read_file(testing::samples_dir() / "nitf" / "reservoir-levels.xml"));
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.format == "nitf");
    CHECK(a.id == "nitf-DLN-2023-0815-0042");
    CHECK(a.title == "Reservoir levels fall to lowest in a decade");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2023-08-15T07:15:00Z");  // date.issue, +02:00
    CHECK(a.authors == std::vector<std::string>{"Clara Winther"});
    CHECK(a.source == "Dateline Wire Service");
    CHECK(a.language == "en");
    CHECK(a.dateline.starts_with("Valderon"));
    // The byline's <person> wrote the story; the people in it are the body's.
    CHECK(a.people == std::vector<std::string>{"Anders Kjelsberg"});
    CHECK(a.organizations == std::vector<std::string>{"Northvale Water", "Regional Environment Agency"});
    CHECK(a.places == std::vector<std::string>{"Valderon", "Orla Valley"});
    CHECK(a.curated_people);
    CHECK(a.curated_organizations);
    CHECK(a.curated_places);
    CHECK(a.keywords == std::vector<std::string>{"drought", "water supply", "Environment"});
    CHECK(a.body.starts_with("Reservoirs serving Valderon"));
    CHECK(a.body.find("\n\nFarmers in the Orla Valley") != std::string::npos);
    CHECK(a.body.find("hl2") == std::string::npos);
}

TEST_CASE("NITF dates in basic ISO form, and a story without docdata dates") {
    auto articles = read_nitf(R"(<nitf><head><docdata><date.issue norm="YYYYMMDD000000-HHMM"/></docdata></head>
        <body><body.head><hedline><hl1>Late story</hl1></hedline><byline>By JOHN SMITH and Jane Roe, Associated Press</byline>
        <dateline>BERN, <story.date norm="20200105T101500Z">Jan 5</story.date></dateline></body.head>
        <body.content><p>Text.</p></body.content></body></nitf>)");
    REQUIRE(articles.size() == 1);
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "2020-01-05T10:15:00Z");
    CHECK(articles[0].authors == std::vector<std::string>{"John Smith", "Jane Roe"});
    CHECK(articles[0].people.empty());
    CHECK_FALSE(articles[0].curated_people);
}

TEST_CASE("a document that is not NITF is refused with a reason") {
    CHECK_THROWS_WITH_AS(read_nitf("<rss version=\"2.0\"/>"), doctest::Contains("not NITF"), ReadError);
}

TEST_CASE("NITF is sniffed, NITF inside NewsML is not") {
    NitfReader r;
    CHECK(r.sniff("a.xml", "<?xml version=\"1.0\"?>\n<nitf version=\"3.5\">") >= 90);
    CHECK(r.sniff("a.xml", "<newsMessage><itemSet><newsItem><contentSet><inlineXML><nitf>") == 0);
}

TEST_CASE("NITF 2.5: a headline written in <hedline> itself, dates without norm, nested blocks") {
    auto articles = read_nitf(testing::read_file(testing::samples_dir() / "nitf" / "nitf25-hedline-text.xml"));
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Glaciers in the Alps lost a tenth of their ice in two years");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2025-02-14T05:23:00Z");
    CHECK(a.authors == std::vector<std::string>{"Lene Bergstr\xC3\xB6m"});
    CHECK(a.source == "Nordwire");
    CHECK(a.body.starts_with("Alpine glaciers lost about a tenth"));
    CHECK(a.body.find("\n\nThe losses were greatest below 3,000 metres") != std::string::npos);
    CHECK(a.body.find("\n\nResearchers will present") != std::string::npos);
    CHECK(a.organizations == std::vector<std::string>{"Glacier Watch"});
    CHECK(a.places == std::vector<std::string>{"Geneva", "Z\xC3\xBCrich"});  // Zürich: the dateline's place
}

TEST_CASE("an NITF dateline gives the story's place, and its date when nothing else does") {
    auto articles = read_nitf("<nitf><body><body.head><hedline><hl1>Dam opens</hl1></hedline>"
                              "<dateline>TIGNES, France 1996-12-06</dateline></body.head>"
                              "<body.content><p>The dam opened.</p></body.content></body></nitf>");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].places == std::vector<std::string>{"Tignes", "France"});
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "1996-12-06T00:00:00Z");
}

TEST_CASE("NITF falls back to the story date's text, then to the publication date") {
    auto dated = [](const std::string& head, const std::string& dateline) {
        auto a = read_nitf("<nitf><head>" + head + "</head><body><body.head><hedline><hl1>Dam opens</hl1></hedline>" +
                           dateline + "</body.head><body.content><p>The dam opened.</p></body.content></body></nitf>");
        return a[0].published ? dates::to_iso8601(*a[0].published) : std::string("none");
    };
    CHECK(dated("", "<dateline>LYON, <story.date>March 3, 2024</story.date></dateline>") == "2024-03-03T00:00:00Z");
    CHECK(dated("<docdata><date.issue norm=\"2024-03-03T10:00:00+01:00\"/></docdata>", "") == "2024-03-03T09:00:00Z");
    CHECK(dated("<pubdata date.publication=\"20240303T101500Z\"/>", "") == "2024-03-03T10:15:00Z");
    CHECK(dated("<docdata><date.issue norm=\"20240303\"/></docdata>", "") == "2024-03-03T00:00:00Z");
}

TEST_CASE("archive NITF: the repeated lead block, a restated byline, identified content") {
    auto articles = read_nitf(testing::read_file(testing::samples_dir() / "nitf" / "archive-blocks.xml"));
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Harbor Commission Approves Dredging Plan");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2006-02-14T00:00:00Z");
    CHECK(a.id == "nitf-1739512");
    CHECK(a.source == "The Coastal Ledger");
    CHECK(a.section == "Metropolitan Desk");
    CHECK(a.authors == std::vector<std::string>{"Maren Holt"});  // "Holt, Maren" says it again
    // The lead paragraph block opens the full text too: it is there once.
    CHECK(a.body.starts_with("The harbor commission voted on Monday"));
    CHECK(a.body.find("voted on Monday", 40) == std::string::npos);
    CHECK(a.body.find("storms of 1996") != std::string::npos);
    CHECK(a.people == std::vector<std::string>{"Henrietta Vale"});
    CHECK(a.organizations == std::vector<std::string>{"Harbor Commission"});
    CHECK(a.places == std::vector<std::string>{"Northport"});
    CHECK(a.keywords == std::vector<std::string>{"Ports"});
}

TEST_CASE("NITF pictures' captions are not story text") {
    auto articles = read_nitf(R"(<nitf><head><docdata><date.issue norm="20250214T062300+0100"/></docdata></head>
        <body><body.head><hedline><hl1>Pilots strike</hl1></hedline></body.head><body.content>
        <p>Harbour pilots walked out on Friday.</p>
        <media media-type="image"><media-reference source="p.jpg"/><media-caption>Pilots at the gate.</media-caption></media>
        <p>The port said talks would resume.</p></body.content></body></nitf>)");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].body == "Harbour pilots walked out on Friday.\n\nThe port said talks would resume.");
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "2025-02-14T05:23:00Z");
}

TEST_CASE("namespaced NITF 3.6: hedline, byline person, dateline place, date with an offset") {
    auto articles = read_nitf(testing::read_file(testing::samples_dir() / "nitf" / "nitf36-namespaced.xml"));
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Pilots strike at the harbour");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2025-02-14T05:23:00Z");
    CHECK(a.authors == std::vector<std::string>{"Maren Holt"});
    CHECK(a.id == "nitf-EX-2025-0001");
    CHECK(a.body == "Harbour pilots walked out on Friday.\n\nThe port said talks would resume.");
}
