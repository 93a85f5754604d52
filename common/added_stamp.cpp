#include "added_stamp.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "dates.h"

namespace dateline::added {
namespace {

using Micro = std::chrono::sys_time<std::chrono::microseconds>;

std::string format(Micro t) {
    auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    auto micro = (t - seconds).count();
    std::string fraction = std::to_string(micro);
    return dates::to_compact(seconds) + std::string(6 - fraction.size(), '0') + fraction;
}

std::optional<Micro> parse(std::string_view stamp) {
    if (!is_stamp(stamp)) return std::nullopt;
    std::optional<UtcTime> seconds = dates::from_compact(stamp.substr(0, 14));
    if (!seconds) return std::nullopt;
    return Micro(*seconds) + std::chrono::microseconds(std::stoll(std::string(stamp.substr(14))));
}

bool all_digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

}  // namespace

std::string run_stamp(std::chrono::system_clock::time_point now, std::string_view latest) {
    Micro t = std::chrono::floor<std::chrono::microseconds>(now);
    if (std::optional<Micro> last = parse(latest); last && t <= *last) t = *last + std::chrono::microseconds(1);
    return format(t);
}

bool is_stamp(std::string_view text) { return text.size() == kStampDigits && all_digits(text); }

bool is_bound(std::string_view text) { return !text.empty() && text.size() <= kStampDigits && all_digits(text); }

std::string previous(std::string_view stamp) {
    std::optional<Micro> t = parse(stamp);
    return t ? format(*t - std::chrono::microseconds(1)) : std::string(stamp);
}

std::string to_iso8601(std::string_view stamp) {
    std::optional<Micro> t = parse(stamp);
    if (!t) return "";
    return date::format("%Y-%m-%dT%H:%M:%S", std::chrono::floor<std::chrono::seconds>(*t)) + "." +
           std::string(stamp.substr(14)) + "Z";
}

}  // namespace dateline::added
