// HtmlReader: metadata from JSON-LD and meta tags, and the article text without the page around it.
#include <doctest/doctest.h>

#include <algorithm>

#include "dates.h"
#include "html_reader.h"
#include "test_paths.h"

using namespace dateline;

namespace {

std::vector<Article> read_html(const std::string& path, const std::string& data) {
    std::vector<Article> out;
    HtmlReader().read({path, data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}

std::vector<Article> read_sample(const std::string& name) {
    auto p = testing::samples_dir() / "html" / name;
    return read_html(p.string(), testing::read_file(p));
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("a news page with furniture gives the story and its metadata") {
    auto articles = read_sample("harbour-ferry-strike.html");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.format == "html");
    CHECK(a.title == "Ferry crews walk out as harbour talks collapse");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2024-03-12T07:45:00Z");
    CHECK(a.authors == std::vector<std::string>{"Maren Holt", "Tomas Reyes"});
    CHECK(a.source == "The Coastal Ledger");
    CHECK(a.url == "https://www.coastal-ledger.example/news/2024/03/ferry-crews-walk-out");
    CHECK(a.language == "en");
    CHECK(a.section == "Business");
    CHECK(contains(a.keywords, "strikes"));

    // JSON-LD about/mentions, by type; an untyped "Thing" is not an entity.
    CHECK(a.people == std::vector<std::string>{"Ingrid Solberg"});
    CHECK(contains(a.organizations, "Harbour Transport Authority"));
    CHECK(contains(a.organizations, "Maritime Workers Union"));
    CHECK(a.places == std::vector<std::string>{"Port Alder"});
    CHECK(a.curated_people);
    CHECK_FALSE(contains(a.keywords, "Timetables"));

    CHECK(a.body.starts_with("Ferry services across Port Alder stopped before dawn"));
    CHECK(a.body.find("\n\nThe Maritime Workers Union said") != std::string::npos);
    CHECK(a.body.find("A second stoppage is planned") != std::string::npos);
    for (const char* furniture : {"cookies", "Puzzles", "Cheap flights", "Share on Facebook", "Advertisement",
                                  "Related stories", "Bus drivers accept", "Typical. Every spring", "morning briefing",
                                  "All rights reserved", "By Maren Holt"}) {
        INFO(furniture);
        CHECK(a.body.find(furniture) == std::string::npos);
    }
}

TEST_CASE("an old table layout in ISO-8859-1 is decoded and its menu and ads left out") {
    auto articles = read_sample("old-layout-latin1.html");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Les vendanges commencent t\xC3\xB4t dans le Val de Loire");
    CHECK(a.body.find("ont commenc\xC3\xA9 la r\xC3\xA9" "colte") != std::string::npos);
    CHECK(a.body.find("\xC2\xAB Nous n'avons jamais") != std::string::npos);
    CHECK(a.body.find("Accueil") == std::string::npos);
    CHECK(a.body.find("Publicit") == std::string::npos);
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2023-08-28T00:00:00Z");
}

TEST_CASE("meta tags stand in for JSON-LD, and <title> loses the site name") {
    std::string page = R"(<html><head><title>Dam opens its gates after heavy rain - Valley Post</title>
        <meta name="parsely-pub-date" content="2021-11-03T18:00:00-05:00">
        <meta name="sailthru.author" content="RUTH OKAFOR">
        <meta property="og:locale" content="de_DE"></head>
        <body><div class="content"><p>The dam opened three of its five gates on Wednesday after the heaviest rain in a decade, and the river rose by a metre within hours.</p>
        <p>Residents downstream were told to move cars and valuables to higher ground, though officials said they did not expect homes to flood.</p></div></body></html>)";
    auto articles = read_html("page.html", page);
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Dam opens its gates after heavy rain");
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "2021-11-03T23:00:00Z");
    CHECK(articles[0].authors == std::vector<std::string>{"Ruth Okafor"});
    CHECK(articles[0].language == "de");
    CHECK(articles[0].body.find("three of its five gates") != std::string::npos);
}

TEST_CASE("a page without a date has none") {
    auto articles = read_html("p.html", "<html><head><title>Notes</title></head><body><p>Just a paragraph of text with no date in it at all, written plainly.</p></body></html>");
    REQUIRE(articles.size() == 1);
    CHECK_FALSE(articles[0].published);
}

TEST_CASE("sniffing tells HTML from XML formats") {
    HtmlReader r;
    CHECK(r.sniff("a.html", "<!DOCTYPE html><html>") >= 80);
    CHECK(r.sniff("a.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\">") == 0);
}

TEST_CASE("captions, credits, bylines, timestamps, ad labels, sign-ups and bios are not body text") {
    auto articles = read_sample("council-budget-vote.html");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    // The JSON-LD sits inside a CDATA marker; its headline and author are read all the same.
    CHECK(a.title == "Council passes budget with library cuts reversed");
    CHECK(a.authors == std::vector<std::string>{"Priya Lindqvist"});
    // The only date is the visible "Updated: ..." line.
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2024-03-04T21:15:00Z");

    CHECK(a.body.starts_with("Northfield's council approved next year's budget"));
    for (const char* kept : {"keeps council tax rises to 2.9 per cent", "trimming the consultancy budget",
                             "What changes for residents", "mobile library will again visit",
                             "the libraries mattered to them", "The budget takes effect on the first of April."}) {
        INFO(kept);
        CHECK(a.body.find(kept) != std::string::npos);
    }
    for (const char* furniture : {"Councillors vote in the chamber", "Dana Whitcombe", "Local Government Reporter",
                                  "Updated:", "Advertisement", "Library petition passes", "morning briefing",
                                  "open six days a week again", "has reported from the council chamber",
                                  "Read more local news", "All rights reserved"}) {
        INFO(furniture);
        CHECK(a.body.find(furniture) == std::string::npos);
    }
}

TEST_CASE("a social title loses a site name behind a bar, a section before one stays") {
    auto page = [](const std::string& og_title) {
        return "<html><head><meta property=\"og:title\" content=\"" + og_title + "\"><meta property=\"og:site_name\" "
               "content=\"Harbour Times\"></head><body><p>Plenty of ordinary text in a paragraph about the harbour, "
               "the tides and the boats that use it every day of the year.</p></body></html>";
    };
    CHECK(read_html("a.html", page("Tide tables change for the summer | Harbour Times"))[0].title ==
          "Tide tables change for the summer");
    CHECK(read_html("b.html", page("Tide tables change for the summer - Harbour Times"))[0].title ==
          "Tide tables change for the summer");
    CHECK(read_html("c.html", page("Why tide tables change every summer | Opinion Desk"))[0].title ==
          "Why tide tables change every summer");
    CHECK(read_html("d.html", page("Opinion | Why tide tables change every summer"))[0].title ==
          "Opinion | Why tide tables change every summer");
}

TEST_CASE("a visible timestamp gives the date when no markup does, other stories' do not") {
    auto date_of = [](const std::string& body) {
        auto a = read_html("t.html", "<html><head><title>Quay wall repaired</title></head><body>" + body +
                                         "<p>The quay wall was repaired over the winter at a cost of two million, "
                                         "and boats are mooring there again.</p></body></html>");
        return a[0].published ? dates::to_iso8601(*a[0].published) : std::string("none");
    };
    CHECK(date_of("<span class=\"x1\">Posted: Oct 14, 2022 9:27 AM | Last updated</span>") == "2022-10-14T09:27:00Z");
    CHECK(date_of("<div class=\"post-date\">By Ana Ruiz &middot; May 20, 2019</div>") == "2019-05-20T00:00:00Z");
    CHECK(date_of("<time>Dec 13, 2016 at 3:45 pm</time>") == "2016-12-13T15:45:00Z");
    // Timestamps of the stories in a sidebar or a list of links are theirs, not this page's.
    CHECK(date_of("<aside><span class=\"date\">March 1, 2020</span></aside>") == "none");
    CHECK(date_of("<ul><li><a href=\"/x\">Ferry fares rise</a> <time>Feb 2, 2021</time></li></ul>") == "none");
    CHECK(date_of("<p>The wall was built in 1911 and last repaired in 1987.</p>") == "none");
}

TEST_CASE("a story split over blocks comes out whole, without the furniture between them") {
    const std::string prose =
        " The harbour board met for four hours, heard from pilots, tug crews and the ferry operators, "
        "and agreed that the dredging would start in the spring, weather allowing.";
    std::string page =
        "<html><head><title>Dredging to start in spring | The Coastal Ledger</title></head><body>"
        "<div class=\"page-ad-margins\"><div class=\"site-nav\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></div>"
        "<div class=\"story\"><h1>Dredging to start in spring</h1>"
        "<div class=\"story-intro\"><p><strong>The channel into the old harbour will be deepened next year, "
        "the board said on Monday, ending years of delay.</strong></p></div>"
        "<p>First part." + prose + "</p><p>Second part." + prose + "</p>"
        "<div class=\"figure\"><div class=\"figure-caption\">A dredger at work in the outer basin, last summer.</div></div>"
        "<p>dredger outer basin.jpg</p><p>Buy Photo</p><figure><img src=\"b.jpg\"><span>The basin in 1996.</span></figure>"
        "<p>The old basin at low tide on Sunday. Jo Marsh/AP</p>"
        "<div class=\"tide-widget\"><p>Tides</p><p>High 06:12 4.1 m, Low 12:30 0.8 m, High 18:41 4.3 m, Low 00:55 0.6 m</p>"
        "<p>07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 01 02 03 04 05 06</p></div>"
        "<table><tr><th>Berth</th><th>Depth</th><th>Ships</th></tr><tr><td>North</td><td>9.5</td><td>112</td></tr>"
        "<tr><td>South</td><td>8.25</td><td>87</td></tr><tr><td>East</td><td>7.1</td><td>64</td></tr>"
        "<tr><td>West</td><td>6.8</td><td>51</td></tr></table>"
        "<div class=\"read-more\"><button>Read more</button><div class=\"read-more-content\">"
        "<p>Third part." + prose + "</p><p>Fourth part." + prose + "</p><p>Fifth part." + prose + "</p>"
        "<p>Sixth part." + prose + "</p></div></div></div>"
        "<div class=\"more-stories\"><ul><li><a href=\"/a\">Ferry fares rise again this winter</a></li>"
        "<li><a href=\"/b\">Pier reopens after repairs</a></li></ul></div></div></body></html>";
    auto a = read_html("split.html", page);
    REQUIRE(a.size() == 1);
    const std::string& body = a[0].body;
    CHECK(body.starts_with("The channel into the old harbour"));  // the headline is not repeated
    for (const char* part : {"First part.", "Second part.", "Third part.", "Sixth part."}) {
        INFO(part);
        CHECK(body.find(part) != std::string::npos);
    }
    for (const char* furniture : {"Dredging to start", "A dredger at work", ".jpg", "Buy Photo", "basin in 1996", "low tide", "06:12", "8.25",
                                  "Read more", "Ferry fares", "Home"}) {
        INFO(furniture);
        CHECK(body.find(furniture) == std::string::npos);
    }
}

TEST_CASE("a page that builds its story with scripts falls back to the JSON-LD articleBody") {
    const std::string story =
        "The harbour board approved the dredging of the old channel on Monday. Work starts in the spring "
        "and will take two seasons, the board said, and the channel will stay open to ferries and fishing boats throughout.";
    auto page = [&](const std::string& markup_body) {
        return "<html><head><title>Dredging approved</title><script type=\"application/ld+json\">"
               "{\"@type\":\"NewsArticle\",\"headline\":\"Dredging approved\",\"articleBody\":\"" + story +
               "\"}</script></head><body><div id=\"app\">" + markup_body + "</div></body></html>";
    };
    CHECK(read_html("js.html", page("<p>Loading...</p>"))[0].body == story);
    // When the markup holds the story, its text is the body, whatever articleBody says.
    std::string full = "<p>Markup text of the story, which the page shows to readers in full, paragraph by paragraph, "
                       "with the quotes and figures the summary leaves out.</p><p>A second paragraph of the story, as long "
                       "as the first, so that the markup clearly holds the article.</p>";
    CHECK(read_html("full.html", page(full))[0].body.starts_with("Markup text of the story"));
}

TEST_CASE("a page without a story has its description as text") {
    auto a = read_html("front.html",
                       "<html><head><title>The Coastal Ledger</title><meta name=\"description\" content=\"News from the coast: "
                       "harbour, ferries and the council.\"></head><body><nav><a href=\"/a\">Harbour</a> <a href=\"/b\">Ferries</a>"
                       "</nav><ul><li><a href=\"/c\">Pilots strike</a></li><li><a href=\"/d\">Quay reopens</a></li></ul></body></html>");
    REQUIRE(a.size() == 1);
    CHECK(a[0].body == "News from the coast: harbour, ferries and the council.");
}

TEST_CASE("a results page is its table: the rowers' names and times are the story, marked table") {
    auto a = read_sample("harbour-regatta-results.html");
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == "table");
    for (const char* row : {"1 Ingrid Voss Kingsbridge 7:21.04", "6 Ruth Penhale Harrowgate 7:35.48"}) {
        INFO(row);
        CHECK(a[0].body.find(row) != std::string::npos);
    }
    CHECK(a[0].body.find("Most read") == std::string::npos);
    CHECK(read_sample("council-budget-vote.html")[0].kind == "story");
}
