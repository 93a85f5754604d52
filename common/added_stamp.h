// When an article was added to the index: the "added stamp" that the index writer puts in value
// slot schema::kSlotAdded of every document it writes, and that "new since" searches compare.
//
// A stamp is the UTC time of the index run that wrote the document, to the microsecond, as 20
// digits "YYYYMMDDhhmmssffffff". Fixed width, so stamps sort as strings, as Xapian compares
// values. One run takes one stamp, later than every stamp already in the index (if the clock
// went back, one microsecond after the greatest), so "added after S" is exact: the stamps only
// grow along an index's history, and a compacted copy keeps its values.
//
// A bound given by a user (--added-after) may be a stamp or any prefix of one ("20261202" is
// the start of that day): a shorter string sorts before every stamp that begins with it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace dateline::added {

inline constexpr std::size_t kStampDigits = 20;

// The stamp of a run starting at `now` in an index whose greatest stamp is `latest` ("" when
// it has none).
std::string run_stamp(std::chrono::system_clock::time_point now, std::string_view latest);

// True for a whole stamp (20 digits).
bool is_stamp(std::string_view text);
// True for a stamp or a prefix of one (1 to 20 digits), what --added-after takes.
bool is_bound(std::string_view text);

// The stamp one microsecond before a whole stamp: nothing lies between the two. `stamp` must
// satisfy is_stamp.
std::string previous(std::string_view stamp);

// "2026-12-02T02:46:52.123456Z" (ISO 8601, for JSON and Atom); "" when `stamp` is not whole.
std::string to_iso8601(std::string_view stamp);

}  // namespace dateline::added
