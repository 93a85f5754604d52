#include <doctest/doctest.h>

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
