#include "text_reader.h"

#include <algorithm>
#include <cctype>

#include "article_fields.h"
#include "dateline.h"
#include "charset.h"
#include "dates.h"
#include "story_kind.h"
#include "text.h"

namespace dateline {
namespace {

std::size_t word_count(std::string_view line) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : line) {
        bool space = c == ' ' || c == '\t';
        if (!space && !in_word) ++n;
        in_word = !space;
    }
    return n;
}

// Bullets and dashes that saved pages put before metadata lines.
std::string strip_bullet(std::string_view line) {
    std::string s = text::trim(line);
    for (std::string_view bullet : {"\xE2\x80\xA2", "\xC2\xB7", "*", "-", "\xE2\x80\x93", "|"}) {
        if (s.size() > bullet.size() && std::string_view(s).substr(0, bullet.size()) == bullet) {
            return text::trim(std::string_view(s).substr(bullet.size()));
        }
    }
    return s;
}

// A line of prose (as opposed to a headline, a standfirst or metadata).
bool is_prose(std::string_view line) { return word_count(line) >= 12; }

bool is_number_furniture(std::string_view line) {
    // "939", "1,204 views", "12 comments"
    std::size_t digits = 0, letters = 0;
    for (char c : line) {
        if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
        else if (std::isalpha(static_cast<unsigned char>(c))) ++letters;
    }
    if (digits == 0) return false;
    if (letters == 0) return true;
    std::string lower = text::fold_case(line);
    return word_count(line) <= 3 &&
           (lower.find("view") != std::string::npos || lower.find("comment") != std::string::npos ||
            lower.find("share") != std::string::npos || lower.find("min read") != std::string::npos);
}

bool is_copyright(std::string_view line) {
    std::string lower = text::fold_case(line);
    return lower.find("\xC2\xA9") != std::string::npos || lower.rfind("copyright", 0) == 0 ||
           lower.find("all rights reserved") != std::string::npos;
}

// "© 2025 DefenseMirror.com - ALL RIGHTS RESERVED" -> "DefenseMirror.com"
std::string copyright_holder(std::string_view line) {
    std::string s = text::trim(line);
    for (std::string_view lead : {"\xC2\xA9", "(c)", "Copyright", "copyright", "COPYRIGHT"}) {
        std::size_t p = s.find(lead);
        if (p != std::string::npos) s = text::trim(std::string_view(s).substr(p + lead.size()));
    }
    s = strip_bullet(s);
    // Drop the year(s) in front.
    std::size_t i = 0;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == ' ' || s[i] == ',')) ++i;
    s = s.substr(i);
    for (std::string_view tail : {" - ", " \xE2\x80\x93 ", ". All", ", All", " All rights", " ALL RIGHTS", " all rights"}) {
        std::size_t p = s.find(tail);
        if (p != std::string::npos) s = s.substr(0, p);
    }
    s = text::trim(s);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return word_count(s) <= 5 ? s : std::string();
}

bool is_footer_start(std::string_view line) {
    std::string lower = text::fold_case(text::trim(line));
    while (!lower.empty() && (lower.back() == ':' || lower.back() == '.')) lower.pop_back();
    for (std::string_view marker : {"also read", "read also", "related", "related articles", "related stories",
                                    "read more", "more stories", "you may also like", "recommended",
                                    "share this", "share this article", "advertisement", "tags"}) {
        if (lower == marker) return true;
    }
    return is_copyright(line);
}

// "Defensemirror.com bureau" -> "Defensemirror.com"; "Source: Reuters" -> "Reuters".
std::string source_from_line(std::string_view line) {
    std::string s = text::trim(line);
    for (std::string_view lead : {"Source:", "Source :", "SOURCE:", "Publisher:", "From:"}) {
        if (text::starts_with_ci(s, lead)) return text::trim(std::string_view(s).substr(lead.size()));
    }
    for (std::string_view tail : {" bureau", " Bureau", " staff", " Staff", " desk", " Desk", " correspondent"}) {
        if (s.size() > tail.size() && std::string_view(s).substr(s.size() - tail.size()) == tail) {
            return text::trim(std::string_view(s).substr(0, s.size() - tail.size()));
        }
    }
    return {};
}

std::vector<std::string> byline_names(std::string_view line) {
    std::string s = text::trim(line);
    if (!(text::starts_with_ci(s, "by ") && s.size() > 3)) return {};
    s = s.substr(3);
    std::vector<std::string> names;
    std::string_view rest = s;
    // "By Jane Doe and John Roe, Reuters" / "By Jane Doe, John Roe"
    std::string normalized;
    for (std::size_t i = 0; i < rest.size(); ++i) {
        if (rest.substr(i, 5) == " and ") { normalized += ','; i += 4; continue; }
        normalized += rest[i];
    }
    for (std::string& n : text::split_trimmed(normalized, ',')) {
        if (word_count(n) <= 4) names.push_back(n);
    }
    return names;
}

// The header lines a story has at most before its text: headline repeats, dates, bylines,
// sources, counters. Beyond them every line is the story's (a table's rows are never metadata).
constexpr std::size_t kMaxHeaderLines = 8;

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }

// The year a copyright line states ("© 2025 Example.com"), as the middle of that year.
std::optional<UtcTime> copyright_year(std::string_view line) {
    for (std::size_t k = 0; k + 4 <= line.size(); ++k) {
        std::string_view y = line.substr(k, 4);
        bool digits = std::all_of(y.begin(), y.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        bool alone = (k == 0 || !std::isdigit(static_cast<unsigned char>(line[k - 1]))) &&
                     (k + 4 == line.size() || !std::isdigit(static_cast<unsigned char>(line[k + 4])));
        if (digits && alone && (y.starts_with("19") || y.starts_with("20"))) return dates::parse(std::string(y) + "-07-02");
    }
    return std::nullopt;
}

}  // namespace

int TextReader::sniff(std::string_view path, std::string_view head) const {
    auto ends_with = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && text::equals_ci(path.substr(path.size() - suffix.size()), suffix);
    };
    if (text::looks_binary(head)) return 0;
    if (ends_with(".txt") || ends_with(".text")) return 50;
    std::string_view start = head.substr(0, 512);
    std::size_t lt = static_cast<std::size_t>(std::count(start.begin(), start.end(), '<'));
    // Markup belongs to the XML and HTML readers; plain text is the fallback for the rest.
    return lt > 3 ? 2 : 10;
}

void TextReader::read(const SourceFile& file, const ReaderOptions& options,
                      const std::function<void(Article&&)>& emit) const {
    std::string data = charset::to_utf8(file.data, "");
    if (text::trim(data).empty()) throw ReadError("the file has no text");

    std::vector<std::string> lines;
    for (std::size_t start = 0; start <= data.size();) {
        std::size_t end = data.find('\n', start);
        if (end == std::string::npos) end = data.size();
        lines.push_back(text::trim(std::string_view(data).substr(start, end - start)));
        start = end + 1;
    }

    Article a;
    std::size_t i = 0;
    while (i < lines.size() && lines[i].empty()) ++i;
    // With the headline known from metadata, the file is its text: a first line repeating the
    // headline is dropped, and nothing else is taken for a header (in hard-wrapped text a short
    // first line is only the start of a sentence).
    bool known = !options.known_title.empty();
    bool headline_line;
    if (known) {
        a.title = options.known_title;
        headline_line = text::same_folded(text::collapse_spaces(lines[i]), text::collapse_spaces(a.title));
    } else {
        // A file that opens with a paragraph of prose has no headline line: its first sentence
        // is the headline, and the paragraph stays in the body.
        headline_line = word_count(lines[i]) < 30;
        a.title = headline_line ? text::collapse_spaces(strip_bullet(lines[i])) : fields::title_from_text(lines[i]);
    }
    if (headline_line) ++i;

    // The header: metadata lines before the first line of prose, ending at a wire dateline.
    std::vector<std::string> standfirst;
    std::string header_source;
    std::optional<UtcTime> copyright;
    std::string dateline_line;  // the line (or paragraph start) a dateline was read from
    bool dateline_alone = false;  // a dateline on a line of its own, with no date
    for (std::size_t header = 0; !known && i < lines.size() && !is_prose(lines[i]) && header < kMaxHeaderLines; ++i) {
        std::string line = strip_bullet(lines[i]);
        if (line.empty() || text::equals_ci(line, a.title) || line[0] == '@') continue;
        ++header;
        if (!a.published) {
            if (auto d = dates::parse(line)) { a.published = d; continue; }
        }
        wire::DatelineResult dl = wire::read_dateline(line);
        if (dl.status == wire::DatelineStatus::read) {
            // The wire copy's text follows its dateline.
            dateline_line = line;
            dateline_alone = !dl.dateline.date && dl.dateline.length >= line.size();
            if (dl.dateline.length < line.size()) standfirst.push_back(line.substr(dl.dateline.length));
            ++i;
            break;
        }
        // A line shaped like a dateline whose date cannot be read stays in the body.
        if (dl.status == wire::DatelineStatus::unreadable) {
            standfirst.push_back(line);
            continue;
        }
        // A place alone in capitals under the headline is the dateline of a story with no date
        // in it ("BANGKOK"): a place, not the source.
        if (standfirst.empty() && header_source.empty() && wire::is_place_line(line)) {
            a.dateline = line;
            ++i;
            break;
        }
        if (is_number_furniture(line)) continue;
        if (auto names = byline_names(line); !names.empty()) {
            for (const std::string& n : names) add_unique(a.authors, n);
            continue;
        }
        if (std::string src = source_from_line(line); !src.empty()) {
            if (header_source.empty()) header_source = src;
            continue;
        }
        if (is_copyright(line)) {
            if (header_source.empty()) header_source = copyright_holder(line);
            if (!copyright) copyright = copyright_year(line);
            continue;
        }
        // A short line with no sentence punctuation or figures, right under the headline: the
        // source name ("Reuters", "The Kyiv Independent").
        bool sentence = line.back() == '.' || line.back() == '?' || line.back() == '!' || line.back() == ':';
        if (header_source.empty() && standfirst.empty() && word_count(line) <= 4 && !sentence && !has_digit(line)) {
            header_source = line;
            continue;
        }
        standfirst.push_back(line);
    }
    // "FARMINGTON HILLS, Mich." with the date on the next line.
    if (dateline_alone && !a.published) {
        while (i < lines.size() && lines[i].empty()) ++i;
        if (i < lines.size()) {
            if (auto d = dates::parse(lines[i])) {
                a.published = d;
                ++i;
            }
        }
    }
    // Else the dateline may open the first paragraph: "LONDON, March 3 (Reuters) - The ...".
    if (dateline_line.empty() && a.dateline.empty()) {
        while (i < lines.size() && lines[i].empty()) ++i;
        if (i < lines.size()) {
            wire::DatelineResult dl = wire::read_dateline(lines[i]);
            if (dl.status == wire::DatelineStatus::read) {
                dateline_line = lines[i];
                lines[i] = lines[i].substr(dl.dateline.length);
            }
        }
    }

    // The body, up to the furniture at the foot of saved pages.
    std::vector<std::string> body_lines;
    for (const std::string& s : standfirst) {
        body_lines.push_back(s);
        body_lines.emplace_back();
    }
    std::string footer_source;
    bool seen_prose = false;
    for (; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (seen_prose && is_footer_start(line)) {
            for (std::size_t k = i; k < lines.size(); ++k) {
                if (!is_copyright(lines[k])) continue;
                if (footer_source.empty()) footer_source = copyright_holder(lines[k]);
                if (!copyright) copyright = copyright_year(lines[k]);
            }
            break;
        }
        if (is_prose(line)) seen_prose = true;
        body_lines.push_back(line);
    }
    std::vector<std::string_view> body_views(body_lines.begin(), body_lines.end());
    if (a.title.empty()) throw ReadError("no headline: the first line of the file is empty");
    if (!story_kind::has_article_text(body_views))
        throw NotAnArticle("not an article: no article text under its first line (a word list, or a table of bare figures)");
    std::string body_text;
    for (const std::string& l : body_lines) body_text += l + '\n';
    a.body = text::normalize_paragraphs(body_text);
    a.kind = story_kind::classify(body_views);

    if (!dateline_line.empty()) {
        // The year of a day and month: the story's other date; else its archive folders or file
        // name; else its copyright line; else the file's modification time.
        std::optional<UtcTime> reference = a.published;
        if (!reference) reference = dates::date_in_path(file.path);
        if (!reference) reference = copyright;
        if (!reference) reference = options.file_modified;
        wire::Dateline dl = wire::read_dateline(dateline_line, reference).dateline;
        a.dateline = dl.text;
        if (!a.published) a.published = dl.date;
        if (header_source.empty()) header_source = dl.source;
    }
    // The publisher's own spelling in its copyright line wins over a header's variant of it.
    a.source = !footer_source.empty() && (header_source.empty() || text::equals_ci(footer_source, header_source))
                   ? footer_source
                   : header_source;
    fields::finish(a, file, name());
    emit(std::move(a));
}

}  // namespace dateline
