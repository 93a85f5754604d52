// Mentions: the capitalised phrases of a text, each read as a person, organization or place.
//
// find_mentions() walks the tokens of one text (a headline, a dateline or a body) and decides,
// phrase by phrase, what each one names, from the gazetteer and the phrase's shape:
//   - known places and organizations by name or alias ("North Atlantic Treaty Organization");
//   - titles before a name ("Defense Secretary Pete Hegseth" -> the person "Pete Hegseth";
//     "U.S." in front of the title is a place of its own);
//   - organization and place shapes ("... Corp", "Ministry of ...", "Yangtze River");
//   - people: a given name in front, a public figure's surname ("Volcker"), or capitalised
//     words that are nothing else;
//   - wire datelines at the start of a line ("WASHINGTON, Feb 14 (Reuters) -", "LONDON 1996-08-30",
//     "DURBAN, South Africa 1996-12-06", "Durban, South Africa (Reuters) -"): the city and its
//     country or state are places.
// Lines in capitals or title case (headlines) only yield names the gazetteer knows, public
// figures and words after a title ("PRESIDENT SARNEY"), and a word capitalised only because it
// starts a sentence is not a name on its own. A lone capitalised word
// is left `unknown` for the article-level step (entities.cpp) to match with a full name.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "entity_gazetteer.h"
#include "entity_tokens.h"

namespace dateline::entity_text {

enum class MentionKind { person, organization, place, unknown };

struct Mention {
    MentionKind kind;
    std::string name;          // display form: "Pete Hegseth", "NATO", "Washington"
    std::size_t words = 1;     // words in the name; a one-word person may be a bare surname
    bool country = false;      // a place that is a country (national teams stay places in sport)
    bool dateline = false;     // the place of a dateline
    bool shape_only = false;   // a person only by the shape of the name: no given name, no title
    bool venue = false;        // a place after "at" or "in": where a game is played, not a team
    bool tagged = false;       // found by the learned tagger (entity_tagger.h), whose kind already reads the story's sport
};

// Appends the mentions of `text` to `out`, in text order. Each line is judged on its own, so a
// headline passed as part of a body is recognised as one.
void find_mentions(const entity_data::Gazetteer& gazetteer, std::string_view text, std::vector<Mention>& out);
// The same for a text already tokenized (entity_tokens.h), whose tokens point into it.
void find_mentions(const entity_data::Gazetteer& gazetteer, const std::vector<Token>& tokens, std::vector<Mention>& out);

// Only the places of the wire datelines that open lines of `tokens` ("LONDON 1996-12-06",
// "Emeryville (AP) -"), for a body whose other names the tagger reads.
void find_line_datelines(const entity_data::Gazetteer& gazetteer, const std::vector<Token>& tokens, std::vector<Mention>& out);

// The places a wire dateline names: "SALVADOR, Feb 26" -> "Salvador"; "DURBAN, South Africa"
// -> "Durban" and "South Africa"; nothing when the line does not start with a place.
void find_dateline_place(const entity_data::Gazetteer& gazetteer, std::string_view dateline,
                         std::vector<Mention>& out);

}  // namespace dateline::entity_text
