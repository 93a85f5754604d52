#include "text_reader.h"

#include <algorithm>
#include <cctype>

#include "article_fields.h"
#include "charset.h"
#include "dates.h"
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

// The share of the text's characters that sit in paragraphs of prose: sentences of a dozen
// words or more on lines of normal length. News articles are mostly prose (0.8 to 1.0 on the
// samples, the seed and the BBC corpus); word lists, tables and listings are almost none (under
// 0.05 for the Reuters-21578 distribution's category lists and notes).
double prose_share(const std::vector<std::string>& lines) {
    std::size_t total = 0, prose = 0;
    std::size_t para_chars = 0, para_lines = 0, para_words = 0, sentence_ends = 0;
    char last = 0;
    auto flush = [&] {
        bool ends_sentence = last == '.' || last == '!' || last == '?' || last == '"' || last == ')' ||
                             static_cast<unsigned char>(last) >= 0x80;
        // Prose: long enough lines, a dozen words or more, and sentences in them (a paragraph may
        // end with a credit such as "example.org" rather than a full stop).
        if (para_lines > 0 && para_words >= 12 && para_chars / para_lines > 40 &&
            (ends_sentence || sentence_ends >= 2))
            prose += para_chars;
        para_chars = para_lines = para_words = sentence_ends = 0;
    };
    for (const std::string& line : lines) {
        if (line.empty()) { flush(); continue; }
        total += line.size();
        para_chars += line.size();
        ++para_lines;
        para_words += word_count(line);
        for (std::size_t k = 0; k + 1 < line.size(); ++k) {
            if ((line[k] == '.' || line[k] == '!' || line[k] == '?') && line[k + 1] == ' ') ++sentence_ends;
        }
        last = line.back();
    }
    flush();
    return total == 0 ? 0.0 : static_cast<double>(prose) / static_cast<double>(total);
}


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

    if (prose_share(lines) < 0.3) throw NotAnArticle("not an article: mostly lists or tables, little prose");

    Article a;
    a.format = "text";
    a.source_path = file.path;
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

    // The header: everything before the first line of prose.
    std::vector<std::string> standfirst;
    std::string header_source;
    for (; !known && i < lines.size() && !is_prose(lines[i]); ++i) {
        std::string line = strip_bullet(lines[i]);
        if (line.empty() || text::equals_ci(line, a.title) || line[0] == '@') continue;
        if (!a.published) {
            if (auto d = dates::parse(line)) { a.published = d; continue; }
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
            continue;
        }
        // A short line with no sentence punctuation, right under the headline: the source name
        // ("Reuters", "The Kyiv Independent").
        bool sentence = line.back() == '.' || line.back() == '?' || line.back() == '!' || line.back() == ':';
        if (header_source.empty() && standfirst.empty() && word_count(line) <= 4 && !sentence) {
            header_source = line;
            continue;
        }
        standfirst.push_back(line);
    }

    // The body, up to the furniture at the foot of saved pages.
    std::string body_text;
    for (const std::string& s : standfirst) body_text += s + "\n\n";
    std::string footer_source;
    bool seen_prose = false;
    for (; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (seen_prose && is_footer_start(line)) {
            for (std::size_t k = i; k < lines.size(); ++k) {
                if (is_copyright(lines[k]) && footer_source.empty()) footer_source = copyright_holder(lines[k]);
            }
            break;
        }
        if (is_prose(line)) seen_prose = true;
        body_text += line;
        body_text += '\n';
    }
    a.body = text::normalize_paragraphs(body_text);
    // The publisher's own spelling in its copyright line wins over a header's variant of it.
    a.source = !footer_source.empty() && (header_source.empty() || text::equals_ci(footer_source, header_source))
                   ? footer_source
                   : header_source;
    if (a.title.empty()) throw ReadError("no headline: the first line of the file is empty");
    emit(std::move(a));
}

}  // namespace dateline
