#include "timeline.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "schema.h"

namespace dateline {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// "YYYYMMDD" (the start of a longer string is enough) as a day; nullopt when not a real date.
std::optional<sys_days> compact_day(const std::string& text, std::size_t at = 0) {
    if (text.size() < at + 8) return std::nullopt;
    for (std::size_t i = at; i < at + 8; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    }
    int y = std::stoi(text.substr(at, 4));
    unsigned m = static_cast<unsigned>(std::stoi(text.substr(at + 4, 2)));
    unsigned d = static_cast<unsigned>(std::stoi(text.substr(at + 6, 2)));
    year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return sys_days{ymd};
}

std::string iso_day(sys_days d) {
    year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

sys_days period_start(sys_days d, TimelineUnit unit) {
    year_month_day ymd{d};
    switch (unit) {
        case TimelineUnit::week:
            // ISO weeks begin on Monday (iso_encoding 1).
            return d - days{std::chrono::weekday{d}.iso_encoding() - 1};
        case TimelineUnit::month:
            return sys_days{ymd.year() / ymd.month() / 1};
        case TimelineUnit::year:
            return sys_days{ymd.year() / 1 / 1};
        default:
            return d;
    }
}

sys_days next_period(sys_days start, TimelineUnit unit) {
    year_month_day ymd{start};
    switch (unit) {
        case TimelineUnit::week:
            return start + days{7};
        case TimelineUnit::month:
            return sys_days{ymd + std::chrono::months{1}};
        case TimelineUnit::year:
            return sys_days{ymd + std::chrono::years{1}};
        default:
            return start + days{1};
    }
}

std::string period_label(sys_days start, TimelineUnit unit) {
    std::string day = iso_day(start);
    switch (unit) {
        case TimelineUnit::week: {
            // The ISO week belongs to the year of its Thursday, and week 1 holds that year's
            // first Thursday.
            sys_days thursday = start + days{3};
            std::chrono::year y = year_month_day{thursday}.year();
            auto week = (thursday - sys_days{y / 1 / 1}).count() / 7 + 1;
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(y), static_cast<int>(week));
            return buf;
        }
        case TimelineUnit::month:
            return day.substr(0, 7);
        case TimelineUnit::year:
            return day.substr(0, 4);
        default:
            return day;
    }
}

TimelineUnit unit_for_span(sys_days first, sys_days last) {
    auto span = (last - first).count();
    if (span <= 62) return TimelineUnit::day;
    if (span <= 366) return TimelineUnit::week;
    if (span <= 5 * 366) return TimelineUnit::month;
    return TimelineUnit::year;
}

std::size_t sum_between(const DayCounts& counts, sys_days from, sys_days before) {
    std::size_t sum = 0;
    for (auto it = counts.lower_bound(from); it != counts.end() && it->first < before; ++it) sum += it->second;
    return sum;
}

}  // namespace

TimelineUnit parse_timeline_unit(const std::string& raw) {
    std::string name;
    for (char c : raw) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (TimelineUnit u : {TimelineUnit::automatic, TimelineUnit::day, TimelineUnit::week, TimelineUnit::month, TimelineUnit::year}) {
        if (name == timeline_unit_name(u)) return u;
    }
    throw std::invalid_argument("unknown timeline unit '" + raw + "' (auto, day, week, month or year)");
}

std::string timeline_unit_name(TimelineUnit unit) {
    switch (unit) {
        case TimelineUnit::automatic: return "auto";
        case TimelineUnit::day: return "day";
        case TimelineUnit::week: return "week";
        case TimelineUnit::month: return "month";
        case TimelineUnit::year: return "year";
        default: return "";
    }
}

DayCounts articles_per_day(const Xapian::Database& db) {
    DayCounts out;
    std::string prefix(schema::kDayPrefix);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string term = *t;
        if (term.size() != prefix.size() + 8) continue;
        if (auto day = compact_day(term, prefix.size())) out[*day] += t.get_termfreq();
    }
    return out;
}

std::shared_ptr<const DayCounts> articles_per_day_cached(const Xapian::Database& db, const std::string& shard_state) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const DayCounts>> cache;
    std::string revision = shard_state;
    if (revision.empty()) {
        try {
            revision = std::to_string(db.get_revision());
        } catch (const Xapian::Error&) {
            // Xapian tells the revision of one local database only (not of a set, nor a remote one).
            return std::make_shared<const DayCounts>(articles_per_day(db));
        }
    }
    const std::string key = db.get_uuid() + "@" + revision;
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    // Read outside the lock: two threads may both read a new revision once, which is harmless.
    auto counts = std::make_shared<const DayCounts>(articles_per_day(db));
    std::lock_guard<std::mutex> lock(mutex);
    if (cache.size() >= 8) cache.clear();  // a few indexes or revisions at a time; old ones are not asked for again
    cache.emplace(key, counts);
    return counts;
}

DayCounts days_from_keys(const std::map<std::string, std::size_t>& per_day) {
    DayCounts out;
    for (const auto& [key, count] : per_day) {
        if (auto day = compact_day(key)) out[*day] += count;
    }
    return out;
}

Timeline build_timeline(const DayCounts& matches, const DayCounts& all, TimelineUnit unit, std::optional<sys_days> since,
                        std::optional<sys_days> until) {
    Timeline t;
    if (unit == TimelineUnit::none) return t;
    // The range: the dates asked for, within the index's; else the matches' own span. With no
    // match, a bound given still shows its stretch of the index (all zeros), none shows nothing.
    std::optional<sys_days> first, last;
    if (!all.empty()) {
        if (since) first = std::max(*since, all.begin()->first);
        if (until) last = std::min(*until, all.rbegin()->first);
    }
    if (!matches.empty()) {
        if (!first) first = matches.begin()->first;
        if (!last) last = matches.rbegin()->first;
    } else if (!all.empty() && (since || until)) {
        if (!first) first = all.begin()->first;
        if (!last) last = all.rbegin()->first;
    }
    if (unit == TimelineUnit::automatic) unit = first && last ? unit_for_span(*first, *last) : TimelineUnit::day;
    t.unit = timeline_unit_name(unit);
    if (!first || !last || *first > *last) return t;
    for (sys_days start = period_start(*first, unit); start <= *last;) {
        sys_days next = next_period(start, unit);
        TimelinePeriod p;
        p.period = period_label(start, unit);
        p.from = iso_day(start);
        p.to = iso_day(next - days{1});
        p.count = sum_between(matches, start, next);
        p.all = sum_between(all, start, next);
        if (p.all > 0) p.share = static_cast<double>(p.count) / static_cast<double>(p.all);
        t.periods.push_back(std::move(p));
        start = next;
    }
    return t;
}

}  // namespace dateline
