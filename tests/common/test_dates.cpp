#include <doctest/doctest.h>

#include <set>

#include "dates.h"

using namespace dateline;

namespace {
std::string iso(std::string_view s) {
    auto t = dates::parse(s);
    return t ? dates::to_iso8601(*t) : std::string("none");
}
}  // namespace

TEST_CASE("ISO 8601 with and without zones") {
    CHECK(iso("2025-02-14") == "2025-02-14T00:00:00Z");
    CHECK(iso("2025-02-14T06:23:00Z") == "2025-02-14T06:23:00Z");
    CHECK(iso("2025-02-14T06:23:00.123Z") == "2025-02-14T06:23:00Z");
    CHECK(iso("2023-12-13T11:20:00+04:00") == "2023-12-13T07:20:00Z");
    CHECK(iso("2025-02-14 06:23:00-0500") == "2025-02-14T11:23:00Z");
    CHECK(iso("20250214") == "2025-02-14T00:00:00Z");
}

TEST_CASE("RFC 822 and 2822, as feeds write them") {
    CHECK(iso("Fri, 14 Feb 2025 06:23:00 +0000") == "2025-02-14T06:23:00Z");
    CHECK(iso("Tue, 19 Mar 2024 04:30:00 GMT") == "2024-03-19T04:30:00Z");
    CHECK(iso("Fri, 14 Feb 25 06:23 EST") == "2025-02-14T11:23:00Z");
    CHECK(iso("Mon, 06 Jan 2025 23:30:00 PDT") == "2025-01-07T06:30:00Z");
}

TEST_CASE("prose dates from saved pages") {
    CHECK(iso("06:23 AM, February 14, 2025") == "2025-02-14T06:23:00Z");
    CHECK(iso("06:10 PM, February 14, 2025") == "2025-02-14T18:10:00Z");
    CHECK(iso("12:05 AM, February 14, 2025") == "2025-02-14T00:05:00Z");
    CHECK(iso("February 14, 2025") == "2025-02-14T00:00:00Z");
    CHECK(iso("Feb. 14, 2025") == "2025-02-14T00:00:00Z");
    CHECK(iso("14 February 2025") == "2025-02-14T00:00:00Z");
    CHECK(iso("9 January 2025 14:05 PST") == "2025-01-09T22:05:00Z");
    CHECK(iso("September 24, 2024 @ 12:19 PM") == "2024-09-24T12:19:00Z");
    CHECK(iso("Published: Friday, February 14th, 2025") == "2025-02-14T00:00:00Z");
    CHECK(iso("3 p.m. March 2, 2022") == "none");  // hours without minutes are not a time
}

TEST_CASE("Reuters-21578 dates") {
    CHECK(iso("26-FEB-1987 15:01:01.79") == "1987-02-26T15:01:01Z");
    CHECK(iso(" 3-MAR-1987 09:12:44.10") == "1987-03-03T09:12:44Z");
}

TEST_CASE("numeric dates: year first, day first with dots, month first with slashes") {
    CHECK(iso("2025/02/14") == "2025-02-14T00:00:00Z");
    CHECK(iso("14.02.2025") == "2025-02-14T00:00:00Z");
    CHECK(iso("02/14/2025") == "2025-02-14T00:00:00Z");
    CHECK(iso("14/02/2025") == "2025-02-14T00:00:00Z");
}

TEST_CASE("anything that is not only a date gives no date") {
    CHECK(iso("") == "none");
    CHECK(iso("939") == "none");
    CHECK(iso("Defensemirror.com bureau") == "none");
    CHECK(iso("The talks began on February 14, 2025 in Munich") == "none");
    CHECK(iso("February 30, 2025") == "none");
    CHECK(iso("2025-13-01") == "none");
    CHECK(iso("25:61 February 14, 2025") == "none");
}

TEST_CASE("filter bounds cover the whole period they name") {
    auto from = dates::parse_bound("2025-02", false);
    auto to = dates::parse_bound("2025-02", true);
    REQUIRE(from);
    REQUIRE(to);
    CHECK(dates::to_iso8601(*from) == "2025-02-01T00:00:00Z");
    CHECK(dates::to_iso8601(*to) == "2025-02-28T23:59:59Z");
    CHECK(dates::to_iso8601(*dates::parse_bound("1987", true)) == "1987-12-31T23:59:59Z");
    CHECK(dates::to_iso8601(*dates::parse_bound("2025-02-14", true)) == "2025-02-14T23:59:59Z");
    CHECK_FALSE(dates::parse_bound("soon", false));
}

TEST_CASE("the compact slot form round-trips") {
    auto t = dates::parse("2025-02-14T06:23:00Z");
    REQUIRE(t);
    CHECK(dates::to_compact(*t) == "20250214062300");
    CHECK(dates::from_compact("20250214062300") == t);
    CHECK_FALSE(dates::from_compact("2025"));
}

TEST_CASE("dates in German, French, Spanish, Italian, Dutch, Russian and Ukrainian") {
    CHECK(iso("3. M\xC3\xA4rz 2024") == "2024-03-03T00:00:00Z");
    CHECK(iso("3. M\xC3\x84RZ 2024") == "2024-03-03T00:00:00Z");
    CHECK(iso("le 3 mars 2024") == "2024-03-03T00:00:00Z");
    CHECK(iso("14 ao\xC3\xBBt 2023") == "2023-08-14T00:00:00Z");
    CHECK(iso("3 de marzo de 2024") == "2024-03-03T00:00:00Z");
    CHECK(iso("3 marzo 2024") == "2024-03-03T00:00:00Z");
    CHECK(iso("3 maart 2024") == "2024-03-03T00:00:00Z");
    CHECK(iso("3 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 2024 \xD0\xB3.") == "2024-03-03T00:00:00Z");      // 3 марта 2024 г.
    CHECK(iso("3 \xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F 2024 \xD1\x80.") == "2024-03-03T00:00:00Z");  // 3 березня 2024 р.
    CHECK(iso("Dienstag, 19. Dezember 2023 10:15") == "2023-12-19T10:15:00Z");
}

TEST_CASE("a day and month without a year take the year nearest a reference") {
    auto md = dates::parse_without_year("Feb 26");
    REQUIRE(md);
    CHECK(md->month == 2);
    CHECK(md->day == 26);
    CHECK(dates::to_iso8601(*dates::nearest(*md, *dates::parse("1987-03-02"))) == "1987-02-26T00:00:00Z");
    CHECK(dates::to_iso8601(*dates::nearest(*md, *dates::parse("1988-01-10"))) == "1988-02-26T00:00:00Z");
    CHECK(dates::to_iso8601(*dates::nearest(*md, *dates::parse("1988-08-20"))) == "1988-02-26T00:00:00Z");
    CHECK(dates::to_iso8601(*dates::nearest(*md, *dates::parse("1988-09-30"))) == "1989-02-26T00:00:00Z");
    CHECK(dates::to_iso8601(*dates::nearest(*dates::parse_without_year("29 February"), *dates::parse("2023-06-01"))) ==
          "2024-02-29T00:00:00Z");
    CHECK(dates::parse_without_year("3 mars")->month == 3);
    CHECK(!dates::parse_without_year("Feb 2025"));
    CHECK(!dates::parse_without_year("2025-02-26"));
    CHECK(!dates::parse_without_year("Feb 30"));
    CHECK(!dates::parse("Feb 26"));
}

TEST_CASE("an archive's folders and file names give a date") {
    auto at = [](std::string_view path) {
        auto t = dates::date_in_path(path);
        return t ? dates::to_iso8601(*t) : std::string("none");
    };
    CHECK(at("/archive/1996/12/06/story.txt") == "1996-12-06T12:00:00Z");
    CHECK(at("/archive/1996/12/story.txt") == "1996-12-15T12:00:00Z");
    CHECK(at("/archive/1996/story.txt") == "1996-07-02T12:00:00Z");
    CHECK(at("/archive/wire/ecb-holds-rates-2024-10-17.txt") == "2024-10-17T12:00:00Z");
    CHECK(at("/archive/19961206_story.txt") == "1996-12-06T12:00:00Z");
    CHECK(at("/archive/doc0001.txt") == "none");
    CHECK(at("/archive/2024") == "none");  // a file named like a year is no folder
}

TEST_CASE("the calendar list: months of every language, never-names only in English") {
    std::size_t months = 0;
    std::set<std::string> languages;
    for (const dates::CalendarWord& w : dates::calendar_words()) {
        if (w.kind == dates::CalendarWord::Kind::month) ++months;
        languages.insert(w.language);
    }
    CHECK(months > 100);
    CHECK(languages == std::set<std::string>{"de", "en", "es", "fr", "it", "nl", "ru", "uk"});
    CHECK(dates::month_named("Sept") == 9);
    CHECK(dates::month_named("\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0") == 3);
    CHECK(dates::month_named("Monday") == 0);
}
