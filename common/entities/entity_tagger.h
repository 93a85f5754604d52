// Tagger: a learned sequence tagger that labels the capitalised words of news prose as people,
// organizations, places or other names (BIO labels, as in CoNLL-2003).
//
// It is an averaged perceptron (a linear model over sparse features, decoded greedily left to
// right): small, fast and trained in seconds. A CRF would gain little for greedy-decodable BIO
// labels and needs a numeric optimiser; the perceptron needs neither. Its features are the
// word, its neighbours, shapes, affixes, the word lists of common/data/ (given names, known
// places and organizations, suffixes like "Corp" or "River", titles...), whether the line is a
// headline or a results table, whether the story is a team sport's, the labels already given
// to the words before it and to the same word earlier in the story.
//
// Only candidate words are scored: capitalised words and the short words between two of them
// ("Bank of England", "Jan de Vries"). Every other word is "O" without a look at the model,
// which is what makes tagging cheap. Training (tests/tools/train_entity_tagger.cpp) runs the
// same walk, so the model sees exactly the features it is used with.
//
// The weights ship as the word list data/entity_tagger.txt (see data/README.md for how it is
// made). A Tagger is built once and only read afterwards: tag() is const and thread-safe; the
// DocumentMemory passed to it belongs to one story at a time.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "entity_gazetteer.h"
#include "entity_mentions.h"
#include "entity_tokens.h"

namespace dateline::entity_text {

enum class Label : std::uint8_t { O, B_PER, I_PER, B_ORG, I_ORG, B_LOC, I_LOC, B_MISC, I_MISC };
inline constexpr std::size_t kLabelCount = 9;

enum class EntityType : std::uint8_t { none, person, organization, place, misc };
EntityType type_of(Label label);
bool begins(Label label);  // B-X
Label begin_label(EntityType type);
Label inside_label(EntityType type);
// "O", "B-PER", ... as in the model file.
std::string_view label_name(Label label);

// What the tagger remembers about one story while it reads it: the type last given to each
// capitalised word, so "Clinton" alone later in the story is read like "Bill Clinton" earlier.
using DocumentMemory = absl::flat_hash_map<std::string, EntityType, entity_data::KeyHash, std::equal_to<>>;

// The sport a wire sports story names first ("SOCCER - ...", "ICE HOCKEY - NHL RESULTS").
entity_data::Gazetteer::Sport sport_of_story(const entity_data::Gazetteer& gazetteer, std::string_view title);

// Story-wide facts that change how words read.
struct TagContext {
    bool team_sport = false;  // "SOCCER - ...": a city is most often its club
};

// Picks the label of candidate token `i` from its features; the label must be one that may
// follow `previous` (see may_follow).
using LabelChooser = std::function<Label(std::size_t i, Label previous, const std::vector<std::uint64_t>& features)>;

// Walks `tokens` left to right, asking `choose` for the label of each candidate word, and
// returns one label per token (non-candidates are O). Updates `memory` with the entities found.
// The tagger and its training both use it, so the features seen in training are the features
// used at run time.
std::vector<Label> walk_tokens(const entity_data::Gazetteer& gazetteer, const std::vector<Token>& tokens,
                               const TagContext& context, DocumentMemory& memory, const LabelChooser& choose);

// Whether `label` may follow `previous` (I-X only inside an X).
bool may_follow(Label previous, Label label);

class Tagger {
public:
    // The model compiled into the program (data/entity_tagger.txt). Throws std::runtime_error
    // when it is missing or malformed.
    Tagger();
    // A model in the text format of data/entity_tagger.txt.
    explicit Tagger(std::string_view model_text);

    std::vector<Label> tag(const entity_data::Gazetteer& gazetteer, const std::vector<Token>& tokens,
                           const TagContext& context, DocumentMemory& memory) const;

    std::size_t feature_count() const { return features_; }

private:
    void load(std::string_view model_text);
    Label best(const std::vector<std::uint64_t>& features, Label previous) const;

    // Feature hash -> its weights, in an open-addressing table (linear probing, a power of two at
    // most half full). Tagging looks up some forty features per candidate word in a table of
    // about 4 MiB, which an indexer's other work keeps out of the cache: a slot holds the
    // weights beside the hash, as the file's integers, so that a look-up waits on one half of a
    // cache line. (A table of rows beside an array of float weights waited on two, and profiles
    // of a first build showed best() stalled on both loads.)
    struct alignas(32) Slot {
        std::uint64_t hash = 0;
        std::array<std::int16_t, kLabelCount> weights{};  // the file's integers; times scale_
        bool used = false;
    };
    static_assert(sizeof(Slot) == 32, "a slot is half a cache line");
    const Slot* find(std::uint64_t hash) const;
    std::vector<Slot> slots_;
    std::size_t features_ = 0;
    float scale_ = 1;
};

// The people, organizations and places of tagged tokens, as mentions in text order (other names,
// MISC, are left out). Names known to the word lists get their kind's details (a country stays
// a place in sport); shouted names of people and places are title-cased.
void tagged_mentions(const entity_data::Gazetteer& gazetteer, const std::vector<Token>& tokens,
                     const std::vector<Label>& labels, std::vector<Mention>& out);

// A headline in title case ("U.S. Says Ukraine NATO Membership Unrealistic"): its capitals say
// nothing, and CoNLL's headlines, all in capitals, did not teach the tagger to read it.
bool title_case_headline(const entity_data::Gazetteer& gazetteer, const std::vector<Token>& tokens);

// Adds to the tagger's mentions of a story what the rules of entity_mentions.h found that it
// did not: the dateline's place, and places and organizations the word lists know ("EC" in a
// headline in capitals) under a name the tagger left unlabelled. The rules' other guesses are
// left out: on the development set they cost more precision than they add recall.
void add_rule_mentions(const entity_data::Gazetteer& gazetteer, std::vector<Mention>& tagged, std::vector<Mention>& rules);

}  // namespace dateline::entity_text
