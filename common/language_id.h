// Language identification for articles whose source does not declare a language.
//
// Uses libexttextcat (Debian's libexttextcat-2.0, the n-gram identifier LibreOffice uses, after
// Cavnar and Trenkle's "N-Gram-Based Text Categorization") with its own language profiles,
// limited to the languages a news archive is likely to hold: comparing against its 160
// profiles would be slower and would confuse German with Luxembourgish. Chinese, Japanese and
// Korean are told apart by their scripts before the profiles are consulted: kana means
// Japanese, Hangul Korean, other Han characters Chinese; and a "Russian" text that writes the
// Ukrainian letters і, ї, є, ґ is Ukrainian.
//
// Accuracy on the multilingual files of ../shared is checked by tests/searcher/test_languages.cpp
// (figures in the README, "Languages").
//
// Thread-safe: the profiles are loaded once, on first use, and only read afterwards.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// The ISO 639-1 code of the language `text` is written in ("de", "ru", "zh"...), or "" when the
// text is too short to tell (under ~60 bytes of letters) or the profiles cannot be read. Only the
// first few kilobytes are looked at.
std::string identify_language(std::string_view text);

}  // namespace dateline
