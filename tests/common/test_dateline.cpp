#include <doctest/doctest.h>

#include "dateline.h"
#include "dates.h"

using namespace dateline;
using wire::DatelineStatus;

namespace {

std::optional<UtcTime> day(std::string_view iso) { return dates::parse(iso); }

std::string iso(const std::optional<UtcTime>& t) { return t ? dates::to_iso8601(*t).substr(0, 10) : "none"; }

wire::Dateline read(std::string_view text, std::optional<UtcTime> reference = std::nullopt) {
    wire::DatelineResult r = wire::read_dateline(text, reference);
    CAPTURE(text);
    REQUIRE(r.status == DatelineStatus::read);
    return r.dateline;
}

DatelineStatus status(std::string_view text) { return wire::read_dateline(text, day("2024-03-10")).status; }

}  // namespace

TEST_CASE("a place in capitals and an ISO date: the whole line") {
    wire::Dateline d = read("MELBOURNE 1996-12-06");
    CHECK(d.place == "Melbourne");
    CHECK(d.country.empty());
    CHECK(iso(d.date) == "1996-12-06");
    CHECK(d.year_from == wire::Dateline::YearFrom::line);
    CHECK(d.source.empty());
    CHECK(d.text == "MELBOURNE 1996-12-06");
    CHECK(d.length == 20);
}

TEST_CASE("a place with its country, also as tokenised wire copy writes it") {
    wire::Dateline d = read("TIGNES, France 1996-12-06");
    CHECK(d.place == "Tignes");
    CHECK(d.country == "France");
    CHECK(iso(d.date) == "1996-12-06");
    wire::Dateline t = read("LA CORUNA , Spain 1996-08-31");
    CHECK(t.place == "La Coruna");
    CHECK(t.country == "Spain");
    CHECK(iso(t.date) == "1996-08-31");
    wire::Dateline s = read("FARMINGTON HILLS , Mich .");
    CHECK(s.place == "Farmington Hills");
    CHECK(s.country == "Mich");
    CHECK(!s.date);
}

TEST_CASE("a day and month with the agency, opening the first paragraph") {
    std::string_view text = "LONDON, March 3 (Reuters) - Shares fell in London on Monday.";
    wire::Dateline d = read(text, day("2024-03-05"));
    CHECK(d.place == "London");
    CHECK(d.source == "Reuters");
    CHECK(iso(d.date) == "2024-03-03");
    CHECK(d.year_from == wire::Dateline::YearFrom::reference);
    CHECK(d.text == "LONDON, March 3 (Reuters)");
    CHECK(text.substr(d.length) == "Shares fell in London on Monday.");
}

TEST_CASE("the year of a day and month is the one nearest the reference; none without a reference") {
    CHECK(iso(read("SALVADOR, Feb 26 -", day("1987-03-02")).date) == "1987-02-26");
    CHECK(iso(read("SALVADOR, Dec 30 -", day("1988-01-02")).date) == "1987-12-30");
    CHECK(iso(read("SALVADOR, Jan 2 -", day("1987-12-30")).date) == "1988-01-02");
    wire::Dateline d = read("SALVADOR, Feb 26 -");
    CHECK(!d.date);
    CHECK(d.year_from == wire::Dateline::YearFrom::none);
    CHECK(d.place == "Salvador");
}

TEST_CASE("an agency and no date") {
    std::string_view text = "WASHINGTON (AP) -- The Senate voted on Tuesday.";
    wire::Dateline d = read(text);
    CHECK(d.place == "Washington");
    CHECK(d.source == "AP");
    CHECK(!d.date);
    CHECK(text.substr(d.length) == "The Senate voted on Tuesday.");
    CHECK(read("NEW YORK, Dec 3, 2024 /PRNewswire/ -- Acme said").source == "PRNewswire");
    CHECK(read("Berlin (dpa) - Die Bundesregierung hat").place == "Berlin");
    CHECK(read("WASHINGTON \xE2\x80\x94 The Senate voted").place == "Washington");
}

TEST_CASE("date lines in the archive's other languages") {
    auto ref = day("2024-03-10");
    struct Case { const char* text; const char* place; const char* date; const char* source; };
    for (const Case& c : std::vector<Case>{
             {"PARIS, 3 mars (AFP) - Le gouvernement", "Paris", "2024-03-03", "AFP"},
             {"PARIS, 3 mars 2024 (AFP) -", "Paris", "2024-03-03", "AFP"},
             {"BERLIN, 3. M\xC3\xA4rz 2024 (dpa) - Die Regierung", "Berlin", "2024-03-03", "dpa"},
             {"BERLIN, 3. M\xC3\xA4rz (dpa) -", "Berlin", "2024-03-03", "dpa"},
             {"MADRID, 3 de marzo de 2024 (EFE) -", "Madrid", "2024-03-03", "EFE"},
             {"Madrid, 3 mar (EFE).- El Gobierno", "Madrid", "2024-03-03", "EFE"},
             {"ROMA, 3 MAR - Il governo", "Roma", "2024-03-03", ""},
             {"ROMA, 3 marzo 2024 (ANSA) -", "Roma", "2024-03-03", "ANSA"},
             {"AMSTERDAM, 3 maart 2024 (ANP) -", "Amsterdam", "2024-03-03", "ANP"},
             {"\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 3 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 2024 (\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1) -",
              "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "2024-03-03", "\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1"},
             {"\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 3 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0. /\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1/.",
              "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "2024-03-03", "\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1"},
             // КИЇВ, 3 березня 2024 р. (Укрінформ) -
             {"\xD0\x9A\xD0\x98\xD0\x87\xD0\x92, 3 \xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F 2024 \xD1\x80. (\xD0\xA3\xD0\xBA\xD1\x80\xD1\x96\xD0\xBD\xD1\x84\xD0\xBE\xD1\x80\xD0\xBC) -",
              "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "2024-03-03", "\xD0\xA3\xD0\xBA\xD1\x80\xD1\x96\xD0\xBD\xD1\x84\xD0\xBE\xD1\x80\xD0\xBC"},
         }) {
        CAPTURE(c.text);
        wire::DatelineResult r = wire::read_dateline(c.text, ref);
        REQUIRE(r.status == DatelineStatus::read);
        CHECK(r.dateline.place == c.place);
        CHECK(iso(r.dateline.date) == c.date);
        CHECK(r.dateline.source == c.source);
    }
}

TEST_CASE("a line shaped like a date line whose date cannot be read is unreadable, not a dateline") {
    CHECK(status("LONDON, Marhc 3 (Reuters) - Shares fell") == DatelineStatus::unreadable);
    CHECK(status("MELBOURNE 1996-13-45") == DatelineStatus::unreadable);
    CHECK(status("PARIS, 31 f\xC3\xA9vrier (AFP) -") == DatelineStatus::unreadable);
}

TEST_CASE("headlines, bylines, sentences and metadata are no datelines") {
    for (const char* text : {"CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY .",
                             "BANGKOK", "Larry Fine", "NATO, the alliance, said on Monday it would meet.",
                             "Following is a summary of major Indonesian political stories .",
                             "ISSUER : Bay Co Building Authority ST : MI", "Romania - Cosmin Contra ( 31st )",
                             "The (new) plan - announced today", "Paris 3 March", "", "   "}) {
        CAPTURE(text);
        CHECK(status(text) == DatelineStatus::none);
    }
}

TEST_CASE("a place alone in capitals, but no agency, publication or slug") {
    for (const char* line : {"BANGKOK", "NEW YORK", "FARMINGTON HILLS", "ST. PETERSBURG", "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92"}) {
        CAPTURE(line);
        CHECK(wire::is_place_line(line));
    }
    for (const char* line : {"REUTERS", "BBC NEWS", "THE DAILY HERALD", "EXCLUSIVE", "UPDATE 1", "SPORTS", "Bangkok",
                             "DEFENSEMIRROR.COM", "A B C D", ""}) {
        CAPTURE(line);
        CHECK_FALSE(wire::is_place_line(line));
    }
}
