// EntityExtractor: people, organizations and places found in an article's prose.
//
// Most archive files carry no entity markup; this module reads the headline, dateline and body
// (in English with a learned tagger, entity_tagger.h, and the rules of entity_mentions.h; other
// languages as entity_languages.h says) and returns each entity once per article: a person under their fullest name ("Pete Hegseth"
// for "Defense Secretary Pete Hegseth", "Hegseth", "Mr. Hegseth" and "Hegseth's"), and places and
// organizations the word lists know under their canonical name ("NATO" for "North Atlantic
// Treaty Organization" and "Nato", "U.S." for "United States"), so that facets count one
// organization once. Names the lists do not know are reported as written. It uses the word lists
// in common/data/ (compiled into the program) and the shapes of names, titles and organizations.
// Sports stories ("SOCCER - ...") are read by their sport: in team sports a city, a county or a
// name with a club word ("Hansa Rostock") is a club, but not the city a game is played "at".
//
// The names it reports, and every name of an article that extract_entities() has seen, are the
// alias table's canonical names (entity_aliases.h), whatever reader or list they came from.
//
// Construct one extractor and share it: construction loads the word lists; extract() is const
// and safe to call from several threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "entity_aliases.h"

namespace dateline {

struct Entities {
    std::vector<std::string> people;
    std::vector<std::string> organizations;
    std::vector<std::string> places;
};

class EntityExtractor {
public:
    // `aliases`: the table that names entities (the built-in one, or with a user's file).
    explicit EntityExtractor(std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in());
    ~EntityExtractor();
    EntityExtractor(const EntityExtractor&) = delete;
    EntityExtractor& operator=(const EntityExtractor&) = delete;

    // Entities in the text; `dateline` is a wire story's place line ("SALVADOR, Feb 26"), empty
    // when there is none; `language` the article's ISO 639-1 code, empty when unknown (read as
    // English). Each language is read as entity_languages.h says: where Dateline cannot read a
    // language's names well it reports none rather than noise.
    Entities extract(std::string_view title, std::string_view body, std::string_view dateline = {},
                     std::string_view language = {}) const;

    // Names the article's entities as one name per thing, whoever listed them: titles and
    // honorifics dropped from people ("President Nelson Mandela" -> "Nelson Mandela"), a bare
    // surname joined to the full name of the same list ("Volcker" beside "Paul Volcker"), and
    // every alias replaced by its canonical name ("USA" -> "U.S."), duplicates removed.
    void canonicalise(Article& a) const;

    const EntityAliases& aliases() const { return *aliases_; }

private:
    struct Data;
    std::unique_ptr<const Data> data_;
    std::shared_ptr<const EntityAliases> aliases_;
};

// When the extractor adds to an article's entity lists (--extract on the indexer). What wins
// between a source's curated list and the extractor: the curated list. By default the extractor
// fills only the kinds the source did not curate; with `always` its names are added after the
// curated ones, never replacing one. In every mode the names are then made canonical
// (EntityExtractor::canonicalise), so "USA" from Reuters tags and "U.S." found in the text are
// one place.
enum class ExtractMode {
    missing,  // default: only the kinds the source did not curate (Article::curated_*)
    always,   // merge the extractor's entities into curated lists too
    never,    // keep only what the source marked up
};

// Fills `a`'s people, organizations and places according to `mode`, then canonicalises them.
void extract_entities(Article& a, const EntityExtractor& extractor, ExtractMode mode);

}  // namespace dateline
