#include "article_fields.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>

#include "dateline.h"
#include "dates.h"
#include "story_kind.h"
#include "text.h"
#include "xml_document.h"

namespace dateline::fields {
namespace {

bool has_digit(std::string_view s) {
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) return true;
    }
    return false;
}

std::size_t words_in(std::string_view s) { return text::split_trimmed(s, ' ').size(); }

// Words that mark a byline fragment as a job title or an organisation, not a person.
bool is_title_or_agency(std::string_view piece) {
    static constexpr std::array<std::string_view, 30> markers{
        "press",    "writer",   "correspondent", "staff",   "reporter", "editor",    "news",   "agency",
        "reuters",  "bureau",   "desk",          "service", "contributor", "columnist", "times", "post",
        "journal",  "media",    "wire",          "associated", "dpa",    "afp",       "updated", "published",
        "minutes",  "read",     "photograph",    "photo",   "report",   "senior"};
    std::string folded = text::fold_case(piece);
    for (const std::string& w : text::split_trimmed(folded, ' ')) {
        std::string word = w;
        while (!word.empty() && !std::isalnum(static_cast<unsigned char>(word.back()))) word.pop_back();
        for (std::string_view m : markers) {
            if (word == m) return true;
        }
    }
    return false;
}

// Crawled bylines carry site names and URL fragments ("Facebook.Com Parademag", "Https").
bool looks_like_web_address(std::string_view piece) {
    std::string folded = text::fold_case(piece);
    if (folded == "http" || folded == "https" || folded.starts_with("www.")) return true;
    for (std::string_view tld : {".com", ".org", ".net", ".co.", ".gov"}) {
        if (folded.find(tld) != std::string::npos) return true;
    }
    return false;
}

std::string strip_by(std::string_view s) {
    std::string t = text::collapse_spaces(s);
    for (std::string_view lead : {"by:", "by ", "von ", "por ", "par ", "de ", "door ", "av "}) {
        if (text::starts_with_ci(t, lead)) return text::trim(std::string_view(t).substr(lead.size()));
    }
    return t;
}

// Splits on the separators bylines use between names.
std::vector<std::string> split_names(std::string_view s) {
    static constexpr std::array<std::string_view, 13> separators{
        " and ", " AND ", " And ", " & ", " und ", " y ", " et ", " e ", " og ", ";", "|", "/", "\xE2\x80\xA2"};
    std::string joined;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t matched = 0;
        for (std::string_view sep : separators) {
            if (s.substr(i, sep.size()) == sep) {
                matched = sep.size();
                break;
            }
        }
        if (matched > 0) {
            joined += ',';
            i += matched;
        } else {
            joined += s[i++];
        }
    }
    return text::split_trimmed(joined, ',');
}

}  // namespace

std::vector<std::string> byline_names(std::string_view byline) {
    std::vector<std::string> names;
    for (std::string piece : split_names(strip_by(byline))) {
        piece = strip_by(piece);
        while (!piece.empty() && (piece.back() == '.' || piece.back() == ':')) piece.pop_back();
        piece = text::trim(piece);
        std::size_t n = words_in(piece);
        if (n == 0 || n > 4 || has_digit(piece) || piece.find('@') != std::string::npos ||
            piece.find("://") != std::string::npos || looks_like_web_address(piece) ||
            is_title_or_agency(piece)) {
            continue;
        }
        if (!std::isupper(static_cast<unsigned char>(piece[0])) && static_cast<unsigned char>(piece[0]) < 0x80) continue;
        add_unique(names, text::smart_title_case(piece));
    }
    return names;
}

std::optional<UtcTime> parse_date(std::string_view value, bool epoch_ok) {
    std::string v = text::trim(value);
    if (v.empty() || v.size() > 80) return std::nullopt;
    if (epoch_ok) {
        double seconds = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
        if (ec == std::errc() && end == v.data() + v.size()) {
            // Plausible news dates only: 1970..2200, in seconds or milliseconds.
            if (seconds > 1e11) seconds /= 1000;
            if (seconds > 0 && seconds < 7258118400.0) {
                return UtcTime(std::chrono::seconds(static_cast<long long>(std::floor(seconds))));
            }
            return std::nullopt;
        }
    }
    // ISO 8601 basic form: 20151014T024358+0100 -> 2015-10-14T02:43:58+01:00.
    if (v.size() >= 15 && v[8] == 'T' && std::all_of(v.begin(), v.begin() + 8, [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        std::string iso = v.substr(0, 4);
        iso.append("-").append(v, 4, 2).append("-").append(v, 6, 2).append("T");
        std::string_view time = std::string_view(v).substr(9);
        std::size_t digits = 0;
        while (digits < time.size() && std::isdigit(static_cast<unsigned char>(time[digits]))) ++digits;
        if (digits == 6 || digits == 4) {
            iso.append(time.substr(0, 2)).append(":").append(time.substr(2, 2)).append(":");
            iso.append(digits == 6 ? time.substr(4, 2) : std::string_view("00"));
            iso.append(time.substr(digits));
            if (auto t = dates::parse(iso)) return t;
        }
    }
    return dates::parse(v);
}

std::optional<UtcTime> date_in_phrase(std::string_view phrase) {
    std::vector<std::string> words = text::split_trimmed(text::collapse_spaces(phrase), ' ');
    if (words.empty() || words.size() > 24) return std::nullopt;
    for (std::size_t length = words.size(); length > 0; --length) {
        for (std::size_t start = 0; start + length <= words.size(); ++start) {
            std::string run;
            for (std::size_t i = start; i < start + length; ++i) run.append(i == start ? "" : " ").append(words[i]);
            if (!has_digit(run)) continue;
            if (auto t = parse_date(run)) return t;
        }
    }
    return std::nullopt;
}

std::string language_code(std::string_view tag) {
    std::string t = text::fold_case(text::trim(tag));
    std::size_t cut = t.find_first_of("-_");
    if (cut != std::string::npos) t = t.substr(0, cut);
    if (t.size() == 2 && std::isalpha(static_cast<unsigned char>(t[0])) && std::isalpha(static_cast<unsigned char>(t[1]))) return t;
    struct Code { std::string_view three, two; };
    static constexpr std::array<Code, 24> codes{{
        {"eng", "en"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"}, {"fre", "fr"}, {"spa", "es"},
        {"ita", "it"}, {"por", "pt"}, {"rus", "ru"}, {"ukr", "uk"}, {"fin", "fi"}, {"dan", "da"},
        {"nor", "no"}, {"nob", "nb"}, {"swe", "sv"}, {"nld", "nl"}, {"dut", "nl"}, {"ces", "cs"},
        {"cze", "cs"}, {"zho", "zh"}, {"chi", "zh"}, {"jpn", "ja"}, {"ara", "ar"}, {"pol", "pl"},
    }};
    for (const Code& c : codes) {
        if (t == c.three) return std::string(c.two);
    }
    return {};
}

std::string url_host(std::string_view url) {
    std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme + 3);
    std::string_view host = rest.substr(0, rest.find_first_of("/?#:"));
    if (host.starts_with("www.")) host.remove_prefix(4);
    return text::fold_case(host);
}

std::string index_entry_name(std::string_view raw, bool person) {
    std::string name = text::trim(raw);
    if (std::size_t paren = name.find(" ("); paren != std::string::npos && name.ends_with(")")) name.resize(paren);
    name = text::smart_title_case(name);
    if (person) {
        std::vector<std::string> parts = text::split_trimmed(name, ',');
        if (parts.size() == 2 && !parts[0].empty() && !parts[1].empty()) name = parts[1] + " " + parts[0];
    }
    return name;
}

std::string title_from_text(std::string_view body) {
    std::string first = text::collapse_spaces(body.substr(0, body.find("\n\n")));
    std::size_t stop = first.find(". ");
    if (stop != std::string::npos && stop < 100) return first.substr(0, stop + 1);
    if (first.size() <= 100) return first;
    std::string cut = text::truncate_utf8(first, 100);
    std::size_t space = cut.rfind(' ');
    if (space != std::string::npos && space > 40) cut.resize(space);
    cut.append("\xE2\x80\xA6");
    return cut;
}

void apply_dateline(Article& a) {
    if (a.dateline.empty()) return;
    wire::DatelineResult r = wire::read_dateline(a.dateline, a.published, wire::DatelineField::yes);
    if (r.status != wire::DatelineStatus::read) return;
    add_unique(a.places, r.dateline.place);
    if (!r.dateline.country.empty()) add_unique(a.places, r.dateline.country);
    if (!a.published) a.published = r.dateline.date;
}

void finish(Article& a, const SourceFile& file, std::string_view format) {
    a.format = std::string(format);
    a.source_path = file.path;
    a.title = text::collapse_spaces(a.title);
    a.source = text::collapse_spaces(a.source);
    a.section = text::collapse_spaces(a.section);
    a.url = text::trim(a.url);
    a.dateline = text::collapse_spaces(a.dateline);
    apply_dateline(a);
    if (a.kind.empty()) a.kind = story_kind::classify(a.body);
    // A page or feed that names no publication is known by its web site: the host of its URL.
    if (a.source.empty() && !a.url.empty()) a.source = url_host(a.url);
    xml::clip_fields(a);
}

}  // namespace dateline::fields
