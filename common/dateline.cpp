#include "dateline.h"

#include <xapian.h>

#include <algorithm>
#include <vector>

#include "dates.h"
#include "text.h"

namespace dateline::wire {
namespace {

// Written by hand: a dateline is a short, fixed shape (place, region, date, agency, dash), and
// what it needs to know of dates is in common/dates; no library reads agency datelines.

enum class Case { none, upper, capitalized, lower };

// The case of a word's letters: all capitals; a capital first, then small letters; a small
// letter first; none when it has no letters ("1996-08-30").
Case case_of(std::string_view w) {
    bool any_lower = false, first_upper = false, seen_letter = false;
    for (Xapian::Utf8Iterator it(w.data(), w.size()); it != Xapian::Utf8Iterator(); ++it) {
        auto cat = Xapian::Unicode::get_category(*it);
        bool upper = cat == Xapian::Unicode::UPPERCASE_LETTER || cat == Xapian::Unicode::TITLECASE_LETTER;
        bool lower = cat == Xapian::Unicode::LOWERCASE_LETTER || cat == Xapian::Unicode::OTHER_LETTER;
        if (!upper && !lower) continue;
        if (!seen_letter) first_upper = upper;
        seen_letter = true;
        any_lower |= lower;
    }
    if (!seen_letter) return Case::none;
    if (!any_lower) return Case::upper;
    return first_upper ? Case::capitalized : Case::lower;
}

// "SAINT-DENIS" -> "Saint-Denis", "ST. PETERSBURG" -> "St. Petersburg", "МОСКВА" -> "Москва":
// each run of letters keeps its first capital. text::smart_title_case is ASCII-only.
std::string title_case(std::string_view caps) {
    std::string out;
    bool run_start = true;
    for (Xapian::Utf8Iterator it(caps.data(), caps.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        auto cat = Xapian::Unicode::get_category(ch);
        bool letter = cat >= Xapian::Unicode::UPPERCASE_LETTER && cat <= Xapian::Unicode::OTHER_LETTER;
        Xapian::Unicode::append_utf8(out, letter && !run_start ? Xapian::Unicode::tolower(ch) : ch);
        run_start = !letter && ch != '\'' && ch != 0x2019;
    }
    return out;
}

struct Token {
    enum Kind { word, comma, open, close, slash, dash } kind;
    std::size_t begin, end;
    std::string_view text;
};

bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == ' ' || s[i] == '\t') { len = 1; return true; }
    if (s.substr(i, 2) == "\xC2\xA0") { len = 2; return true; }
    return false;
}

// Em dash, en dash, minus sign: dashes wherever they stand.
std::size_t long_dash_at(std::string_view s, std::size_t i) {
    for (std::string_view d : {"\xE2\x80\x94", "\xE2\x80\x93", "\xE2\x88\x92"}) {
        if (s.substr(i, d.size()) == d) return d.size();
    }
    return 0;
}

// The tokens of the first line of `s`, at most `limit` of them (a dateline is short).
std::vector<Token> tokenize(std::string_view s, std::size_t limit) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < s.size() && out.size() < limit) {
        std::size_t len = 0;
        if (s[i] == '\n' || s[i] == '\r') break;
        if (is_space_at(s, i, len)) { i += len; continue; }
        auto single = [&](Token::Kind k) { out.push_back({k, i, i + 1, s.substr(i, 1)}); ++i; };
        if (s[i] == ',') { single(Token::comma); continue; }
        if (s[i] == '(') { single(Token::open); continue; }
        if (s[i] == ')') { single(Token::close); continue; }
        if (s[i] == '/') { single(Token::slash); continue; }
        if (std::size_t d = long_dash_at(s, i)) {
            out.push_back({Token::dash, i, i + d, s.substr(i, d)});
            i += d;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != '\n' && s[j] != '\r' && !is_space_at(s, j, len) && s[j] != ',' && s[j] != '(' &&
               s[j] != ')' && s[j] != '/' && long_dash_at(s, j) == 0)
            ++j;
        std::string_view w = s.substr(i, j - i);
        // "-", "--", ".-", "." standing alone end a dateline.
        bool dash = w.find_first_not_of("-.") == std::string_view::npos;
        out.push_back({dash ? Token::dash : Token::word, i, j, w});
        i = j;
    }
    return out;
}

// "Feb." and "Feb" alike.
bool is_month(std::string_view w) {
    while (!w.empty() && w.back() == '.') w.remove_suffix(1);
    return dates::month_named(w) != 0;
}

bool starts_with_digit(std::string_view w) { return !w.empty() && w[0] >= '0' && w[0] <= '9'; }

bool has_digit(std::string_view w) { return w.find_first_of("0123456789") != std::string_view::npos; }

// An agency's name in brackets or slashes: one to four words, no figures.
bool is_agency(std::string_view name) {
    std::string n = text::trim(name);
    if (n.empty() || n.size() > 40 || has_digit(n)) return false;
    return text::split_trimmed(n, ' ').size() <= 4 && case_of(n) != Case::none;
}

std::string trim_date(std::string_view seg) {
    std::string s = text::trim(seg);
    while (!s.empty() && (s.back() == '.' || s.back() == ',')) s.pop_back();
    return text::trim(s);
}

// Something that tries to be a date: a figure or a month's name.
bool looks_like_date(std::string_view seg) {
    if (has_digit(seg)) return true;
    for (const std::string& w : text::split_trimmed(seg, ' ')) {
        if (is_month(w)) return true;
    }
    return false;
}

// Capital words that head a wire story's lines without being places: agencies, publications,
// slugs and desks. A short list, as a place line is only looked for under a headline.
bool names_no_place(std::string_view folded_word) {
    static constexpr std::string_view words[] = {
        "reuters", "reuter", "ap", "afp", "upi", "dpa", "efe", "ansa", "tass", "itar-tass", "ria", "xinhua", "kyodo",
        "yonhap", "pti", "ians", "aap", "anp", "apa", "ctk", "pap", "mti", "bta", "interfax", "bloomberg", "bbc",
        "cnn", "npr", "nzpa", "bernama", "antara", "notimex", "news", "press", "times", "post", "daily", "journal",
        "herald", "tribune", "gazette", "wire", "agency", "tv", "radio", "newswire", "online", "exclusive", "update",
        "analysis", "factbox", "feature", "interview", "preview", "review", "column", "opinion", "editorial",
        "comment", "breaking", "urgent", "flash", "bulletin", "advisory", "corrected", "correction", "refile",
        "repeat", "wrapup", "insight", "special", "report", "obituary", "sport", "sports", "business", "world",
        "politics", "markets", "technology", "entertainment", "health", "science", "weather", "travel", "letters",
        "staff", "the", "and", "by"};
    for (std::string_view w : words) {
        if (folded_word == w) return true;
    }
    return false;
}

}  // namespace

bool is_place_line(std::string_view line) {
    std::vector<std::string> words = text::split_trimmed(line, ' ');
    if (words.empty() || words.size() > 3) return false;
    for (const std::string& w : words) {
        if (case_of(w) != Case::upper || has_digit(w) || w.find_first_of(",;:()/@&") != std::string::npos) return false;
        std::string folded = text::fold_case(w);
        while (!folded.empty() && folded.back() == '.') folded.pop_back();
        if (names_no_place(folded) || folded.find(".com") != std::string::npos) return false;
    }
    return true;
}

DatelineResult read_dateline(std::string_view text, std::optional<UtcTime> reference, DatelineField where) {
    DatelineResult result;
    bool field = where == DatelineField::yes;
    std::vector<Token> t = tokenize(text, 40);
    std::size_t i = 0;

    // The place: capitals, or capitalised words that only a date or an agency will confirm.
    std::size_t place_words = 0;
    while (i < t.size() && place_words < 5 && t[i].kind == Token::word && case_of(t[i].text) == Case::upper) ++i, ++place_words;
    bool capitals = place_words > 0;
    if (!capitals) {
        while (i < t.size() && place_words < 3 && t[i].kind == Token::word && case_of(t[i].text) == Case::capitalized) ++i, ++place_words;
    }
    if (place_words == 0 || (i == t.size() && !capitals && !field)) return result;
    Dateline d;
    d.place = std::string(text.substr(t[0].begin, t[i - 1].end - t[0].begin));
    if (capitals) d.place = title_case(d.place);
    std::size_t last = i - 1;  // the last token of the dateline's text

    bool comma = i < t.size() && t[i].kind == Token::comma;
    if (comma) {
        ++i;
        // A country, state or region: capitalised words that are no month ("France", "Mich.").
        std::size_t first = i, n = 0;
        while (i < t.size() && n < 3 && t[i].kind == Token::word && case_of(t[i].text) != Case::lower &&
               case_of(t[i].text) != Case::none && !is_month(t[i].text))
            ++i, ++n;
        bool ends_here = i == t.size() || t[i].kind != Token::word || starts_with_digit(t[i].text) || is_month(t[i].text);
        if (n > 0 && ends_here) {
            std::string country(text.substr(t[first].begin, t[i - 1].end - t[first].begin));
            d.country = case_of(country) == Case::upper ? title_case(country) : country;
            last = i - 1;
            if (i < t.size() && t[i].kind == Token::comma) ++i;
        } else {
            i = first;
        }
    }

    // The date: everything up to the agency, the dash or the end.
    std::size_t date_first = i;
    while (i < t.size() && t[i].kind != Token::open && t[i].kind != Token::dash &&
           !(t[i].kind == Token::slash && (i == 0 || t[i].begin > t[i - 1].end)))
        ++i;
    bool has_date = false;
    if (i > date_first) {
        std::string seg = trim_date(text.substr(t[date_first].begin, t[i - 1].end - t[date_first].begin));
        if (!capitals && !comma && !field) return result;
        if (auto full = dates::parse(seg)) {
            d.date = full;
            d.year_from = Dateline::YearFrom::line;
        } else if (auto md = dates::parse_without_year(seg)) {
            if (reference) {
                d.date = dates::nearest(*md, *reference);
                if (d.date) d.year_from = Dateline::YearFrom::reference;
            }
        } else {
            if (capitals && looks_like_date(seg)) result.status = DatelineStatus::unreadable;
            return result;
        }
        has_date = true;
        last = i - 1;
    }

    // The agency: "(Reuters)", "/PRNewswire/".
    if (i < t.size() && (t[i].kind == Token::open || t[i].kind == Token::slash)) {
        Token::Kind closing = t[i].kind == Token::open ? Token::close : Token::slash;
        std::size_t j = i + 1;
        while (j < t.size() && t[j].kind != closing) ++j;
        if (j == t.size() || j == i + 1) return result;
        std::string_view name = text.substr(t[i + 1].begin, t[j - 1].end - t[i + 1].begin);
        if (!is_agency(name)) return result;
        d.source = text::trim(name);
        last = j;
        i = j + 1;
    }

    // The end: a dash, or the end of the line.
    std::size_t length;
    if (i < t.size()) {
        if (t[i].kind != Token::dash) return result;
        length = t[i].end;
        ++i;
        while (length < text.size() && (text[length] == ' ' || text[length] == '\t')) ++length;
        if (text.substr(length, 2) == "\xC2\xA0") length += 2;
    } else {
        // No dash: the dateline is the whole line.
        std::size_t eol = std::min(text.find('\n'), text.size());
        if (!text::trim(text.substr(t.back().end, eol - t.back().end)).empty()) return result;
        length = eol;
    }

    // What confirms it: a date, an agency, a region, or (a place and a dash alone) a sentence
    // going on after the dash.
    bool confirmed = field || has_date || !d.source.empty();
    if (capitals && !confirmed) {
        if (!d.country.empty()) confirmed = true;
        else if (i < t.size() && t[i].kind == Token::word) confirmed = case_of(t[i].text) == Case::capitalized;
    }
    if (!confirmed) return result;
    if (!capitals && !field && !(d.source.size() > 0 || (comma && has_date))) return result;

    d.text = text::trim(text.substr(t[0].begin, t[last].end - t[0].begin));
    d.length = length;
    result.status = DatelineStatus::read;
    result.dateline = std::move(d);
    return result;
}

}  // namespace dateline::wire
