#include <doctest/doctest.h>

#include "dates.h"
#include "text.h"
#include "test_paths.h"
#include "text_reader.h"

using namespace dateline;

namespace {
std::vector<Article> read_text(const std::string& data, const std::string& path = "story.txt") {
    std::vector<Article> out;
    TextReader().read({path, data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
std::string date_of(const Article& a) { return a.published ? dates::to_iso8601(*a.published) : "none"; }
}  // namespace

TEST_CASE("headline, date, byline and source from the lines under the headline") {
    auto articles = read_text(
        "Bank of Japan ends negative rates\n"
        "Tue, 19 Mar 2024 04:30:00 GMT\n"
        "By Kenji Ota and Mary Roe\n"
        "Source: Example Wire\n"
        "\n"
        "The Bank of Japan raised its short-term interest rate on Tuesday for the first time in seventeen years.\n");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Bank of Japan ends negative rates");
    CHECK(date_of(a) == "2024-03-19T04:30:00Z");
    CHECK(a.authors == std::vector<std::string>{"Kenji Ota", "Mary Roe"});
    CHECK(a.source == "Example Wire");
    CHECK(a.body.rfind("The Bank of Japan raised", 0) == 0);
    CHECK(a.format == "text");
}

TEST_CASE("a short name line under the headline is the source; a standfirst stays in the body") {
    auto articles = read_text(
        "Coffee prices climb\n"
        "Reuters\n"
        "Dry weather worries traders?\n"
        "\n"
        "Arabica coffee futures rose to their highest level in two years as traders worried about the harvest.\n");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].source == "Reuters");
    CHECK(articles[0].body.rfind("Dry weather worries traders?", 0) == 0);
    CHECK(!articles[0].published);
}

TEST_CASE("page furniture stays out of the headline, date and body") {
    auto articles = read_text(
        "Allies meet in Brussels\n"
        "\n"
        "  \xE2\x80\xA2 Example.com bureau\n"
        "  \xE2\x80\xA2 06:23 AM, February 14, 2025\n"
        "  \xE2\x80\xA2 939\n"
        "Allies meet in Brussels\n"
        "@NATO\n"
        "\n"
        "Defence ministers from the alliance met in Brussels on Wednesday to discuss support for Ukraine and spending.\n"
        "\n"
        "Also Read\n"
        "\n"
        "Another story headline\n"
        "September 24, 2024 @ 12:19 PM\n"
        "\xC2\xA9 2025 Example.com - ALL RIGHTS RESERVED\n");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Allies meet in Brussels");
    CHECK(date_of(a) == "2025-02-14T06:23:00Z");
    CHECK(a.source == "Example.com");
    CHECK(a.body.find("939") == std::string::npos);
    CHECK(a.body.find("@NATO") == std::string::npos);
    CHECK(a.body.find("Also Read") == std::string::npos);
    CHECK(a.body.find("Another story") == std::string::npos);
    CHECK(a.body.find("RESERVED") == std::string::npos);
}

TEST_CASE("a file with no date has none; Latin-1 is converted") {
    auto articles = read_text("Gen\xE8ve talks resume\n\nDiplomats returned to Gen\xE8ve on Monday to resume talks on the ceasefire and prisoner exchanges.\n");
    REQUIRE(articles.size() == 1);
    CHECK(!articles[0].published);
    CHECK(articles[0].title == "Gen\xC3\xA8ve talks resume");
}

TEST_CASE("an empty file is an error, not an article") {
    CHECK_THROWS_AS(read_text("   \n\n"), ReadError);
}

TEST_CASE("sniffing prefers .txt and leaves markup to other readers") {
    TextReader r;
    CHECK(r.sniff("a.txt", "Hello") > r.sniff("a", "Hello"));
    CHECK(r.sniff("page", "<html><head><title>x</title></head><body><p>y</p></body></html>") < 10);
    CHECK(r.sniff("a.txt", std::string("\0\0\0", 3)) == 0);
}

TEST_CASE("the project's samples read with their dates") {
    for (const auto& [file, date] : std::vector<std::pair<std::string, std::string>>{
             {"nato-ukraine-membership-2025-02-14.txt", "2025-02-14T18:10:00Z"},
             {"climate-summit-dubai-2023-12-13.txt", "2023-12-13T07:20:00Z"},
             {"wildfire-los-angeles-2025-01-09.txt", "2025-01-09T22:05:00Z"},
             {"no-date-market-note.txt", "none"}}) {
        CAPTURE(file);
        auto articles = read_text(testing::read_file(testing::samples_dir() / "text" / file), file);
        REQUIRE(articles.size() == 1);
        CHECK(date_of(articles[0]) == date);
        CHECK(!articles[0].body.empty());
    }
}

TEST_CASE("the seed story: headline, date, source and body come out right") {
    DATELINE_REQUIRE_SHARED();
    auto path = testing::shared_dir() / "seed" / "hegseth-nato-2025-02-14.txt";
    auto articles = read_text(testing::read_file(path), path.string());
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "U.S. Says Ukraine NATO Membership \xE2\x80\x98Unrealistic,\xE2\x80\x99 Shifts Focus to U.S. Borders");
    CHECK(date_of(a).substr(0, 10) == "2025-02-14");
    CHECK(text::equals_ci(a.source, "DefenseMirror.com"));
    CHECK(a.body.find("U.S. Secretary of Defense Pete Hegseth said Wednesday") != std::string::npos);
    CHECK(a.body.find("Hegseth insisted that the U.S. remains committed to NATO.") != std::string::npos);
    CHECK(a.body.find("Also Read") == std::string::npos);
    CHECK(a.body.find("ALL RIGHTS RESERVED") == std::string::npos);
    CHECK(a.body.find("939") == std::string::npos);
    CHECK(a.body.find("Key to Victory") == std::string::npos);
}
