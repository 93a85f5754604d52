#include "dates.h"

#include <date/date.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <algorithm>
#include <regex>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "word_lists.h"
#include "text.h"

namespace dateline::dates {
namespace {

// A hand-written scanner rather than a list of date::parse formats: news sources mix the same
// parts (weekday, month name, day, year, time, AM/PM, zone) in too many orders for a fixed list,
// and a scanner can also tell "a date and nothing else" from a sentence that contains one.
// Howard Hinnant's date library does the calendar arithmetic and validation.

struct Token {
    enum Kind { number, word, symbol } kind;
    std::string text;   // lower-cased for words
    long value = 0;     // numbers
    bool used = false;
};

// The length of the UTF-8 letter at `i` outside ASCII (accented Latin, Greek, Cyrillic, and the
// apostrophe letter U+02BC of Ukrainian), 0 when there is none: month names such as "März",
// "août" and "марта" are words, while dashes, bullets and no-break spaces stay separators.
std::size_t letter_length(std::string_view s, std::size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0xC3 || c > 0xD3 || i + 1 >= s.size()) return 0;
    unsigned char d = static_cast<unsigned char>(s[i + 1]);
    if ((d & 0xC0) != 0x80) return 0;
    unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
    if (cp == 0xD7 || cp == 0xF7) return 0;  // the multiplication and division signs
    bool letter = (cp >= 0xC0 && cp <= 0x24F) || cp == 0x2BC || (cp >= 0x370 && cp <= 0x4FF);
    return letter ? 2 : 0;
}

using CalendarKind = CalendarWord::Kind;

std::vector<CalendarWord> read_calendar_words() {
    std::vector<CalendarWord> out;
    for (std::string_view entry : entity_data::entries(entity_data::word_list("calendar_words"))) {
        std::size_t colon = entry.find(':');
        if (colon == std::string_view::npos) throw std::logic_error("calendar_words.txt: a line without ':'");
        std::vector<std::string> head = text::split_trimmed(entry.substr(0, colon), ' ');
        if (head.size() < 2) throw std::logic_error("calendar_words.txt: a line without kind and language");
        CalendarWord w;
        const std::string& kind = head[0];
        if (kind == "month" && head.size() == 3) {
            w.kind = CalendarKind::month;
            w.month = std::stoi(head[1]);
        } else if (kind == "weekday") w.kind = CalendarKind::weekday;
        else if (kind == "holiday") w.kind = CalendarKind::holiday;
        else if (kind == "filler") w.kind = CalendarKind::filler;
        else throw std::logic_error("calendar_words.txt: unknown kind \"" + kind + "\"");
        w.language = head.back();
        for (std::string name : text::split_trimmed(entry.substr(colon + 1), '|')) {
            w.also_a_name = name.starts_with('~');
            w.written = w.also_a_name ? name.substr(1) : name;
            out.push_back(w);
        }
    }
    return out;
}

// Folded word -> its calendar entry (the first listed when languages share a word; they agree
// on the month).
const std::unordered_map<std::string, CalendarWord>& calendar_index() {
    static const std::unordered_map<std::string, CalendarWord> index = [] {
        std::unordered_map<std::string, CalendarWord> m;
        for (const CalendarWord& w : calendar_words()) m.try_emplace(text::fold_case(w.written), w);
        return m;
    }();
    return index;
}

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isdigit(c)) {
            std::size_t j = i;
            long v = 0;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) {
                if (j - i < 15) v = v * 10 + (s[j] - '0');
                ++j;
            }
            out.push_back({Token::number, std::string(s.substr(i, j - i)), v});
            i = j;
        } else if (std::isalpha(c) || letter_length(s, i) > 0) {
            std::size_t j = i;
            while (j < s.size()) {
                if (std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
                else if (std::size_t n = letter_length(s, j)) j += n;
                else break;
            }
            out.push_back({Token::word, text::fold_case(s.substr(i, j - i)), 0});
            i = j;
        } else if (std::isspace(c)) {
            ++i;
        } else if (c >= 0x80) {
            // Bullets, dashes and other non-ASCII punctuation separate parts.
            std::size_t j = i + 1;
            while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
            out.push_back({Token::symbol, std::string(s.substr(i, j - i)), 0});
            i = j;
        } else {
            out.push_back({Token::symbol, std::string(1, static_cast<char>(c)), 0});
            ++i;
        }
    }
    return out;
}

// The month a word names in any of the calendar's languages, 0 when none.
int month_of(const std::string& w) {
    const auto& words = calendar_index();
    auto it = words.find(w);
    return it == words.end() ? 0 : it->second.month;
}

// A weekday, holiday or filler word: allowed in a date, saying nothing of it.
bool is_filler(const std::string& w) {
    const auto& words = calendar_index();
    auto it = words.find(w);
    return it != words.end() && it->second.kind != CalendarWord::Kind::month;
}

// Offset east of UTC in minutes for a zone abbreviation; nullopt when unknown.
std::optional<int> zone_offset(const std::string& w) {
    struct Zone { const char* name; int minutes; };
    static const std::array<Zone, 24> zones{{
        {"z", 0}, {"utc", 0}, {"gmt", 0}, {"ut", 0}, {"est", -300}, {"edt", -240},
        {"cst", -360}, {"cdt", -300}, {"mst", -420}, {"mdt", -360}, {"pst", -480},
        {"pdt", -420}, {"cet", 60}, {"cest", 120}, {"bst", 60}, {"eet", 120}, {"eest", 180},
        {"msk", 180}, {"jst", 540}, {"kst", 540}, {"aest", 600}, {"aedt", 660}, {"wet", 0},
        {"west", 60},
    }};
    for (const Zone& z : zones) {
        if (w == z.name) return z.minutes;
    }
    return std::nullopt;
}

bool is_separator(const Token& t) {
    static const std::string_view seps = ",.-/@|:;()[]";
    return t.kind == Token::symbol && (t.text.size() > 1 || seps.find(t.text[0]) != std::string_view::npos);
}

std::optional<UtcTime> make_time(int y, int mo, int d, int h, int mi, int s, int offset_minutes) {
    if (y < 1800 || y > 2200 || h > 23 || mi > 59 || s > 60) return std::nullopt;
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    auto t = date::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
             std::chrono::seconds(s) - std::chrono::minutes(offset_minutes);
    return std::chrono::time_point_cast<std::chrono::seconds>(t);
}

int expand_year(const Token& t) {
    if (t.text.size() == 2) return t.value < 70 ? 2000 + static_cast<int>(t.value) : 1900 + static_cast<int>(t.value);
    return static_cast<int>(t.value);
}

}  // namespace

namespace {

struct Parts {
    int year = 0;  // 0: the text gives none
    int month = 0, day = 0, hour = 0, minute = 0, second = 0, offset = 0;
};

// The parts of a date that is the whole of `input`; with `year_optional`, a day and a month
// name without a year ("March 3", "3 mars") are read too, with year 0.
std::optional<Parts> scan(std::string_view input, bool year_optional) {
    std::string s(input);
    // "a.m." and "p.m." are one word each.
    for (const char* from : {"a.m.", "A.M.", "p.m.", "P.M."}) {
        std::size_t pos;
        while ((pos = s.find(from)) != std::string::npos) s.replace(pos, 4, from[0] == 'a' || from[0] == 'A' ? "am" : "pm");
    }
    std::vector<Token> toks = tokenize(s);
    if (toks.empty()) return std::nullopt;

    int hour = 0, minute = 0, second = 0, offset = 0;
    bool have_time = false;
    int month = 0;
    std::vector<std::size_t> date_numbers;  // indexes of tokens that belong to the date
    char date_separator = 0;

    for (std::size_t i = 0; i < toks.size(); ++i) {
        Token& t = toks[i];
        if (t.used) continue;
        if (t.kind == Token::number) {
            // A compact ISO date, with or without time: 20250214, 20250214T062300.
            if (t.text.size() == 8 && date_numbers.empty() && month == 0) {
                date_numbers.push_back(i);
                t.used = true;
                continue;
            }
            // A time: h:mm[:ss[.fraction]]
            if (!have_time && t.text.size() <= 2 && i + 2 < toks.size() && toks[i + 1].text == ":" &&
                toks[i + 2].kind == Token::number && toks[i + 2].text.size() == 2) {
                hour = static_cast<int>(t.value);
                minute = static_cast<int>(toks[i + 2].value);
                t.used = toks[i + 1].used = toks[i + 2].used = true;
                std::size_t j = i + 3;
                if (j + 1 < toks.size() && toks[j].text == ":" && toks[j + 1].kind == Token::number) {
                    second = static_cast<int>(toks[j + 1].value);
                    toks[j].used = toks[j + 1].used = true;
                    j += 2;
                    if (j + 1 < toks.size() && toks[j].text == "." && toks[j + 1].kind == Token::number) {
                        toks[j].used = toks[j + 1].used = true;
                        j += 2;
                    }
                }
                have_time = true;
                if (j < toks.size() && toks[j].kind == Token::word && (toks[j].text == "am" || toks[j].text == "pm")) {
                    if (hour < 1 || hour > 12) return std::nullopt;
                    if (toks[j].text == "pm" && hour != 12) hour += 12;
                    if (toks[j].text == "am" && hour == 12) hour = 0;
                    toks[j].used = true;
                    ++j;
                }
                // A numeric zone right after the time: +0100, -05:00, +01.
                if (j + 1 < toks.size() && (toks[j].text == "+" || toks[j].text == "-") &&
                    toks[j + 1].kind == Token::number) {
                    const Token& z = toks[j + 1];
                    int hh = 0, mm = 0;
                    if (z.text.size() == 4) { hh = static_cast<int>(z.value / 100); mm = static_cast<int>(z.value % 100); }
                    else if (z.text.size() <= 2) {
                        hh = static_cast<int>(z.value);
                        if (j + 3 < toks.size() && toks[j + 2].text == ":" && toks[j + 3].kind == Token::number) {
                            mm = static_cast<int>(toks[j + 3].value);
                            toks[j + 2].used = toks[j + 3].used = true;
                        }
                    } else return std::nullopt;
                    if (hh > 14 || mm > 59) return std::nullopt;
                    offset = (hh * 60 + mm) * (toks[j].text == "-" ? -1 : 1);
                    toks[j].used = toks[j + 1].used = true;
                }
                continue;
            }
            date_numbers.push_back(i);
            t.used = true;
            // Ordinal suffixes: 14th, 1st, 2nd, 3rd.
            if (i + 1 < toks.size() && toks[i + 1].kind == Token::word &&
                (toks[i + 1].text == "th" || toks[i + 1].text == "st" || toks[i + 1].text == "nd" || toks[i + 1].text == "rd")) {
                toks[i + 1].used = true;
            }
            if (date_separator == 0 && i + 1 < toks.size() && toks[i + 1].kind == Token::symbol &&
                (toks[i + 1].text == "-" || toks[i + 1].text == "/" || toks[i + 1].text == ".") &&
                i + 2 < toks.size() && toks[i + 2].kind == Token::number) {
                date_separator = toks[i + 1].text[0];
            }
            continue;
        }
        if (t.kind == Token::word) {
            if (int m = month_of(t.text); m != 0 && month == 0) { month = m; t.used = true; continue; }
            if (is_filler(t.text)) { t.used = true; continue; }
            if (t.text == "t" && have_time == false) { t.used = true; continue; }  // ISO 'T'
            if (auto z = zone_offset(t.text)) { offset = *z; t.used = true; continue; }
            return std::nullopt;  // a word that is not part of a date
        }
        if (is_separator(t)) { t.used = true; continue; }
        return std::nullopt;
    }

    int year = 0, day = 0;
    std::vector<const Token*> nums;
    for (std::size_t i : date_numbers) nums.push_back(&toks[i]);
    if (month != 0 && year_optional && nums.size() == 1 && nums[0]->text.size() <= 2) {
        day = static_cast<int>(nums[0]->value);
    } else if (month != 0) {
        if (nums.size() != 2) return std::nullopt;
        const Token* a = nums[0];
        const Token* b = nums[1];
        if (a->text.size() == 4) { year = static_cast<int>(a->value); day = static_cast<int>(b->value); }
        else if (b->text.size() == 4 || b->text.size() == 2) { day = static_cast<int>(a->value); year = expand_year(*b); }
        else return std::nullopt;
    } else if (nums.size() == 1 && nums[0]->text.size() == 8) {
        long v = nums[0]->value;
        year = static_cast<int>(v / 10000);
        month = static_cast<int>(v / 100 % 100);
        day = static_cast<int>(v % 100);
    } else if (nums.size() == 3) {
        const Token* a = nums[0];
        const Token* b = nums[1];
        const Token* c = nums[2];
        if (a->text.size() == 4) {
            year = static_cast<int>(a->value); month = static_cast<int>(b->value); day = static_cast<int>(c->value);
        } else if (c->text.size() == 4 || c->text.size() == 2) {
            year = expand_year(*c);
            bool month_first = date_separator == '/';
            if (a->value > 12) month_first = false;
            else if (b->value > 12) month_first = true;
            month = static_cast<int>(month_first ? a->value : b->value);
            day = static_cast<int>(month_first ? b->value : a->value);
        } else {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return Parts{year, month, day, hour, minute, second, offset};
}

}  // namespace

std::optional<UtcTime> parse(std::string_view input) {
    auto p = scan(input, false);
    if (!p) return std::nullopt;
    return make_time(p->year, p->month, p->day, p->hour, p->minute, p->second, p->offset);
}

std::optional<MonthDay> parse_without_year(std::string_view input) {
    auto p = scan(input, true);
    if (!p || p->year != 0 || p->hour > 23 || p->minute > 59 || p->second > 60) return std::nullopt;
    // February 29 exists in some years: it is checked when a year is chosen.
    if (!date::month_day{date::month{static_cast<unsigned>(p->month)}, date::day{static_cast<unsigned>(p->day)}}.ok()) return std::nullopt;
    return MonthDay{p->month, p->day, p->hour, p->minute, p->second, p->offset};
}

std::optional<UtcTime> nearest(const MonthDay& d, UtcTime reference) {
    int ref_year = static_cast<int>(date::year_month_day(std::chrono::floor<date::days>(reference)).year());
    std::optional<UtcTime> best;
    for (int y : {ref_year - 1, ref_year, ref_year + 1}) {
        auto t = make_time(y, d.month, d.day, d.hour, d.minute, d.second, d.offset_minutes);
        if (t && (!best || std::chrono::abs(*t - reference) < std::chrono::abs(*best - reference))) best = t;
    }
    return best;
}

std::optional<UtcTime> date_in_path(std::string_view path) {
    std::vector<std::string> parts = text::split_trimmed(path, '/');
    if (parts.empty()) return std::nullopt;
    // A file name with a whole date in it: story-1996-12-06.txt, 19961206_story.txt.
    static const std::regex in_name(R"((^|[^0-9])((1[89]|2[01])[0-9]{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12][0-9]|3[01])([^0-9]|$))");
    std::smatch m;
    if (std::regex_search(parts.back(), m, in_name)) return make_time(std::stoi(m[2]), std::stoi(m[4]), std::stoi(m[5]), 12, 0, 0, 0);
    // Folders: .../1996/12/06/, .../1996/12/, .../1996/ (the nearest to the file wins).
    auto number = [&](std::size_t i, int low, int high) {
        if (i + 1 >= parts.size()) return 0;  // the file name itself is no folder
        const std::string& p = parts[i];
        if (p.empty() || p.size() > 4 || !std::all_of(p.begin(), p.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) return 0;
        int v = std::stoi(p);
        return v >= low && v <= high ? v : 0;
    };
    for (std::size_t i = parts.size() - 1; i-- > 0;) {
        if (parts[i].size() != 4) continue;
        int year = number(i, 1800, 2200);
        if (year == 0) continue;
        int month = number(i + 1, 1, 12);
        int day = month != 0 ? number(i + 2, 1, 31) : 0;
        // The middle of the period the folders name, so that nearest() keeps a date inside it.
        if (day != 0) return make_time(year, month, day, 12, 0, 0, 0);
        if (month != 0) return make_time(year, month, 15, 12, 0, 0, 0);
        return make_time(year, 7, 2, 12, 0, 0, 0);
    }
    return std::nullopt;
}

int month_named(std::string_view word) { return month_of(text::fold_case(word)); }

const std::vector<CalendarWord>& calendar_words() {
    static const std::vector<CalendarWord> words = read_calendar_words();
    return words;
}

std::optional<UtcTime> parse_bound(std::string_view input, bool end_of_period) {
    std::string t = text::trim(input);
    int y = 0, m = 0;
    char tail = 0;
    auto end_of = [](date::sys_days start_of_next) {
        return std::chrono::time_point_cast<std::chrono::seconds>(start_of_next) - std::chrono::seconds(1);
    };
    if (t.size() == 4 && std::sscanf(t.c_str(), "%4d%c", &y, &tail) == 1) {
        date::year_month_day first{date::year{y}, date::January, date::day{1}};
        if (!first.ok()) return std::nullopt;
        if (!end_of_period) return std::chrono::time_point_cast<std::chrono::seconds>(date::sys_days(first));
        return end_of(date::sys_days(date::year_month_day{date::year{y + 1}, date::January, date::day{1}}));
    }
    if (t.size() == 7 && std::sscanf(t.c_str(), "%4d-%2d%c", &y, &m, &tail) == 2 && m >= 1 && m <= 12) {
        date::year_month ym{date::year{y}, date::month{static_cast<unsigned>(m)}};
        if (!end_of_period) return std::chrono::time_point_cast<std::chrono::seconds>(date::sys_days(ym / 1));
        return end_of(date::sys_days((ym + date::months{1}) / 1));
    }
    auto parsed = parse(t);
    if (!parsed) return std::nullopt;
    // A bare day ("2025-02-14") as an end bound means the whole day.
    bool has_time = t.find(':') != std::string::npos;
    if (end_of_period && !has_time) {
        return *parsed + std::chrono::hours(24) - std::chrono::seconds(1);
    }
    return parsed;
}

std::string to_iso8601(UtcTime t) { return date::format("%Y-%m-%dT%H:%M:%SZ", t); }

std::string to_compact(UtcTime t) { return date::format("%Y%m%d%H%M%S", t); }

std::optional<UtcTime> from_compact(std::string_view c) {
    if (c.size() != 14) return std::nullopt;
    for (char ch : c) {
        if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
    }
    auto num = [&](std::size_t pos, std::size_t len) { return std::stoi(std::string(c.substr(pos, len))); };
    return make_time(num(0, 4), num(4, 2), num(6, 2), num(8, 2), num(10, 2), num(12, 2), 0);
}

}  // namespace dateline::dates
