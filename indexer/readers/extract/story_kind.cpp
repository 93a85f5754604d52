#include "story_kind.h"

namespace dateline::story_kind {
namespace {

std::vector<std::string_view> tokens_of(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
        if (j > i) out.push_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

// Lines as written may be indented (Reuters-21578 marks paragraphs so) or hold only spaces.
std::string_view trimmed(std::string_view line) {
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t' || line.front() == '\r')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    return line;
}

bool has_digit(std::string_view s) { return s.find_first_of("0123456789") != std::string_view::npos; }

// Letters, ASCII or not (UTF-8 lead bytes of accented and Cyrillic letters alike).
bool has_letter(std::string_view s) {
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') return true;
        if (u >= 0xC3) return true;
    }
    return false;
}

std::size_t cells(std::string_view line, char sep) {
    std::size_t n = 1;
    for (char c : line) n += c == sep ? 1 : 0;
    return n;
}

bool is_row(std::string_view line) {
    if (cells(line, '\t') >= 3 || cells(line, '|') >= 3) return true;
    std::vector<std::string_view> toks = tokens_of(line);
    std::size_t figures = 0;
    for (std::string_view t : toks) figures += has_digit(t) ? 1 : 0;
    return figures >= 2 && figures * 4 >= toks.size();
}

}  // namespace

double prose_share(const std::vector<std::string_view>& lines) {
    std::size_t total = 0, prose = 0;
    std::size_t para_chars = 0, para_lines = 0, para_words = 0, sentence_ends = 0;
    char last = 0;
    auto flush = [&] {
        bool ends_sentence = last == '.' || last == '!' || last == '?' || last == '"' || last == ')' ||
                             static_cast<unsigned char>(last) >= 0x80;
        // Prose: long enough lines, a dozen words or more, and sentences in them (a paragraph may
        // end with a credit such as "example.org" rather than a full stop).
        if (para_lines > 0 && para_words >= 12 && para_chars / para_lines > 40 && (ends_sentence || sentence_ends >= 2))
            prose += para_chars;
        para_chars = para_lines = para_words = sentence_ends = 0;
    };
    for (std::string_view raw : lines) {
        std::string_view line = trimmed(raw);
        if (line.empty()) {
            flush();
            continue;
        }
        total += line.size();
        para_chars += line.size();
        ++para_lines;
        para_words += tokens_of(line).size();
        // Hard-wrapped text ends sentences at the end of lines too.
        for (std::size_t k = 0; k < line.size(); ++k) {
            if ((line[k] == '.' || line[k] == '!' || line[k] == '?') && (k + 1 == line.size() || line[k + 1] == ' ')) ++sentence_ends;
        }
        last = line.back();
    }
    flush();
    return total == 0 ? 0.0 : static_cast<double>(prose) / static_cast<double>(total);
}

std::string classify(const std::vector<std::string_view>& lines) {
    std::size_t total = 0, row_chars = 0, rows = 0, nonempty = 0, words = 0;
    for (std::string_view raw : lines) {
        std::string_view line = trimmed(raw);
        if (line.empty()) continue;
        ++nonempty;
        total += line.size();
        words += tokens_of(line).size();
        if (is_row(line)) {
            ++rows;
            row_chars += line.size();
        }
    }
    if (rows >= 3 && row_chars * 10 >= total * 4) return std::string(kTable);
    if (words < 60) return std::string(kBrief);
    if (nonempty >= 5 && prose_share(lines) < 0.3) return std::string(kList);
    return std::string(kStory);
}

std::string classify(std::string_view body) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string_view::npos) end = body.size();
        lines.push_back(body.substr(start, end - start));
        start = end + 1;
    }
    return classify(lines);
}

bool has_article_text(const std::vector<std::string_view>& lines) {
    for (std::string_view line : lines) {
        std::vector<std::string_view> toks = tokens_of(line);
        if (toks.size() < 2) continue;
        for (std::string_view t : toks) {
            if (has_letter(t)) return true;
        }
    }
    return false;
}

}  // namespace dateline::story_kind
