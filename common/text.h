// Text helpers every module needs: UTF-8 repair, case folding, whitespace, hashing.
//
// All functions take and return UTF-8. Anything that reaches Xapian or JSON has been through
// repair_utf8 first, so invalid bytes never get further than the reader that met them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::text {

// Valid UTF-8 with every invalid byte sequence replaced by U+FFFD, and control characters other
// than '\n' and '\t' removed ('\r' and form feeds become '\n').
std::string repair_utf8(std::string_view in);

// The character whose UTF-8 sequence starts at in[i] (i < in.size()). An invalid sequence
// (a stray continuation byte, a cut or overlong sequence, a surrogate, a value past U+10FFFF)
// gives U+FFFD with length 1, so a loop over damaged text still moves on, one byte at a time.
struct Utf8Char {
    std::uint32_t code_point = 0xFFFD;
    std::size_t length = 1;  // in bytes
    bool valid = false;
};
Utf8Char decode_utf8(std::string_view in, std::size_t i);

// Converts ISO-8859-1 bytes to UTF-8.
std::string latin1_to_utf8(std::string_view in);

// True when `in` is valid UTF-8.
bool is_valid_utf8(std::string_view in);

// Lower-cased (Unicode-aware) copy.
std::string fold_case(std::string_view in);

// Lower-cased copy with the accents of Latin letters removed and ligatures spelt out, as
// search engines compare words: "Zürich" -> "zurich", "São" -> "sao", "Straße" -> "strasse",
// "Œuvre" -> "oeuvre", "Łódź" -> "lodz", and Russian "ё" -> "е". Other scripts are only
// lower-cased. Cheap for ASCII (one pass, no allocation beyond the copy).
std::string fold_accents(std::string_view in);

// True for a code point of the scripts Xapian's CJK n-gram mode splits into characters (Han,
// kana, Hangul, CJK symbols and the full-width forms), the same ranges as Xapian's own test.
bool is_cjk(unsigned codepoint);

// `in` without the invisible marks that glue emoji and symbols together (variation selectors,
// ZERO WIDTH JOINER, skin-tone modifiers, keycap and tag characters). Xapian counts them as word
// characters, so "oil 🛢️" would otherwise ask for a word made of U+FE0F alone.
std::string remove_emoji_marks(std::string_view in);

// Trims both ends and turns every run of whitespace (including newlines and Unicode spaces such
// as NO-BREAK and IDEOGRAPHIC SPACE) into one space; zero-width spaces and stray byte-order marks
// are dropped.
std::string collapse_spaces(std::string_view in);

// Trims spaces, tabs and newlines (ASCII and U+00A0) from both ends.
std::string trim(std::string_view in);

// Text with paragraphs kept: lines inside a paragraph are joined with a space, paragraphs
// (separated by blank lines) are joined with "\n\n", runs of spaces collapse.
std::string normalize_paragraphs(std::string_view in);

// "james-baker" -> "James Baker"; "west-germany" -> "West Germany". Words joined by '-' or '_'
// become space-separated and capitalised.
std::string title_case_code(std::string_view code);

// Capitalises the first letter of each word of an ALL-CAPS or lower-case string ("BAHIA COCOA"
// -> "Bahia Cocoa"); other strings are returned unchanged.
std::string smart_title_case(std::string_view in);

// At most `max_bytes` bytes of `in`, cut on a UTF-8 character boundary.
std::string truncate_utf8(std::string_view in, std::size_t max_bytes);

// 64-bit FNV-1a: a stable hash (std::hash is not stable across builds), as 16 hex digits.
// hash64(b, hash64(a)) == hash64(a + b): a file read in pieces hashes like the whole.
inline constexpr std::uint64_t kHash64Start = 0xcbf29ce484222325ULL;
std::uint64_t hash64(std::string_view in, std::uint64_t h = kHash64Start);
std::string hash_hex(std::string_view in);
std::string hex64(std::uint64_t h);

// True when the bytes look like a binary file rather than text: NUL bytes or many control bytes
// in the first few kilobytes.
bool looks_binary(std::string_view data);

// Splits on `sep`, trimming each piece and dropping empty ones.
std::vector<std::string> split_trimmed(std::string_view in, char sep);
// The parts with `sep` between them: join({"a", "b"}, ", ") == "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view sep);

// True when a and b are equal once case-folded (Unicode-aware); cheap when both are ASCII.
bool same_folded(std::string_view a, std::string_view b);

bool starts_with_ci(std::string_view s, std::string_view prefix);
bool equals_ci(std::string_view a, std::string_view b);

}  // namespace dateline::text
