#include "render_timeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace dateline {
namespace {

constexpr std::size_t kPerRow = 60;
const char* const kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};

// A block for `value` against `peak`: the lowest for nothing, a higher one for anything more.
const char* block(double value, double peak) {
    if (value <= 0 || peak <= 0) return kBlocks[0];
    long level = std::lround(std::ceil(value / peak * 7));
    return kBlocks[std::clamp(level, 1L, 7L)];
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, share * 100 >= 10 ? "%.0f%%" : "%.1f%%", share * 100);
    return buf;
}

}  // namespace

void render_timeline(const Timeline& timeline, std::ostream& out, bool colour) {
    const char* bold = colour ? "\x1b[1m" : "";
    const char* dim = colour ? "\x1b[2m" : "";
    const char* reset = colour ? "\x1b[0m" : "";
    const auto& periods = timeline.periods;
    if (periods.empty()) {
        out << bold << "Timeline:" << reset << " no dated matches\n";
        return;
    }
    const TimelinePeriod* most = &periods.front();
    const TimelinePeriod* highest = nullptr;
    bool gaps = false;
    for (const TimelinePeriod& p : periods) {
        if (p.count > most->count) most = &p;
        if (p.share && (!highest || *p.share > *highest->share)) highest = &p;
        gaps = gaps || !p.share;
    }
    out << bold << "Timeline per " << timeline.unit << reset << ", " << periods.front().period << " to " << periods.back().period
        << dim << (gaps ? " (blank: no articles in the index)" : "") << reset << "\n";
    std::size_t label_width = 0;
    for (const TimelinePeriod& p : periods) label_width = std::max(label_width, p.period.size());
    double peak_count = static_cast<double>(most->count);
    double peak_share = highest ? *highest->share : 0;
    for (std::size_t row = 0; row < periods.size(); row += kPerRow) {
        std::size_t end = std::min(row + kPerRow, periods.size());
        std::string counts, shares;
        for (std::size_t i = row; i < end; ++i) {
            const TimelinePeriod& p = periods[i];
            counts += p.share ? block(static_cast<double>(p.count), peak_count) : " ";
            shares += p.share ? block(*p.share, peak_share) : " ";
        }
        const std::string& label = periods[row].period;
        out << "  " << dim << label << reset << std::string(label_width - label.size(), ' ') << "  count " << counts << "\n";
        out << "  " << std::string(label_width, ' ') << "  share " << shares << "\n";
    }
    if (most->count == 0) {
        out << "  no matches in these " << timeline.unit << "s\n";
        return;
    }
    out << "  most matches: " << most->period << ", " << most->count << " of " << most->all << " articles ("
        << percent(*most->share) << ")\n";
    if (highest && highest != most) {
        out << "  highest share: " << highest->period << ", " << highest->count << " of " << highest->all << " articles ("
            << percent(*highest->share) << ")\n";
    }
}

}  // namespace dateline
