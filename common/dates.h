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
// A time zone (Z, UTC, GMT, +hh:mm, +hhmm, and the common abbreviations EST, PDT, CET, BST, MSK
// ...) is honoured; without one the time is taken as UTC. A date without a time is midnight UTC.
// It never invents a date: anything it cannot read fully returns nullopt.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "article.h"

namespace dateline::dates {

std::optional<UtcTime> parse(std::string_view text);

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
