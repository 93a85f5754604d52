// Entities in languages other than English.
//
// The tagger (entity_tagger.h) learned English: in German every noun is capitalised ("Millionen
// Euro"), and Russian and Ukrainian inflect names ("Виталия Кичинекова" is "Виталий
// Кичинеков"), so its guesses there are noise. Each language is read in the way it can be read
// well, and where that is not possible nothing is guessed:
//   - English, and articles whose language is not known: the tagger and the rules (entities.cpp).
//   - Russian, Ukrainian and Belarusian (Cyrillic): a person is a given name of
//     data/given_names_cyrillic.txt, in any case, with the surname (and patronymic) after it,
//     reported in the nominative; places and organizations are the names of
//     data/names_cyrillic.txt in any case ("Республики Алтай" is the Altai Republic).
//   - Other languages written in the Latin alphabet (German, French, Spanish...): capitals say
//     little, so only a given name of data/given_names.txt followed by a surname is a person,
//     names the word lists know (data/names_other_languages.txt adds "Deutschland" and other
//     local names of places) are places and organizations, and a company is the capitalised
//     words before a legal form ("Deutsche Bahn AG", "Siemens SE").
//   - Any other script: nothing, until lists for it exist.
// Whatever the language, capitalised words in a script the reading does not know are skipped.
//
// NamesAbroad is built once (it loads the lists) and only read afterwards: thread-safe.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "entity_gazetteer.h"
#include "entity_mentions.h"
#include "entity_tokens.h"

namespace dateline::entity_text {

enum class Reading {
    english,   // the tagger and the rules
    cyrillic,  // Russian, Ukrainian, Belarusian
    latin,     // other languages in the Latin alphabet: known names, given name + surname, companies
    none,      // scripts without lists: no entities
};

// How an article in `language` (an ISO 639-1 code, "" when unknown) is read.
Reading reading_for(std::string_view language);

// Whether the word is written in the Cyrillic alphabet (its first letter is).
bool is_cyrillic(std::string_view word);

class NamesAbroad {
public:
    explicit NamesAbroad(const entity_data::Gazetteer& gazetteer);
    ~NamesAbroad();
    NamesAbroad(const NamesAbroad&) = delete;
    NamesAbroad& operator=(const NamesAbroad&) = delete;

    // Appends the mentions of one tokenized text read as `reading` (cyrillic or latin).
    void find(Reading reading, const std::vector<Token>& tokens, std::vector<Mention>& out) const;

private:
    struct Lists;
    const entity_data::Gazetteer& gazetteer_;
    std::unique_ptr<const Lists> lists_;
};

}  // namespace dateline::entity_text
