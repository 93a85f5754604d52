// Timelines: how many articles match a query per day, ISO week, month or year, beside how many
// articles the index holds in that period, so that a rise in mentions can be told from a rise
// in volume (share = matches / all).
//
// The matches per day come from the search's FacetSpy (the same count as the page's histogram);
// the articles per day come from the index's day terms (D<YYYYMMDD>, one per dated article):
// their term frequencies give every day's total without reading a document. Weeks, months and
// years add up their days, so the two counts always cover the same articles. Articles without a
// date are in neither.
//
// The periods run without a hole from the first to the last period of the range: the request's
// since/until when given (clipped to the dates the index holds), else the first and last match.
// A period in which the index holds no article at all is a gap (share empty): it says nothing
// about the query, where a period with articles but no match says "not mentioned" (share 0).
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace Xapian {
class Database;
}

namespace dateline {

enum class TimelineUnit { none, automatic, day, week, month, year };

// "auto" | "day" | "week" | "month" | "year" (any case); throws std::invalid_argument.
TimelineUnit parse_timeline_unit(const std::string& name);
// "auto", "day", ...; "" for none.
std::string timeline_unit_name(TimelineUnit unit);

struct TimelinePeriod {
    std::string period;        // "1987-03-02", "1987-W10" (ISO week), "1987-03" or "1987"
    std::string from, to;      // its first and last day, YYYY-MM-DD
    std::size_t count = 0;     // matching articles published in it
    std::size_t all = 0;       // articles the index holds published in it
    std::optional<double> share;  // count / all; empty for a gap (all == 0)
};

struct Timeline {
    std::string unit;          // "day", "week", "month" or "year" (the one chosen for auto)
    std::vector<TimelinePeriod> periods;  // in date order, every period of the range
};

using DayCounts = std::map<std::chrono::sys_days, std::size_t>;

// Articles per publication day in the whole index, from its day terms.
DayCounts articles_per_day(const Xapian::Database& db);
// The same, read once per index state (its UUID and revision) and shared by every thread: the
// totals change only with a commit, and an archive of decades has thousands of day terms (about
// a microsecond each to read). A set of shards has no one revision: `shard_state`
// (ShardSet::state) names its state, and without one (a remote shard) the totals are read anew.
std::shared_ptr<const DayCounts> articles_per_day_cached(const Xapian::Database& db, const std::string& shard_state = "");

// Reads the FacetSpy's per-day keys ("YYYYMMDD"); keys that are not dates are left out.
DayCounts days_from_keys(const std::map<std::string, std::size_t>& per_day);

// The timeline of `matches` against `all` (both per day). With TimelineUnit::automatic the unit
// suits the range's span: days within two months, ISO weeks within a year, months within five
// years, years beyond.
Timeline build_timeline(const DayCounts& matches, const DayCounts& all, TimelineUnit unit,
                        std::optional<std::chrono::sys_days> since = std::nullopt,
                        std::optional<std::chrono::sys_days> until = std::nullopt);

}  // namespace dateline
