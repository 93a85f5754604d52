#include "entity_tokens.h"

#include <array>

#include "entity_gazetteer.h"
#include "text.h"

namespace dateline::entity_text {
namespace {

// Letters of the scripts news names are written in; punctuation blocks, symbols and spaces are not.
bool is_letter(std::uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;
    if (cp >= 0x3000 && cp <= 0x303F) return false;
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
    if (cp >= 0xFF00 && cp <= 0xFF20) return false;
    return cp != 0xFFFD;
}

bool is_upper(std::uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;
    if (cp >= 0x391 && cp <= 0x3A9) return true;
    if (cp >= 0x400 && cp <= 0x42F) return true;
    return false;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The character at byte i: ASCII, most of the text, without a call to the decoder.
text::Utf8Char char_at(std::string_view s, std::size_t i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return {c, 1, true};
    return text::decode_utf8(s, i);
}

bool is_apostrophe_at(std::string_view s, std::size_t i, std::size_t& length) {
    if (s[i] == '\'') { length = 1; return true; }
    if (s[i] == '\xE2' && s.compare(i, 3, "\xE2\x80\x99") == 0) { length = 3; return true; }
    return false;
}

bool letter_at(std::string_view s, std::size_t i) { return i < s.size() && is_letter(char_at(s, i).code_point); }

bool alnum_at(std::string_view s, std::size_t i) { return i < s.size() && (is_digit(s[i]) || letter_at(s, i)); }

// entity_data::name_key(word), made in place in `key` with no call for a word of ASCII letters,
// digits, hyphens and apostrophes (most words): such a word is its own key in lower case.
void set_word_key(std::string_view word, std::string& key) {
    key.assign(word);
    for (char& c : key) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        else if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '\'')) {
            key = entity_data::name_key(word);
            return;
        }
    }
}

// Abbreviations whose dot belongs to the word and does not end the sentence.
bool keeps_dot(std::string_view key) {
    static constexpr std::array<std::string_view, 40> abbreviations{
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "rep", "sen", "gov",
        "prof", "rev", "inc", "corp", "co", "ltd", "no", "vs", "mt", "ft", "capt", "cmdr", "adm",
        "maj", "brig", "cpl", "messrs", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "bros"};
    for (std::string_view a : abbreviations) {
        if (key == a) return true;
    }
    return false;
}

Shape shape_of(std::string_view word) {
    if (is_digit(word[0])) return Shape::number;
    text::Utf8Char first = char_at(word, 0);
    if (!is_upper(first.code_point)) {
        // "al-Assad", "el-Baz", "bin-Laden": a lower-case particle joined to a capitalised name.
        std::size_t dash = word.find('-');
        bool particle_name = dash != std::string_view::npos && dash <= 3 && dash + 1 < word.size() &&
                             is_upper(char_at(word, dash + 1).code_point);
        return particle_name ? Shape::capitalized : Shape::lower;
    }
    std::size_t letters = 0;
    for (std::size_t i = 0; i < word.size();) {
        text::Utf8Char cp = char_at(word, i);
        if (is_letter(cp.code_point)) {
            if (!is_upper(cp.code_point)) return Shape::capitalized;
            ++letters;
        }
        i += cp.length;
    }
    return letters >= 2 ? Shape::upper : Shape::capitalized;
}

// Scans one word starting at `i`; returns its end and sets `possessive` when "'s" followed it
// (`next` is then past the "'s").
std::size_t scan_word(std::string_view s, std::size_t i, bool& possessive, std::size_t& next) {
    std::size_t chunk_start = i;
    possessive = false;
    while (i < s.size()) {
        char c = s[i];
        if (is_digit(c)) { ++i; continue; }
        text::Utf8Char cp = char_at(s, i);
        if (is_letter(cp.code_point)) { i += cp.length; continue; }
        std::size_t apostrophe = 0;
        if (is_apostrophe_at(s, i, apostrophe) && letter_at(s, i + apostrophe)) {
            std::size_t after = i + apostrophe;
            if ((s[after] == 's' || s[after] == 'S') && !alnum_at(s, after + 1)) {
                possessive = true;
                next = after + 1;
                return i;
            }
            i = after;
            continue;
        }
        if ((c == '-' || c == '&') && alnum_at(s, i + 1)) { ++i; chunk_start = i; continue; }
        // "U.S", "U.N": single letters joined by dots stay one word.
        if (c == '.' && i - chunk_start == 1 && letter_at(s, i + 1) && !letter_at(s, i + 2)) {
            ++i;
            chunk_start = i;
            continue;
        }
        break;
    }
    next = i;
    return i;
}

// A word of ASCII letters and digits alone, most words of English news, read in one pass: sets
// its end, key and shape as scan_word, name_key and shape_of would. Returns false, having set
// nothing, when the word goes on with anything else a word may hold (an apostrophe, a hyphen or
// ampersand, a dot after one letter, a letter outside ASCII): scan_word reads those.
bool plain_word(std::string_view s, std::size_t i, std::size_t& end, std::string& key, Shape& shape) {
    auto ascii_lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto ascii_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    std::size_t e = i, upper = 0, lower = 0;
    for (; e < s.size(); ++e) {
        char c = s[e];
        if (ascii_upper(c)) ++upper;
        else if (ascii_lower(c)) ++lower;
        else if (!is_digit(c)) break;
    }
    if (e < s.size()) {
        char c = s[e];
        if (c == '\'' || c == '-' || c == '&' || static_cast<unsigned char>(c) >= 0x80 || (c == '.' && e - i == 1))
            return false;
    }
    end = e;
    key.assign(s.substr(i, e - i));
    if (upper) {
        for (char& c : key) {
            if (ascii_upper(c)) c = static_cast<char>(c - 'A' + 'a');
        }
    }
    char first = s[i];
    if (is_digit(first)) shape = Shape::number;
    else if (!ascii_upper(first)) shape = Shape::lower;
    else shape = lower == 0 && upper >= 2 ? Shape::upper : Shape::capitalized;
    return true;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> tokens;
    tokens.reserve(s.size() / 5);
    bool sentence_start = true;
    std::uint32_t line = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char c = s[i];
        if (c == '\n') {
            ++line;
            sentence_start = true;
            ++i;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') { ++i; continue; }
        text::Utf8Char cp = char_at(s, i);
        if (is_digit(c) || is_letter(cp.code_point)) {
            bool possessive = false;
            std::size_t next = i, end = i;
            Token& t = tokens.emplace_back();
            if (plain_word(s, i, end, t.key, t.shape)) {
                next = end;
                t.text = s.substr(i, end - i);
            } else {
                end = scan_word(s, i, possessive, next);
                t.text = s.substr(i, end - i);
                set_word_key(t.text, t.key);
                t.shape = shape_of(t.text);
            }
            t.possessive = possessive;
            t.sentence_start = sentence_start;
            t.line = line;
            if (!possessive && end < s.size() && s[end] == '.') {
                bool dotted_letters = t.text.size() >= 2 && t.text[t.text.size() - 2] == '.';
                bool initial = t.key.size() == 1 && t.shape != Shape::number;
                if (dotted_letters || initial || keeps_dot(t.key)) {
                    ++end;
                    t.text = s.substr(i, end - i);
                    next = end;
                }
            }
            sentence_start = false;
            i = next;
            continue;
        }
        Token& t = tokens.emplace_back();
        t.text = s.substr(i, cp.length);
        t.line = line;
        // Sentences end at . ! ? and colons; quotes and spaced dashes start a new clause whose
        // first word is capitalised for grammar, not because it is a name.
        bool opener = c == '.' || c == '!' || c == '?' || c == ':' || c == '"' ||
                      (c == '\xE2' && (t.text == "\xE2\x80\x9C" || t.text == "\xE2\x80\x98" || t.text == "\xE2\x80\x94")) ||
                      (c == '-' && i > 0 && s[i - 1] == ' ');
        if (opener) sentence_start = true;
        i += cp.length;
    }
    return tokens;
}

}  // namespace dateline::entity_text
