#include "text.h"

#include <xapian.h>

#include <cctype>

namespace dateline::text {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    Utf8Char c = decode_utf8(s, i);
    return c.valid ? c.length : 0;
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

Utf8Char decode_utf8(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const Utf8Char invalid;
    unsigned char c = byte(i);
    if (c < 0x80) return {c, 1, true};
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return invalid;
    if (i + len > s.size()) return invalid;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return invalid;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return invalid;
    if (cp >= 0xD800 && cp <= 0xDFFF) return invalid;
    if (cp > 0x10FFFF) return invalid;
    return {cp, len, true};
}

std::string repair_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        std::size_t len = utf8_sequence_length(in, i);
        if (len == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (len == 1) {
            char c = in[i];
            if (c == '\r' || c == '\f' || c == '\v') {
                // "\r\n" is one line break.
                if (!(c == '\r' && i + 1 < in.size() && in[i + 1] == '\n')) out += '\n';
            } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') {
                if (c != 0x7F) out += c;
            }
        } else {
            out.append(in.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string latin1_to_utf8(std::string_view in) {
    std::string out;
    out.reserve(in.size() + in.size() / 8);
    for (unsigned char c : in) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

bool is_valid_utf8(std::string_view in) {
    for (std::size_t i = 0; i < in.size();) {
        std::size_t len = utf8_sequence_length(in, i);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string fold_case(std::string_view in) {
    // Most text is ASCII, which needs no Unicode tables: the common case stays cheap.
    std::string out(in);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) >= 0x80) return Xapian::Unicode::tolower(std::string(in));
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    return out;
}

namespace {

// The length of a Unicode space other than ASCII's at `i` (NO-BREAK, the typographic spaces
// U+2000..U+200A, NARROW NO-BREAK, MEDIUM MATHEMATICAL, IDEOGRAPHIC), else 0.
std::size_t unicode_space_at(std::string_view s, std::size_t i) {
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') return 2;
    if (i + 2 >= s.size()) return 0;
    unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]),
                  c = static_cast<unsigned char>(s[i + 2]);
    if (a == 0xE2 && b == 0x80 && (c <= 0x8A || c == 0xAF)) return 3;
    if (a == 0xE2 && b == 0x81 && c == 0x9F) return 3;
    if (a == 0xE3 && b == 0x80 && c == 0x80) return 3;
    return 0;
}

// The length of an invisible character at `i` that pages scatter through text and that only
// splits words for a search: ZERO WIDTH SPACE, WORD JOINER, and the byte-order mark (U+FEFF).
std::size_t invisible_at(std::string_view s, std::size_t i) {
    if (i + 2 >= s.size()) return 0;
    unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]),
                  c = static_cast<unsigned char>(s[i + 2]);
    if (a == 0xE2 && b == 0x80 && c == 0x8B) return 3;
    if (a == 0xE2 && b == 0x81 && c == 0xA0) return 3;
    if (a == 0xEF && b == 0xBB && c == 0xBF) return 3;
    return 0;
}

}  // namespace

namespace {

// Whether collapse_spaces would return `in` as it is: no byte that may begin a Unicode space or
// an invisible character, no space but single ones between other characters. Most names and
// lines are so, and are copied whole rather than byte by byte.
bool already_collapsed(std::string_view in) {
    bool after_space = true;  // a space at the start would be dropped
    for (char c : in) {
        if (static_cast<unsigned char>(c) >= 0xC2) return false;
        if (c == ' ') {
            if (after_space) return false;
            after_space = true;
        } else if (is_space_byte(c)) {
            return false;
        } else {
            after_space = false;
        }
    }
    return in.empty() || !after_space;
}

}  // namespace

std::string collapse_spaces(std::string_view in) {
    if (already_collapsed(in)) return std::string(in);
    std::string out;
    out.reserve(in.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        bool space = is_space_byte(c);
        if (!space && static_cast<unsigned char>(c) >= 0xC2) {
            if (std::size_t n = invisible_at(in, i)) {
                i += n - 1;
                continue;
            }
            if (std::size_t n = unicode_space_at(in, i)) {
                space = true;
                i += n - 1;
            }
        }
        if (space) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::string trim(std::string_view in) {
    std::size_t b = 0, e = in.size();
    while (true) {
        if (b < e && is_space_byte(in[b])) { ++b; continue; }
        if (b + 1 < e && in[b] == '\xC2' && in[b + 1] == '\xA0') { b += 2; continue; }
        break;
    }
    while (true) {
        if (e > b && is_space_byte(in[e - 1])) { --e; continue; }
        if (e >= b + 2 && in[e - 2] == '\xC2' && in[e - 1] == '\xA0') { e -= 2; continue; }
        break;
    }
    return std::string(in.substr(b, e - b));
}

std::string normalize_paragraphs(std::string_view in) {
    std::string out;
    std::string para;
    auto flush = [&] {
        std::string p = collapse_spaces(para);
        if (!p.empty()) {
            if (!out.empty()) out += "\n\n";
            out += p;
        }
        para.clear();
    };
    std::size_t start = 0;
    while (start <= in.size()) {
        std::size_t end = in.find('\n', start);
        if (end == std::string_view::npos) end = in.size();
        std::string_view line = in.substr(start, end - start);
        if (trim(line).empty()) {
            flush();
        } else {
            para += ' ';
            para.append(line);
        }
        start = end + 1;
    }
    flush();
    return out;
}

std::string title_case_code(std::string_view code) {
    std::string out;
    bool word_start = true;
    for (char c : code) {
        if (c == '-' || c == '_' || c == ' ') {
            if (!out.empty() && out.back() != ' ') out += ' ';
            word_start = true;
            continue;
        }
        unsigned char u = static_cast<unsigned char>(c);
        out += word_start ? static_cast<char>(std::toupper(u)) : static_cast<char>(std::tolower(u));
        word_start = false;
    }
    return trim(out);
}

std::string smart_title_case(std::string_view in) {
    bool has_upper = false, has_lower = false;
    for (char c : in) {
        if (std::isupper(static_cast<unsigned char>(c))) has_upper = true;
        if (std::islower(static_cast<unsigned char>(c))) has_lower = true;
    }
    if (has_upper && has_lower) return std::string(in);
    std::string out;
    bool word_start = true;
    for (char c : in) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalpha(u)) {
            out += word_start ? static_cast<char>(std::toupper(u)) : static_cast<char>(std::tolower(u));
            word_start = false;
        } else {
            out += c;
            word_start = !(c == '\'' || static_cast<unsigned char>(c) >= 0x80);
        }
    }
    return out;
}

std::string truncate_utf8(std::string_view in, std::size_t max_bytes) {
    if (in.size() <= max_bytes) return std::string(in);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(in[cut]) & 0xC0) == 0x80) --cut;
    return std::string(in.substr(0, cut));
}

std::uint64_t hash64(std::string_view in, std::uint64_t h) {
    for (unsigned char c : in) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string hash_hex(std::string_view in) { return hex64(hash64(in)); }

std::string hex64(std::uint64_t h) {
    static const char* digits = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = digits[h & 0xF];
        h >>= 4;
    }
    return out;
}

bool looks_binary(std::string_view data) {
    std::string_view head = data.substr(0, 8192);
    std::size_t control = 0;
    for (unsigned char c : head) {
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
    }
    // Reuters SGML carries a few control characters as references, never raw in bulk.
    return control * 20 > head.size() && control > 8;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::vector<std::string> split_trimmed(std::string_view in, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= in.size()) {
        std::size_t end = in.find(sep, start);
        if (end == std::string_view::npos) end = in.size();
        std::string piece = trim(in.substr(start, end - start));
        if (!piece.empty()) out.push_back(std::move(piece));
        start = end + 1;
    }
    return out;
}

namespace {

// What each letter of U+00C0..U+024F (Latin-1 Supplement, Latin Extended-A and -B) folds to;
// "" keeps the letter. Written as a table rather than through a Unicode normaliser because it
// runs on every word the indexer stems: a lookup costs nothing beside a decomposition.
constexpr std::string_view kLatinFold[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c",  // U+00C0
    "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C8
    "d", "n", "o", "o", "o", "o", "o", "",  // U+00D0
    "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D8
    "a", "a", "a", "a", "a", "a", "ae", "c",  // U+00E0
    "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E8
    "d", "n", "o", "o", "o", "o", "o", "",  // U+00F0
    "o", "u", "u", "u", "u", "y", "th", "y",  // U+00F8
    "a", "a", "a", "a", "a", "a", "c", "c",  // U+0100
    "c", "c", "c", "c", "c", "c", "d", "d",  // U+0108
    "d", "d", "e", "e", "e", "e", "e", "e",  // U+0110
    "e", "e", "e", "e", "g", "g", "g", "g",  // U+0118
    "g", "g", "g", "g", "h", "h", "h", "h",  // U+0120
    "i", "i", "i", "i", "i", "i", "i", "i",  // U+0128
    "i", "i", "ij", "ij", "j", "j", "k", "k",  // U+0130
    "", "l", "l", "l", "l", "l", "l", "l",  // U+0138
    "l", "l", "l", "n", "n", "n", "n", "n",  // U+0140
    "n", "", "", "", "o", "o", "o", "o",  // U+0148
    "o", "o", "oe", "oe", "r", "r", "r", "r",  // U+0150
    "r", "r", "s", "s", "s", "s", "s", "s",  // U+0158
    "s", "s", "t", "t", "t", "t", "t", "t",  // U+0160
    "u", "u", "u", "u", "u", "u", "u", "u",  // U+0168
    "u", "u", "u", "u", "w", "w", "y", "y",  // U+0170
    "y", "z", "z", "z", "z", "z", "z", "",  // U+0178
    "b", "", "", "", "", "", "", "",  // U+0180
    "", "", "", "", "", "", "", "",  // U+0188
    "", "", "f", "", "", "", "", "",  // U+0190
    "", "", "", "", "", "", "", "",  // U+0198
    "o", "o", "", "", "", "", "", "",  // U+01A0
    "", "", "", "", "", "", "", "u",  // U+01A8
    "u", "", "", "", "", "z", "z", "",  // U+01B0
    "", "", "", "", "", "", "", "",  // U+01B8
    "", "", "", "", "", "", "", "",  // U+01C0
    "", "", "", "", "", "a", "a", "i",  // U+01C8
    "i", "o", "o", "u", "u", "u", "u", "u",  // U+01D0
    "u", "u", "u", "u", "u", "", "a", "a",  // U+01D8
    "a", "a", "", "", "g", "g", "g", "g",  // U+01E0
    "k", "k", "o", "o", "o", "o", "", "",  // U+01E8
    "j", "", "", "", "g", "g", "", "",  // U+01F0
    "n", "n", "a", "a", "", "", "", "",  // U+01F8
    "a", "a", "a", "a", "e", "e", "e", "e",  // U+0200
    "i", "i", "i", "i", "o", "o", "o", "o",  // U+0208
    "r", "r", "r", "r", "u", "u", "u", "u",  // U+0210
    "s", "s", "t", "t", "", "", "h", "h",  // U+0218
    "", "", "", "", "", "", "a", "a",  // U+0220
    "e", "e", "o", "o", "o", "o", "o", "o",  // U+0228
    "o", "o", "y", "y", "", "", "", "",  // U+0230
    "", "", "", "", "", "", "", "",  // U+0238
    "", "", "", "", "", "", "", "",  // U+0240
    "", "", "", "", "", "", "", "",  // U+0248
};

}  // namespace

std::string fold_accents(std::string_view in) {
    std::string lower = fold_case(in);
    bool ascii = true;
    for (char c : lower) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return lower;
    std::string out;
    out.reserve(lower.size());
    for (Xapian::Utf8Iterator it(lower); it != Xapian::Utf8Iterator(); ++it) {
        unsigned cp = *it;
        if (cp >= 0xC0 && cp < 0x250 && !kLatinFold[cp - 0xC0].empty()) {
            out += kLatinFold[cp - 0xC0];
        } else if (cp >= 0x300 && cp <= 0x36F) {
            // A combining accent of decomposed text ("u" + U+0308): dropped like a composed one.
        } else if (cp == 0x451) {
            Xapian::Unicode::append_utf8(out, 0x435);  // Russian writes "е" for "ё" in most printed text
        } else {
            Xapian::Unicode::append_utf8(out, cp);
        }
    }
    return out;
}

bool is_cjk(unsigned cp) {
    return (cp >= 0x2E80 && cp <= 0x2FFF) || (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xA700 && cp <= 0xA71F) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2EBEF) ||
           (cp >= 0x2F800 && cp <= 0x2FA1F);
}

std::string remove_emoji_marks(std::string_view in) {
    bool ascii = true;
    for (char c : in) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) return std::string(in);
    std::string out;
    out.reserve(in.size());
    for (Xapian::Utf8Iterator it(in.data(), in.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned cp = *it;
        bool mark = (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
                    (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF);
        if (!mark) Xapian::Unicode::append_utf8(out, cp);
    }
    return out;
}

bool same_folded(std::string_view a, std::string_view b) {
    auto ascii = [](std::string_view s) {
        for (char c : s) {
            if (static_cast<unsigned char>(c) >= 0x80) return false;
        }
        return true;
    };
    // Folding never changes the length of ASCII text, so unequal lengths settle it at once.
    if (ascii(a) && ascii(b)) return equals_ci(a, b);
    return fold_case(a) == fold_case(b);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    return equals_ci(s.substr(0, prefix.size()), prefix);
}

bool equals_ci(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

}  // namespace dateline::text
