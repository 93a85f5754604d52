// Gazetteer: the word lists of common/data/ as lookup tables for the entity extractor.
//
// Every lookup takes a key made by name_key(): lower case, dots removed, curly apostrophes made
// straight, words separated by one space ("U.S." -> "us", "St. Petersburg" -> "st petersburg").
// A Gazetteer is built once and only read afterwards, so one instance can be shared by threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

namespace dateline::entity_data {

// The lookup key of a word or phrase as written.
std::string name_key(std::string_view written);

enum class KnownKind { place, organization };

// The hash of the extractor's tables of keys: FNV-1a, inline. Keys are a word or a few, and the
// extractor looks up several per word of text, where the library's out-of-line hash of the
// bytes cost more than the lookup. Transparent, so a string_view finds a std::string key (the
// tables are Abseil's, whose own string hash takes absl::string_view, not std::string_view).
struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
};

// The lists a single word is on, as bits (Gazetteer::word_classes).
enum WordClass : std::uint32_t {
    given_name = 1u << 0, public_figure = 1u << 1, nationality = 1u << 2, title = 1u << 3,
    title_qualifier = 1u << 4, common_word = 1u << 5, calendar_word = 1u << 6, name_particle = 1u << 7,
    organization_suffix = 1u << 8, organization_head = 1u << 9, place_suffix = 1u << 10, place_head = 1u << 11,
    club_word = 1u << 12, known_place = 1u << 13, known_organization = 1u << 14, known_country = 1u << 15,
};
inline constexpr std::size_t kWordClassCount = 16;

struct KnownName {
    KnownKind kind;
    std::string canonical;  // the list's first name ("NATO", "U.S."): a dateline's place is reported so
    bool country = false;   // a country or territory, not a city or region
};

class Gazetteer {
public:
    Gazetteer();

    // A place or organization known by this name or one of its aliases; nullptr when unknown.
    const KnownName* known(std::string_view key) const;
    // Whether some known name starts with these words ("new" and "new york" for "New York City"),
    // so that a phrase lookup stops as soon as it cannot match any more.
    bool starts_known(std::string_view key) const { return contains(known_starts_, key); }
    // Every list this one word is on, as WordClass bits: one lookup instead of one per list.
    std::uint32_t word_classes(std::string_view key) const {
        auto it = word_classes_.find(key);
        return it == word_classes_.end() ? 0 : it->second;
    }
    // The most words a known name, title or qualifier has: how far phrase lookups look ahead.
    std::size_t longest_phrase() const { return longest_phrase_; }
    // Whether a phrase of some list that longest_phrase() counts (known names, given names,
    // public figures, nationalities, club words, titles, qualifiers, common words, particles)
    // starts with these words and goes on, so a lookup of ever longer phrases can stop at false.
    bool starts_phrase(std::string_view key) const { return contains(phrase_starts_, key); }

    bool is_given_name(std::string_view key) const { return contains(given_names_, key); }
    // The surname of a well-known public figure ("reagan", "de la madrid"): a person even when
    // nothing else in the text says so, as in a headline in capitals.
    bool is_public_figure(std::string_view key) const { return contains(public_figures_, key); }
    // A word of sports clubs' names ("fc", "hansa", "rovers"); see data/club_words.txt.
    bool is_club_word(std::string_view key) const { return contains(club_words_, key); }
    bool is_nationality(std::string_view key) const { return contains(nationalities_, key); }
    bool is_title(std::string_view key) const { return contains(titles_, key); }
    bool is_title_qualifier(std::string_view key) const { return contains(title_qualifiers_, key); }
    bool is_common_word(std::string_view key) const { return contains(common_words_, key); }
    bool is_calendar_word(std::string_view key) const { return contains(calendar_words_, key); }
    bool is_name_particle(std::string_view key) const { return contains(name_particles_, key); }
    bool is_organization_suffix(std::string_view key) const { return contains(organization_suffixes_, key); }
    bool is_organization_head(std::string_view key) const { return contains(organization_heads_, key); }
    bool is_place_suffix(std::string_view key) const { return contains(place_suffixes_, key); }
    bool is_place_head(std::string_view key) const { return contains(place_heads_, key); }
    // The sport heading a sports story's headline ("SOCCER - ...", "TENNIS - ..."), by whether
    // clubs and teams play it; none when the key names no sport.
    enum class Sport { none, individual, team };
    Sport sport(std::string_view key) const {
        if (contains(team_sports_, key)) return Sport::team;
        return contains(individual_sports_, key) ? Sport::individual : Sport::none;
    }

private:
    // Abseil's open-addressing tables, not the standard node-based ones: a look-up reads one
    // group of control bytes and the key beside it instead of chasing a bucket's list through
    // memory. The extractor makes millions of them, beside an indexer that fills the cache with
    // other work; on Reuters-21578 they cut its time (scripts/score-entities) from 0.70-0.85 s
    // to 0.60-0.70 s.
    using KeySet = absl::flat_hash_set<std::string, KeyHash, std::equal_to<>>;

    static bool contains(const KeySet& set, std::string_view key) { return set.find(key) != set.end(); }
    void add_known(std::string_view list, KnownKind kind, bool country = false);
    void add_words(std::string_view list, KeySet& into);
    void add_first_names(std::string_view list, KeySet& into);
    // Lines "role: word": words of `first_role` go to `first`, of `second_role` to `second`.
    void add_prefixed_words(std::string_view list, std::string_view first_role, KeySet& first,
                            std::string_view second_role, KeySet& second);
    void note_length(std::string_view key);

    void note_word_classes();

    absl::flat_hash_map<std::string, KnownName, KeyHash, std::equal_to<>> known_;
    absl::flat_hash_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> word_classes_;
    KeySet known_starts_, phrase_starts_;
    KeySet given_names_, public_figures_, club_words_, nationalities_, titles_, title_qualifiers_, common_words_, calendar_words_,
        name_particles_, organization_suffixes_, organization_heads_, place_suffixes_, place_heads_,
        team_sports_, individual_sports_;
    std::size_t longest_phrase_ = 1;
};

}  // namespace dateline::entity_data
