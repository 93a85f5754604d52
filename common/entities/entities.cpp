#include "entities.h"

#include <algorithm>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include "entity_gazetteer.h"
#include "entity_languages.h"
#include "entity_mentions.h"
#include "entity_tagger.h"
#include "entity_tokens.h"
#include "text.h"

namespace dateline {
namespace {

using entity_text::Mention;
using entity_text::MentionKind;
using Sport = entity_data::Gazetteer::Sport;

bool has_club_word(const entity_data::Gazetteer& gazetteer, std::string_view name) {
    std::string key = entity_data::name_key(name);
    std::string_view rest = key;
    while (!rest.empty()) {
        std::size_t space = rest.find(' ');
        if (gazetteer.is_club_word(rest.substr(0, space))) return true;
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return false;
}

// One name per organization or place, whatever the article calls it: "North Atlantic Treaty
// Organization" and "Nato" are both "NATO", so facets count them together.
std::string canonical(const entity_data::Gazetteer& gazetteer, const std::string& written) {
    const entity_data::KnownName* known = gazetteer.known(entity_data::name_key(written));
    return known ? known->canonical : written;
}

std::string last_word(std::string_view name) {
    std::size_t space = name.rfind(' ');
    return std::string(space == std::string_view::npos ? name : name.substr(space + 1));
}

// One article's entities, built from its mentions in text order. Each name is reported once;
// people are merged by surname, so "Hegseth" after "Pete Hegseth" (or before it: headlines and
// first sentences often use the surname alone) is the same person.
class ArticleEntities {
public:
    ArticleEntities(const entity_data::Gazetteer& gazetteer, const std::vector<Mention>& mentions, Sport sport) {
        bool team_sport = sport == Sport::team;
        // "Hansa Rostock 2 Bayer Leverkusen 1": in a team sport, capitalised words with no given
        // name or title, one of them a word of clubs' names, are a club.
        auto club = [&](const Mention& m) {
            return team_sport && m.shape_only && m.words >= 2 && has_club_word(gazetteer, m.name);
        };
        // The place of a dateline is a place wherever else the story names it ("Emeryville (AP)
        // -" is not a person named Emeryville).
        absl::flat_hash_set<std::string> dateline_places;
        for (const Mention& m : mentions) {
            if (m.dateline) dateline_places.insert(entity_data::name_key(m.name));
        }
        for (const Mention& m : mentions) {
            if (m.kind == MentionKind::person && m.words >= 2 && !club(m)) add_person(m.name);
        }
        for (const Mention& m : mentions) {
            switch (m.kind) {
            case MentionKind::person:
                if (dateline_places.count(entity_data::name_key(m.name))) break;
                if (club(m)) add_organization(m.name);
                else if (m.words < 2 && !known_surname(m.name)) add_person(m.name);
                break;
            case MentionKind::unknown:
                // Results tables start each line with a club ("Tranmere 2 Oldham 1"), so in a
                // team sport even a word opening a line is most likely one.
                if (team_sport && !known_surname(m.name))
                    add_organization(m.name);
                break;
            case MentionKind::organization:
                if (!is_person_word(m)) add_organization(canonical(gazetteer, m.name));
                break;
            case MentionKind::place:
                if (is_person_word(m) && !m.dateline) break;
                // "Baltimore beat Seattle": in a team sport a city is its team; a country stays a
                // place, and so does the city a game is played in.
                if (team_sport && !m.country && !m.dateline && !m.venue && !m.tagged) add_organization(m.name);
                else add_place(canonical(gazetteer, m.name));
                break;
            }
        }
    }

    Entities take() { return std::move(result_); }

private:
    // Each name once, compared case-insensitively; a set keeps a long text (a whole table of
    // stories in one file) from costing time quadratic in its names.
    static void add_once(std::vector<std::string>& list, absl::flat_hash_set<std::string>& seen, const std::string& name) {
        if (seen.insert(text::fold_case(name)).second) list.push_back(name);
    }
    void add_organization(const std::string& name) { add_once(result_.organizations, organizations_seen_, name); }
    void add_place(const std::string& name) { add_once(result_.places, places_seen_, name); }

    void add_person(const std::string& name) {
        std::string key = entity_data::name_key(name);
        if (people_by_key_.count(key)) return;
        people_by_key_.emplace(key, result_.people.size());
        surnames_.try_emplace(entity_data::name_key(last_word(name)), result_.people.size());
        result_.people.push_back(name);
    }

    bool known_surname(const std::string& word) const {
        return surnames_.count(entity_data::name_key(word)) > 0;
    }

    // "Jordan" the place is no place in an article about Michael Jordan.
    bool is_person_word(const Mention& m) const { return m.words == 1 && known_surname(m.name); }

    Entities result_;
    absl::flat_hash_map<std::string, std::size_t> people_by_key_;
    absl::flat_hash_map<std::string, std::size_t> surnames_;
    absl::flat_hash_set<std::string> organizations_seen_, places_seen_;
};

// Each name replaced by its canonical name, each entity once (the first occurrence's place).
void canonical_names(const EntityAliases& aliases, EntityKind kind, std::vector<std::string>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const std::string& name : names) add_unique(out, aliases.canonical_or_self(kind, name));
    names = std::move(out);
}

// "President Nelson Mandela", "Bundeskanzlerin Angela Merkel", "U.S. Defense Secretary Pete
// Hegseth", "Federal Reserve Chairman Paul Volcker": the words after the last title, when known
// names, qualifiers, nationalities and titles are all that stand before them. A name that is
// nothing but titles stays as it is, and so does one starting with a given name that is also a
// title ("Earl Woods").
std::string without_titles(const entity_data::Gazetteer& gazetteer, const std::string& name) {
    std::vector<std::string> words = text::split_trimmed(name, ' ');
    if (words.empty() || gazetteer.is_given_name(entity_data::name_key(words.front()))) return name;
    // The most words from `k` on that `accept` takes as one key; 0 when none.
    auto longest = [&](std::size_t k, auto accept) {
        std::size_t found = 0;
        std::string key;
        for (std::size_t n = 1; k + n <= words.size() && n <= gazetteer.longest_phrase(); ++n) {
            key += (n > 1 ? " " : "") + entity_data::name_key(words[k + n - 1]);
            if (accept(key)) found = n;
        }
        return found;
    };
    std::size_t k = 0, name_start = 0;
    while (k < words.size()) {
        if (std::size_t title = longest(k, [&](const std::string& key) { return gazetteer.is_title(key); })) {
            k += title;
            name_start = k;
            continue;
        }
        // "Federal Reserve Chairman", "U.S. President", "Defense Secretary", "West German Minister".
        std::size_t before = longest(k, [&](const std::string& key) {
            return gazetteer.known(key) || gazetteer.is_title_qualifier(key) || gazetteer.is_nationality(key);
        });
        if (before == 0) break;
        k += before;
    }
    if (name_start == 0 || name_start >= words.size()) return name;
    std::string out = words[name_start];
    for (std::size_t i = name_start + 1; i < words.size(); ++i) out += " " + words[i];
    return out;
}

// A one-word name that is the last word of a longer name in the same list is that person:
// Reuters-style tags and NITF markup may list "Volcker" beside "Paul Volcker".
void join_surnames(std::vector<std::string>& people) {
    absl::flat_hash_set<std::string> surnames;
    for (const std::string& p : people) {
        if (p.find(' ') != std::string::npos) surnames.insert(entity_data::name_key(last_word(p)));
    }
    if (surnames.empty()) return;
    std::erase_if(people, [&](const std::string& p) {
        return p.find(' ') == std::string::npos && surnames.count(entity_data::name_key(p));
    });
}

// The entities found, each under its canonical name: the gazetteer already named what its lists
// know; a user's alias file may rename more.
Entities with_canonical_names(const EntityAliases& aliases, Entities found) {
    canonical_names(aliases, EntityKind::person, found.people);
    canonical_names(aliases, EntityKind::organization, found.organizations);
    canonical_names(aliases, EntityKind::place, found.places);
    return found;
}

}  // namespace

bool shouted(const std::vector<entity_text::Token>& tokens) {
    std::size_t words = 0, upper = 0;
    for (const entity_text::Token& t : tokens) {
        if (!t.is_word() || t.shape == entity_text::Shape::number) continue;
        ++words;
        upper += t.shape == entity_text::Shape::upper;
    }
    return upper >= 2 && upper * 10 >= words * 7;
}

struct EntityExtractor::Data {
    entity_data::Gazetteer gazetteer;
    entity_text::Tagger tagger;
    entity_text::NamesAbroad abroad{gazetteer};
};

EntityExtractor::EntityExtractor(std::shared_ptr<const EntityAliases> aliases)
    : data_(std::make_unique<const Data>()), aliases_(std::move(aliases)) {}
EntityExtractor::~EntityExtractor() = default;

Entities EntityExtractor::extract(std::string_view title, std::string_view body, std::string_view dateline,
                                  std::string_view language) const {
    const entity_data::Gazetteer& gazetteer = data_->gazetteer;
    entity_text::Reading reading = entity_text::reading_for(language);
    if (reading == entity_text::Reading::none) return {};
    if (reading != entity_text::Reading::english) {
        std::vector<Mention> mentions;
        data_->abroad.find(reading, entity_text::tokenize(title), mentions);
        if (!dateline.empty()) entity_text::find_dateline_place(gazetteer, dateline, mentions);
        data_->abroad.find(reading, entity_text::tokenize(body), mentions);
        return with_canonical_names(*aliases_, ArticleEntities(gazetteer, mentions, Sport::none).take());
    }
    Sport sport = entity_text::sport_of_story(gazetteer, title);
    entity_text::TagContext context{sport == Sport::team};
    entity_text::DocumentMemory memory;
    std::vector<Mention> mentions, rules;
    mentions.reserve(64);
    auto tag = [&](const std::vector<entity_text::Token>& tokens) {
        entity_text::tagged_mentions(gazetteer, tokens, data_->tagger.tag(gazetteer, tokens, context, memory), mentions);
    };
    // A headline in capitals or in title case is the rules' (they read only the names the lists
    // know there, public figures and names after titles: the tagger, which learned from prose
    // and a few headlines, guesses); any other headline is read by both (see add_rule_mentions).
    // The body is the tagger's alone, but for the places of the datelines opening its lines.
    std::vector<entity_text::Token> title_tokens = entity_text::tokenize(title);
    bool headline_style = shouted(title_tokens) || entity_text::title_case_headline(gazetteer, title_tokens);
    if (!headline_style) tag(title_tokens);
    entity_text::find_mentions(gazetteer, title_tokens, rules);
    if (headline_style) {
        for (Mention& m : rules) {
            if (m.kind != MentionKind::unknown) mentions.push_back(std::move(m));
        }
        rules.clear();
    }
    if (!dateline.empty()) entity_text::find_dateline_place(gazetteer, dateline, rules);
    std::vector<entity_text::Token> body_tokens = entity_text::tokenize(body);
    entity_text::find_line_datelines(gazetteer, body_tokens, rules);
    tag(body_tokens);
    entity_text::add_rule_mentions(gazetteer, mentions, rules);
    // An English reading of another alphabet is noise (an article whose language is not known).
    std::erase_if(mentions, [](const Mention& m) { return entity_text::is_cyrillic(m.name); });
    return with_canonical_names(*aliases_, ArticleEntities(data_->gazetteer, mentions, sport).take());
}

void EntityExtractor::canonicalise(Article& a) const {
    for (std::string& name : a.people) name = without_titles(data_->gazetteer, name);
    canonical_names(*aliases_, EntityKind::person, a.people);
    join_surnames(a.people);
    canonical_names(*aliases_, EntityKind::organization, a.organizations);
    canonical_names(*aliases_, EntityKind::place, a.places);
}

void extract_entities(Article& a, const EntityExtractor& extractor, ExtractMode mode) {
    bool all = mode == ExtractMode::always;
    bool curated_all = a.curated_people && a.curated_organizations && a.curated_places;
    if (mode != ExtractMode::never && (all || !curated_all)) {
        Entities found = extractor.extract(a.title, a.body, a.dateline, a.language);
        auto merge = [&](std::vector<std::string>& into, const std::vector<std::string>& from, bool curated) {
            if (curated && !all) return;
            for (const std::string& name : from) add_unique(into, name);
        };
        merge(a.people, found.people, a.curated_people);
        merge(a.organizations, found.organizations, a.curated_organizations);
        merge(a.places, found.places, a.curated_places);
    }
    extractor.canonicalise(a);
}

}  // namespace dateline
