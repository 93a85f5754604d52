// Publication dates in the forms news sources write them.
//
// parse() reads a string that is a date and nothing else (filler such as "Published:", "@",
// "at", weekday names and punctuation is allowed) and returns it in UTC:
//   ISO 8601           2025-02-14, 2025-02-14T06:23:00Z, 2025-02-14 06:23:00+01:00, 20250214
//   RFC 822/2822       Fri, 14 Feb 2025 06:23:00 +0000, 14 Feb 25 06:23 EST
//   prose              06:23 AM, February 14, 2025; Feb. 14, 2025; 14 February 2025 12:19 PM
//   Reuters-21578      26-FEB-1987 15:01:01.79
//   numeric            2025/02/14, 14.02.2025 (day first), 02/14/2025 (month first when the
//                      first number cannot be a day... or the second cannot be a month)
//   other languages    3. März 2024, le 3 mars 2024, 3 de marzo de 2024, 3 marzo 2024,
//                      3 maart 2024, 3 марта 2024 г., 3 березня 2024 р.
// Month, weekday and filler words come from common/data/calendar_words.txt (English, German,
// French, Spanish, Italian, Dutch, Russian, Ukrainian; see calendar_words() below).
// A time zone (Z, UTC, GMT, +hh:mm, +hhmm, and the common abbreviations EST, PDT, CET, BST, MSK
// ...) is honoured; without one the time is taken as UTC. A date without a time is midnight UTC.
// It never invents a date: anything it cannot read fully returns nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace dateline::dates {

std::optional<UtcTime> parse(std::string_view text);

// A day and month without a year, as wire datelines write them ("March 3", "Feb 26", "3 mars",
// "3. März", "26 февраля", a time and zone allowed as in parse()). nullopt when the text is
// not that (a date with a year included: use parse()).
struct MonthDay {
    int month = 0, day = 0, hour = 0, minute = 0, second = 0;
    int offset_minutes = 0;  // the zone's offset east of UTC
};
std::optional<MonthDay> parse_without_year(std::string_view text);

// `d` in the year that puts it nearest to `reference` (the year before, of, or after it): a
// story dated "Dec 30" in a file of January 2 is from the December before. nullopt only for
// February 29 when none of the three years has one.
std::optional<UtcTime> nearest(const MonthDay& d, UtcTime reference);

// The date an archive's layout gives a file: a whole date in its name ("story-1996-12-06.txt",
// "19961206_story.txt"), else its folders ".../1996/12/06/", ".../1996/12/", ".../1996/". A
// month or year gives its middle, so that nearest() keeps a day and month inside that period.
// nullopt when the path holds no date.
std::optional<UtcTime> date_in_path(std::string_view path);

// The words of common/data/calendar_words.txt, in file order (read once; thread-safe).
struct CalendarWord {
    enum class Kind { month, weekday, holiday, filler } kind = Kind::filler;
    int month = 0;               // 1..12 for months
    std::string language;        // ISO 639-1 code: "en", "de", "ru", ...
    std::string written;         // as the list writes it: "März", "Sept"
    bool also_a_name = false;    // marked "~": a name too ("Jan", "Sun"), so not a never-name
};
const std::vector<CalendarWord>& calendar_words();

// The month a word names in any of those languages ("Feb", "mars", "марта"), 0 when none.
int month_named(std::string_view word);

// For filters (--since/--until, date: ranges): "2025", "2025-02", "2025-02-14" or anything
// parse() reads. With `end_of_period` the last second of the year, month or day is returned
// (so --until 2025-02 includes all of February).
std::optional<UtcTime> parse_bound(std::string_view text, bool end_of_period);

// "2025-02-14T06:23:00Z"
std::string to_iso8601(UtcTime t);
// "20250214062300": the sortable form held in the index's date value slot.
std::string to_compact(UtcTime t);
// The inverse of to_compact; nullopt when `compact` is not of that form.
std::optional<UtcTime> from_compact(std::string_view compact);

}  // namespace dateline::dates
