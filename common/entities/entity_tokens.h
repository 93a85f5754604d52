// Tokens of news prose, as the entity extractor sees them.
//
// Words keep what names are made of: hyphens ("al-Assad", "Jean-Pierre"), inner apostrophes
// ("O'Brien"), dotted abbreviations and initials ("U.S.", "Mr.", "J."). A possessive "'s" or
// "’s" is cut off and remembered. Every other character is a punctuation token of its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::entity_text {

enum class Shape : std::uint8_t {
    lower,        // starts with a lower-case letter: "said", "al-Assad"
    capitalized,  // starts with a capital: "Hegseth", "McDonald", "A"
    upper,        // two or more letters, all capitals: "NATO", "U.S.", "WASHINGTON"
    number,       // starts with a digit: "1996-08-30", "5.93"
    punct,        // anything else, one character
};

struct Token {
    std::string_view text;  // as written, possessive cut off; an abbreviation keeps its dot
    std::string key;        // entity_data::name_key(text)
    Shape shape = Shape::punct;
    bool sentence_start = false;  // first word of a sentence, line or paragraph
    bool possessive = false;      // was followed by "'s"
    std::uint32_t line = 0;       // 0-based line number within the tokenized text

    bool is_word() const { return shape != Shape::punct; }
    bool is_capital() const { return shape == Shape::capitalized || shape == Shape::upper; }
};

std::vector<Token> tokenize(std::string_view text);

}  // namespace dateline::entity_text
