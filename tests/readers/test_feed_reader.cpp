// FeedReader: RSS 2.0, RSS 1.0, Atom, localized dates, legacy encodings.
#include <doctest/doctest.h>

#include "dates.h"
#include "feed_reader.h"
#include "test_paths.h"

using namespace dateline;

namespace {
std::vector<Article> read_feed(const std::string& data) {
    std::vector<Article> out;
    FeedReader().read({"feed.xml", data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
std::vector<Article> read_sample(const std::string& name) {
    return read_feed(testing::read_file(testing::samples_dir() / "feeds" / name));
}
std::string iso(const Article& a) { return a.published ? dates::to_iso8601(*a.published) : "none"; }
}  // namespace

TEST_CASE("RSS 2.0: one article per item, content:encoded preferred, HTML removed") {
    auto articles = read_sample("city-desk-rss2.xml");
    REQUIRE(articles.size() == 3);
    const Article& a = articles[0];
    CHECK(a.format == "feed");
    CHECK(a.title == "Library to stay open late during exam season");
    CHECK(a.url == "https://www.coastal-ledger.example/city/library-late-opening");
    CHECK(a.id.empty());  // the pipeline derives it from the url
    CHECK(iso(a) == "2024-05-06T07:30:00Z");
    CHECK(a.authors == std::vector<std::string>{"Maren Holt"});
    CHECK(a.keywords == std::vector<std::string>{"Education", "Libraries"});
    CHECK(a.source == "The Coastal Ledger: City desk");
    CHECK(a.language == "en");
    CHECK(a.body.find("The council said the extra hours would cost") != std::string::npos);
    CHECK(a.body.find("<b>") == std::string::npos);
    CHECK(a.body.find("\n\n") != std::string::npos);

    CHECK(articles[1].authors == std::vector<std::string>{"Tomas Reyes"});  // "e-mail (Name)"
    CHECK(articles[1].body == "Engineers have finished rebuilding the damaged section of the harbour wall, a month ahead of schedule & under budget.");
    CHECK(iso(articles[2]) == "2024-05-04T11:00:00Z");
}

TEST_CASE("Atom: entries with html, xhtml content and the alternate link") {
    auto articles = read_sample("science-atom.xml");
    REQUIRE(articles.size() == 2);
    CHECK(articles[0].title == "Glacier retreat measured from space");
    CHECK(articles[0].url == "https://science.dateline.example/glacier-retreat");
    CHECK(iso(articles[0]) == "2024-04-19T12:20:00Z");  // published, not updated
    CHECK(articles[0].authors == std::vector<std::string>{"Ana Ferreira"});
    CHECK(articles[0].keywords == std::vector<std::string>{"Climate"});
    CHECK(articles[0].body.starts_with("Satellite images taken over twenty years"));
    CHECK(articles[0].source == "Dateline Science Notes");
    CHECK(articles[1].body == "Honey bees use the position of the sun, corrected for the time of day, to find their hive again after long flights.");
    CHECK(articles[1].id.starts_with("feed-"));  // no link: the entry id names it
    CHECK(iso(articles[1]) == "2024-04-18T08:00:00Z");
}

TEST_CASE("RSS 1.0 (RDF) with Dublin Core") {
    auto articles = read_sample("markets-rss1.rdf");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Wheat prices ease after strong harvest forecast");
    CHECK(iso(articles[0]) == "2024-07-09T16:30:00Z");
    CHECK(articles[0].authors == std::vector<std::string>{"Priya Natarajan"});
    CHECK(articles[0].keywords == std::vector<std::string>{"Commodities"});
    CHECK(articles[0].language == "en");
}

TEST_CASE("an ISO-8859-1 feed with a Portuguese RFC 822 date") {
    auto articles = read_sample("latin1-rss2.xml");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Feira de ver\xC3\xA3o atrai recorde de visitantes");
    CHECK(articles[0].body.find("pra\xC3\xA7" "a central") != std::string::npos);
    CHECK(iso(articles[0]) == "2024-01-15T21:20:00Z");
    CHECK(articles[0].language == "pt");
}

TEST_CASE("localized feed dates") {
    CHECK(parse_feed_date("mer, 16 nov 2022 00:38:15 +0100"));
    CHECK(dates::to_iso8601(*parse_feed_date("Seg, 24 Set 2018 19:42:40 -0300")) == "2018-09-24T22:42:40Z");
    CHECK(dates::to_iso8601(*parse_feed_date("Tue, 15 Nov 2022 20:15:04 Z")) == "2022-11-15T20:15:04Z");
    CHECK_FALSE(parse_feed_date("sometime soon"));
}

TEST_CASE("an item without a title is titled from its text") {
    auto articles = read_feed(R"(<rss version="2.0"><channel><title>T</title><item><description>Power is back in the north. Crews worked all night.</description></item></channel></rss>)");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Power is back in the north.");
}

TEST_CASE("a headline-only item has its headline as text") {
    auto articles = read_feed(R"(<rss version="2.0"><channel><title>Wire</title><item><title>Dam repairs finished early</title><description></description><link>https://x.example/dam</link></item></channel></rss>)");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Dam repairs finished early");
    CHECK(articles[0].body == "Dam repairs finished early");
}

TEST_CASE("a feed cut short is read in recovery mode, with a warning naming its line") {
    std::vector<std::string> warnings;
    std::vector<Article> got;
    SourceFile file{"cut.xml", testing::read_file(testing::samples_dir() / "hostile" / "malformed-feed.xml"), nullptr,
                    [&](std::size_t line, const std::string& why) { warnings.push_back(std::to_string(line) + ": " + why); }};
    FeedReader().read(file, {}, [&](Article&& a) { got.push_back(std::move(a)); });
    REQUIRE(got.size() == 1);
    CHECK(got[0].title == "An item whose markup never closes");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("malformed XML") != std::string::npos);
    CHECK(warnings[0].find("recovery mode") != std::string::npos);
}

TEST_CASE("a bare & loses no item: the feed is read in recovery mode, every item indexed") {
    std::string feed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Markets & More</title>
<item><title>AT&T to sell its towers</title><link>https://x.example/1</link><description>The carrier agreed to sell 6,000 towers.</description></item>
<item><title>Rates on hold</title><link>https://x.example/2</link><description>Q&A: what the pause means for savers.</description></item>
<item><title>Port strike ends</title><link>https://x.example/3</link><description>Dockers return on Monday.</description></item>
</channel></rss>
)";
    std::vector<std::pair<std::size_t, std::string>> warnings;
    std::vector<Article> got;
    SourceFile file{"markets.xml", feed, nullptr, [&](std::size_t line, const std::string& why) { warnings.emplace_back(line, why); }};
    FeedReader().read(file, {}, [&](Article&& a) { got.push_back(std::move(a)); });
    REQUIRE(got.size() == 3);
    CHECK(got[0].title.find("T to sell its towers") != std::string::npos);
    CHECK(got[1].body.find("what the pause means for savers") != std::string::npos);
    CHECK(got[2].title == "Port strike ends");
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].first == 2);
    CHECK(warnings[0].second.find("malformed XML") != std::string::npos);
}
