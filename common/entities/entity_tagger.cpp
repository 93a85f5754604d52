#include "entity_tagger.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <stdexcept>
#include <unordered_set>

#include "word_lists.h"
#include "text.h"

namespace dateline::entity_text {
namespace {

using entity_data::Gazetteer;
using entity_data::KnownKind;

constexpr std::array<std::string_view, kLabelCount> kLabelNames{"O",     "B-PER", "I-PER", "B-ORG", "I-ORG",
                                                                 "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

// Features are hashed to 64 bits rather than kept as strings: the model stays small and holds no
// words of its training text. A feature is its template's number and the hashes of its parts
// (words, shapes, labels: FNV-1a of their bytes) mixed by SplitMix64's finaliser; the walk
// hashes each token's word and shape once, since its neighbours' features use them too.
constexpr std::uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
constexpr std::uint64_t fnv_step(std::uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ULL; }

constexpr std::uint64_t part_hash(std::string_view part) {
    std::uint64_t h = kFnvBasis;
    for (char c : part) h = fnv_step(h, static_cast<unsigned char>(c));
    return h;
}

// The hashes of a list of fixed names (labels, shapes, word lists), made by the compiler: the
// walk adds them to features of every candidate word.
template <std::size_t N>
constexpr std::array<std::uint64_t, N> part_hashes(const std::array<std::string_view, N>& names) {
    std::array<std::uint64_t, N> out{};
    for (std::size_t n = 0; n < N; ++n) out[n] = part_hash(names[n]);
    return out;
}

std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

class FeatureHash {
public:
    explicit FeatureHash(std::uint8_t feature_template) : h_(0x9E3779B97F4A7C15ULL * (feature_template + 1u)) {}
    FeatureHash& add(std::uint64_t part) {
        h_ = mix(h_ ^ part);
        return *this;
    }
    FeatureHash& add(std::string_view part) { return add(part_hash(part)); }
    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_;
};

// The feature templates. Their numbers are part of the model: append, never renumber.
enum Template : std::uint8_t {
    bias = 1, word, word_prev, word_next, word_prev2, word_next2, bigram_prev, bigram_next,
    shape, shape_prev, shape_next, shape_window, prefix3, suffix2, suffix3, suffix4,
    lists, lists_prev, lists_next, known_phrase, label_prev, label_prev2, label_prev_shape, label_prev_word,
    sentence_start_shape, headline_line, table_line, team_sport_shape, team_sport_known, team_sport_next_number,
    memory_type, possessive, dateline_start, word_prev_shape, length, next_is_capital_pair,
};

constexpr std::array<std::string_view, entity_data::kWordClassCount> kWordClassNames{
    "given", "figure", "nationality", "title", "qualifier", "common", "calendar", "particle",
    "orgsuffix", "orghead", "placesuffix", "placehead", "club", "place", "org", "country"};

constexpr std::array<std::string_view, 13> kLengths{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};

constexpr auto kWordClassHashes = part_hashes(kWordClassNames);
constexpr auto kLengthHashes = part_hashes(kLengths);
constexpr auto kLabelHashes = part_hashes(kLabelNames);

// The hash of a word's shape, one class letter per run: "Xx" (Smith), "X.X." (U.S.), "Xx-Xx",
// "d" (1996). The letters are hashed as they are found, with no string made of them.
std::uint64_t short_shape_hash(std::string_view text) {
    std::uint64_t h = kFnvBasis;
    char last = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        char cls;
        if (c >= 'A' && c <= 'Z') cls = 'X';
        else if (c >= 'a' && c <= 'z') cls = 'x';
        else if (c >= '0' && c <= '9') cls = 'd';
        else if (c >= 0xC0) cls = 'u';        // a non-ASCII letter's first byte
        else if (c >= 0x80) continue;         // its other bytes
        else cls = static_cast<char>(c);
        if (cls != last || cls == '.') h = fnv_step(h, static_cast<unsigned char>(cls));
        last = cls;
    }
    return h;
}

std::uint64_t shape_name_hash(Shape s) {
    static constexpr std::uint64_t lower = part_hash("lower"), cap = part_hash("cap"), upper = part_hash("upper"),
                                   number = part_hash("num"), punct = part_hash("punct"), none = part_hash("");
    switch (s) {
    case Shape::lower: return lower;
    case Shape::capitalized: return cap;
    case Shape::upper: return upper;
    case Shape::number: return number;
    case Shape::punct: return punct;
    }
    return none;
}

std::uint64_t type_name_hash(EntityType t) {
    static constexpr std::uint64_t person = part_hash("PER"), organization = part_hash("ORG"), place = part_hash("LOC"),
                                   misc = part_hash("MISC"), none = part_hash("none");
    switch (t) {
    case EntityType::person: return person;
    case EntityType::organization: return organization;
    case EntityType::place: return place;
    case EntityType::misc: return misc;
    case EntityType::none: break;
    }
    return none;
}

// UTF-8 aware prefix and suffix of `key` in characters.
std::string_view prefix_chars(std::string_view key, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t chars = 0; i < key.size() && chars < n; ++chars) {
        ++i;
        while (i < key.size() && (static_cast<unsigned char>(key[i]) & 0xC0) == 0x80) ++i;
    }
    return key.substr(0, i);
}
std::string_view suffix_chars(std::string_view key, std::size_t n) {
    std::size_t i = key.size();
    for (std::size_t chars = 0; i > 0 && chars < n; ++chars) {
        --i;
        while (i > 0 && (static_cast<unsigned char>(key[i]) & 0xC0) == 0x80) --i;
    }
    return key.substr(i);
}

class Walker {
public:
    Walker(const Gazetteer& g, const std::vector<Token>& t, const TagContext& context, DocumentMemory& memory)
        : g_(g), t_(t), context_(context), memory_(memory), lists_(t.size(), kUnknown),
          word_hashes_(t.size()), shape_hashes_(t.size()), hashed_(t.size(), 0) {
        mark_lines();
        mark_known_phrases();
    }

    // `choose` is called as a LabelChooser is; a template, so the tagger's own chooser is inlined.
    template <typename Choose>
    std::vector<Label> run(const Choose& choose) {
        std::vector<Label> labels(t_.size(), Label::O);
        std::vector<std::uint64_t> features;
        features.reserve(64);
        Label previous = Label::O;
        for (std::size_t i = 0; i < t_.size(); ++i) {
            if (i > 0 && t_[i].line != t_[i - 1].line) previous = Label::O;
            if (!candidate(i)) {
                if (t_[i].is_word() || t_[i].text != "&") previous = Label::O;
                continue;
            }
            features.clear();
            collect(i, labels, features);
            Label label = choose(i, previous, features);
            labels[i] = label;
            previous = label;
            EntityType type = type_of(label);
            if (type != EntityType::none && t_[i].is_capital()) memory_[t_[i].key] = type;
        }
        return labels;
    }

private:
    static constexpr std::uint32_t kUnknown = ~0u;

    bool same_line(std::size_t a, std::size_t b) const { return t_[a].line == t_[b].line; }

    // Capitalised words, and short lower-case words that join two of them ("Bank of England",
    // "Bank of the Ozarks") or stand before a name ("de Klerk").
    bool candidate(std::size_t i) const {
        const Token& tok = t_[i];
        if (tok.is_capital()) return true;
        if (tok.shape != Shape::lower || tok.key.size() > 4) return false;
        auto capital_at = [&](std::size_t k) { return k < t_.size() && same_line(i, k) && t_[k].is_capital(); };
        bool capital_next = capital_at(i + 1) ||
                            (i + 2 < t_.size() && t_[i + 1].shape == Shape::lower && t_[i + 1].key.size() <= 4 &&
                             capital_at(i + 2));
        if (!capital_next) return false;
        if (g_.is_name_particle(tok.key)) return true;
        if (i == 0 || !same_line(i, i - 1)) return false;
        return t_[i - 1].is_capital() || (t_[i - 1].shape == Shape::lower && t_[i - 1].key.size() <= 4 && i >= 2 &&
                                          same_line(i, i - 2) && t_[i - 2].is_capital());
    }

    std::uint32_t list_bits(std::size_t i) {
        if (lists_[i] == kUnknown)
            lists_[i] = t_[i].is_word() && t_[i].shape != Shape::number ? g_.word_classes(t_[i].key) : 0;
        return lists_[i];
    }

    // Hashes of the word (its key; punctuation as written) and of the shape of token k, or of the
    // line's edge ("<s>", "</s>", "|") when k lies beyond the line of token i.
    std::uint64_t word_hash(std::size_t i, std::ptrdiff_t offset) {
        std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + offset;
        if (k < 0 || static_cast<std::size_t>(k) >= t_.size() || !same_line(i, static_cast<std::size_t>(k))) {
            static constexpr std::uint64_t start = part_hash("<s>"), end = part_hash("</s>");
            return offset < 0 ? start : end;
        }
        auto u = static_cast<std::size_t>(k);
        if (!hashed_[u]) hash_token(u);
        return word_hashes_[u];
    }
    std::uint64_t shape_hash(std::size_t i, std::ptrdiff_t offset) {
        std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + offset;
        if (k < 0 || static_cast<std::size_t>(k) >= t_.size() || !same_line(i, static_cast<std::size_t>(k))) {
            static constexpr std::uint64_t edge = part_hash("|");
            return edge;
        }
        auto u = static_cast<std::size_t>(k);
        if (!hashed_[u]) hash_token(u);
        return shape_hashes_[u];
    }
    void hash_token(std::size_t k) {
        word_hashes_[k] = part_hash(t_[k].key.empty() ? t_[k].text : std::string_view(t_[k].key));
        shape_hashes_[k] = short_shape_hash(t_[k].text);
        hashed_[k] = 1;
    }

    // Headlines in capitals and results tables read differently from prose.
    void mark_lines() {
        std::uint32_t lines = t_.empty() ? 0 : t_.back().line + 1;
        std::vector<int> words(lines, 0), upper(lines, 0), numbers(lines, 0);
        for (const Token& tok : t_) {
            if (!tok.is_word()) continue;
            ++words[tok.line];
            if (tok.shape == Shape::upper) ++upper[tok.line];
            if (tok.shape == Shape::number) ++numbers[tok.line];
        }
        shouted_.assign(lines, false);
        table_.assign(lines, false);
        for (std::uint32_t l = 0; l < lines; ++l) {
            int letters = words[l] - numbers[l];
            shouted_[l] = upper[l] >= 2 && upper[l] * 10 >= letters * 6;
            table_[l] = numbers[l] >= 2 && numbers[l] * 10 >= words[l] * 3;
        }
    }

    // Known names of the word lists, longest first: "New York" is one place, not "New" + "York".
    void mark_known_phrases() {
        known_.assign(t_.size(), {});
        std::size_t longest = g_.longest_phrase();
        for (std::size_t i = 0; i < t_.size();) {
            if (!t_[i].is_capital()) {
                ++i;
                continue;
            }
            std::string key;
            std::size_t best = 0;
            const entity_data::KnownName* found = nullptr;
            for (std::size_t k = i; k < t_.size() && k - i < longest && t_[k].is_word() && same_line(i, k); ++k) {
                if (k > i) key += ' ';
                key += t_[k].key;
                if (const entity_data::KnownName* known = g_.known(key)) {
                    best = k + 1 - i;
                    found = known;
                }
                if (t_[k].possessive || !g_.starts_known(key)) break;
            }
            if (!found) {
                ++i;
                continue;
            }
            static constexpr std::uint64_t org = part_hash("org"), country = part_hash("country"), place = part_hash("place");
            std::uint64_t kind = found->kind == KnownKind::organization ? org : found->country ? country : place;
            for (std::size_t k = i; k < i + best; ++k) {
                known_[k] = {kind, k == i, best};
            }
            i += best;
        }
    }

    void collect(std::size_t i, const std::vector<Label>& labels, std::vector<std::uint64_t>& features) {
        FeatureBuffer out;
        collect_into(i, labels, out);
        features.assign(out.values.begin(), out.values.begin() + static_cast<std::ptrdiff_t>(out.size));
    }

    // A word's features are gathered in a fixed buffer and copied out once: a vector's growth
    // check on each of some forty appends cost more than the copy. There are at most 83 (18
    // always, 16 word lists for each of three words, 17 more).
    struct FeatureBuffer {
        std::array<std::uint64_t, 96> values;
        std::size_t size = 0;
        void push_back(std::uint64_t value) {
            if (size == values.size()) throw std::logic_error("entity tagger: more features than FeatureBuffer holds");
            values[size++] = value;
        }
    };

    void collect_into(std::size_t i, const std::vector<Label>& labels, FeatureBuffer& out) {
        const Token& tok = t_[i];
        auto f = [&](Template tmpl) { return FeatureHash(tmpl); };
        std::string_view w = tok.key;
        std::uint64_t w_hash = word_hash(i, 0), prev_hash = word_hash(i, -1), next_hash = word_hash(i, 1);
        std::uint64_t shape0_hash = shape_hash(i, 0), before_hash = shape_hash(i, -1), after_hash = shape_hash(i, 1);
        std::uint64_t kind_hash = shape_name_hash(tok.shape);
        out.push_back(f(bias).value());
        out.push_back(f(word).add(w_hash).value());
        out.push_back(f(word_prev).add(prev_hash).value());
        out.push_back(f(word_next).add(next_hash).value());
        out.push_back(f(word_prev2).add(word_hash(i, -2)).value());
        out.push_back(f(word_next2).add(word_hash(i, 2)).value());
        out.push_back(f(bigram_prev).add(prev_hash).add(w_hash).value());
        out.push_back(f(bigram_next).add(w_hash).add(next_hash).value());
        out.push_back(f(shape).add(shape0_hash).value());
        out.push_back(f(shape_prev).add(before_hash).value());
        out.push_back(f(shape_next).add(after_hash).value());
        out.push_back(f(shape_window).add(before_hash).add(shape0_hash).add(after_hash).value());
        out.push_back(f(prefix3).add(prefix_chars(w, 3)).value());
        out.push_back(f(suffix2).add(suffix_chars(w, 2)).value());
        out.push_back(f(suffix3).add(suffix_chars(w, 3)).value());
        out.push_back(f(suffix4).add(suffix_chars(w, 4)).value());
        out.push_back(f(word_prev_shape).add(prev_hash).add(kind_hash).value());
        out.push_back(f(length).add(kLengthHashes[std::min<std::size_t>(tok.text.size(), 12)]).value());

        auto list_features = [&](Template tmpl, std::ptrdiff_t offset) {
            std::ptrdiff_t k = static_cast<std::ptrdiff_t>(i) + offset;
            if (k < 0 || static_cast<std::size_t>(k) >= t_.size() || !same_line(i, static_cast<std::size_t>(k))) return;
            // The lists in the order of their bits, lowest first, visiting only those set.
            for (std::uint32_t bits = list_bits(static_cast<std::size_t>(k)); bits != 0; bits &= bits - 1) {
                auto b = static_cast<std::size_t>(std::countr_zero(bits));
                if (b < kWordClassHashes.size()) out.push_back(f(tmpl).add(kWordClassHashes[b]).value());
            }
        };
        list_features(lists, 0);
        list_features(lists_prev, -1);
        list_features(lists_next, 1);
        if (known_[i].length) {
            static constexpr std::uint64_t first = part_hash("B"), inside = part_hash("I");
            std::uint64_t where = known_[i].first ? first : inside;
            out.push_back(f(known_phrase).add(known_[i].kind).add(where).value());
            out.push_back(f(known_phrase).add(known_[i].kind).add(kLengthHashes[std::min<std::size_t>(known_[i].length, 4)]).value());
        }

        Label p1 = i > 0 && same_line(i, i - 1) ? labels[i - 1] : Label::O;
        Label p2 = i > 1 && same_line(i, i - 2) ? labels[i - 2] : Label::O;
        std::uint64_t p1_hash = kLabelHashes[static_cast<std::size_t>(p1)];
        std::uint64_t p2_hash = kLabelHashes[static_cast<std::size_t>(p2)];
        out.push_back(f(label_prev).add(p1_hash).value());
        out.push_back(f(label_prev2).add(p2_hash).add(p1_hash).value());
        out.push_back(f(label_prev_shape).add(p1_hash).add(kind_hash).value());
        out.push_back(f(label_prev_word).add(p1_hash).add(w_hash).value());

        if (tok.sentence_start) out.push_back(f(sentence_start_shape).add(kind_hash).value());
        if (shouted_[tok.line]) {
            out.push_back(f(headline_line).add(kind_hash).value());
            out.push_back(f(headline_line).add(w_hash).value());
        }
        if (table_[tok.line]) out.push_back(f(table_line).add(kind_hash).add(next_hash).value());
        if (context_.team_sport) {
            out.push_back(f(team_sport_shape).add(kind_hash).value());
            if (known_[i].length) out.push_back(f(team_sport_known).add(known_[i].kind).value());
            if (i + 1 < t_.size() && same_line(i, i + 1) && t_[i + 1].shape == Shape::number)
                out.push_back(f(team_sport_next_number).value());
        }
        if (auto remembered = memory_.find(tok.key); remembered != memory_.end())
            out.push_back(f(memory_type).add(type_name_hash(remembered->second)).value());
        if (tok.possessive) out.push_back(f(possessive).value());
        if (i == 0 || !same_line(i, i - 1)) {
            std::size_t k = i;
            while (k < t_.size() && same_line(i, k) && t_[k].is_capital()) ++k;
            if (k < t_.size() && same_line(i, k) && (t_[k].text == "," || t_[k].shape == Shape::number))
            {
                static constexpr std::uint64_t comma = part_hash("comma"), number = part_hash("number");
                out.push_back(f(dateline_start).add(t_[k].text == "," ? comma : number).value());
            }
        }
        if (i + 1 < t_.size() && same_line(i, i + 1) && t_[i + 1].is_capital())
            out.push_back(f(next_is_capital_pair).add(kind_hash).value());
    }

    struct KnownAt {
        std::uint64_t kind = 0;  // part_hash of "org", "country" or "place"
        bool first = false;
        std::size_t length = 0;
    };

    const Gazetteer& g_;
    const std::vector<Token>& t_;
    const TagContext& context_;
    DocumentMemory& memory_;
    std::vector<std::uint32_t> lists_;
    std::vector<std::uint64_t> word_hashes_, shape_hashes_;
    std::vector<std::uint8_t> hashed_;  // bytes, not bits: read for every feature of a word
    std::vector<KnownAt> known_;
    std::vector<bool> shouted_, table_;
};

}  // namespace

EntityType type_of(Label label) {
    switch (label) {
    case Label::B_PER: case Label::I_PER: return EntityType::person;
    case Label::B_ORG: case Label::I_ORG: return EntityType::organization;
    case Label::B_LOC: case Label::I_LOC: return EntityType::place;
    case Label::B_MISC: case Label::I_MISC: return EntityType::misc;
    case Label::O: break;
    }
    return EntityType::none;
}

bool begins(Label label) {
    return label == Label::B_PER || label == Label::B_ORG || label == Label::B_LOC || label == Label::B_MISC;
}

Label begin_label(EntityType type) {
    switch (type) {
    case EntityType::person: return Label::B_PER;
    case EntityType::organization: return Label::B_ORG;
    case EntityType::place: return Label::B_LOC;
    case EntityType::misc: return Label::B_MISC;
    case EntityType::none: break;
    }
    return Label::O;
}

Label inside_label(EntityType type) {
    Label b = begin_label(type);
    return b == Label::O ? Label::O : static_cast<Label>(static_cast<std::uint8_t>(b) + 1);
}

std::string_view label_name(Label label) { return kLabelNames[static_cast<std::size_t>(label)]; }

bool may_follow(Label previous, Label label) {
    if (label == Label::O || begins(label)) return true;
    return type_of(previous) == type_of(label);
}

Gazetteer::Sport sport_of_story(const Gazetteer& gazetteer, std::string_view title) {
    std::size_t dash = title.find(" - ");
    if (dash == std::string_view::npos) return Gazetteer::Sport::none;
    return gazetteer.sport(entity_data::name_key(title.substr(0, dash)));
}

std::vector<Label> walk_tokens(const Gazetteer& gazetteer, const std::vector<Token>& tokens, const TagContext& context,
                               DocumentMemory& memory, const LabelChooser& choose) {
    return Walker(gazetteer, tokens, context, memory).run(choose);
}

Tagger::Tagger() {
    std::string_view model;
    try {
        model = entity_data::word_list("entity_tagger");
    } catch (const std::logic_error& e) {
        throw std::runtime_error(std::string("entity tagger model missing: ") + e.what());
    }
    load(model);
}

Tagger::Tagger(std::string_view model_text) { load(model_text); }

// The model file: comment lines, then "labels O B-PER ...", "scale S", and one line per feature,
// "HASH L:W L:W ..." with the hash in hex, L a label's index and W its weight divided by S.
void Tagger::load(std::string_view model_text) {
    std::vector<std::string_view> lines = entity_data::entries(model_text);
    auto fail = [](const std::string& why) { throw std::runtime_error("entity tagger model: " + why); };
    if (lines.size() < 3) fail("empty");
    std::string expected = "labels";
    for (std::string_view name : kLabelNames) expected += " " + std::string(name);
    if (lines[0] != expected) fail("labels line is not \"" + expected + "\"");
    if (lines[1].substr(0, 6) != "scale ") fail("no scale line");
    float scale = 0;
    auto [scale_end, scale_error] = std::from_chars(lines[1].data() + 6, lines[1].data() + lines[1].size(), scale);
    if (scale_error != std::errc() || scale_end != lines[1].data() + lines[1].size() || !(scale > 0)) fail("bad scale");
    scale_ = scale;
    std::size_t capacity = 16;
    while (capacity < 2 * lines.size()) capacity *= 2;
    slots_.assign(capacity, Slot{});
    for (std::size_t n = 2; n < lines.size(); ++n) {
        std::string_view line = lines[n];
        const char* p = line.data();
        const char* end = line.data() + line.size();
        std::uint64_t hash = 0;
        auto [after, ec] = std::from_chars(p, end, hash, 16);
        if (ec != std::errc() || after == p) fail("bad feature line " + std::to_string(n + 1));
        std::size_t at = static_cast<std::size_t>(hash) & (slots_.size() - 1);
        while (slots_[at].used && slots_[at].hash != hash) at = (at + 1) & (slots_.size() - 1);
        if (slots_[at].used) fail("feature repeated on line " + std::to_string(n + 1));
        Slot& slot = slots_[at];
        slot.hash = hash;
        slot.used = true;
        ++features_;
        p = after;
        while (p < end) {
            while (p < end && *p == ' ') ++p;
            if (p == end) break;
            unsigned label = 0;
            int weight = 0;
            auto [colon, ec1] = std::from_chars(p, end, label);
            if (ec1 != std::errc() || colon == end || *colon != ':' || label >= kLabelCount)
                fail("bad weight on line " + std::to_string(n + 1));
            auto [next, ec2] = std::from_chars(colon + 1, end, weight);
            if (ec2 != std::errc()) fail("bad weight on line " + std::to_string(n + 1));
            if (weight < INT16_MIN || weight > INT16_MAX)
                fail("weight beyond 16 bits on line " + std::to_string(n + 1) + " (write the model with a larger scale)");
            slot.weights[label] = static_cast<std::int16_t>(weight);
            p = next;
        }
    }
}

const Tagger::Slot* Tagger::find(std::uint64_t hash) const {
    for (std::size_t at = static_cast<std::size_t>(hash) & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
        if (!slots_[at].used) return nullptr;
        if (slots_[at].hash == hash) return &slots_[at];
    }
}

Label Tagger::best(const std::vector<std::uint64_t>& features, Label previous) const {
    // Every slot asked for before any is read, so that the trips to memory overlap.
    for (std::uint64_t feature : features)
        __builtin_prefetch(&slots_[static_cast<std::size_t>(feature) & (slots_.size() - 1)]);
    std::array<float, kLabelCount> score{};
    for (std::uint64_t feature : features) {
        const Slot* slot = find(feature);
        if (!slot) continue;
        // The same float, weight times scale, as a table of scaled weights held: the labels
        // chosen do not depend on how the weights are stored.
        for (std::size_t l = 0; l < kLabelCount; ++l) score[l] += static_cast<float>(slot->weights[l]) * scale_;
    }
    Label best = Label::O;
    float best_score = score[0];
    for (std::size_t l = 1; l < kLabelCount; ++l) {
        auto label = static_cast<Label>(l);
        if (score[l] > best_score && may_follow(previous, label)) {
            best = label;
            best_score = score[l];
        }
    }
    return best;
}

std::vector<Label> Tagger::tag(const Gazetteer& gazetteer, const std::vector<Token>& tokens, const TagContext& context,
                               DocumentMemory& memory) const {
    return Walker(gazetteer, tokens, context, memory).run([&](std::size_t, Label previous, const std::vector<std::uint64_t>& features) {
        return best(features, previous);
    });
}

namespace {

// "a London-based bank", "Moscow-based": CoNLL calls the word a MISC name; its first part is a
// place, unless the word lists know it as an organization ("Reuters-based").
void based_place(const Gazetteer& gazetteer, const Token& token, std::vector<Mention>& out) {
    constexpr std::string_view based = "-based";
    if (!token.is_capital() || token.text.size() <= based.size() + 1 ||
        token.text.substr(token.text.size() - based.size()) != based)
        return;
    std::string_view place = token.text.substr(0, token.text.size() - based.size());
    const entity_data::KnownName* known = gazetteer.known(entity_data::name_key(place));
    if (known && known->kind == KnownKind::organization) return;
    Mention m{MentionKind::place, std::string(place), 1};
    m.country = known && known->country;
    m.tagged = true;
    out.push_back(std::move(m));
}

// The longest name the word lists know that starts at word b, on b's line, over words that
// `takes` accepts; a possessive ends it. The name and its length in words; null and 0 when none.
template <typename Takes>
std::pair<const entity_data::KnownName*, std::size_t> longest_known(const Gazetteer& gazetteer, const std::vector<Token>& tokens,
                                                                    std::size_t b, Takes takes) {
    std::string key;
    std::pair<const entity_data::KnownName*, std::size_t> best{nullptr, 0};
    for (std::size_t k = b; k < tokens.size() && k - b < gazetteer.longest_phrase() && tokens[k].is_word() &&
                            tokens[k].line == tokens[b].line && takes(k);
         ++k) {
        if (k > b) key += ' ';
        key += tokens[k].key;
        if (const entity_data::KnownName* known = gazetteer.known(key)) best = {known, k + 1 - b};
        if (tokens[k].possessive || !gazetteer.starts_known(key)) break;
    }
    return best;
}

// A place or organization the word lists know that the tagger left unlabelled ("EC" in a
// headline in capitals, which CoNLL's few such headlines did not teach it). A lone common word
// is no name ("US" in "TELL US", "Chad" starting a sentence is still Chad: it is no common
// word). Returns the index after the name, or after b when there is none.
std::size_t known_left_out(const Gazetteer& gazetteer, const std::vector<Token>& tokens, const std::vector<Label>& labels,
                           std::size_t b, std::vector<Mention>& out) {
    if (!tokens[b].is_capital()) return b + 1;
    auto [found, length] = longest_known(gazetteer, tokens, b, [&](std::size_t k) { return labels[k] == Label::O; });
    if (!found) return b + 1;
    bool lone_common_word = length == 1 && tokens[b].text.find('.') == std::string_view::npos &&
                            (gazetteer.word_classes(tokens[b].key) & entity_data::common_word);
    if (lone_common_word) return b + 1;
    const char* first = tokens[b].text.data();
    const char* last = tokens[b + length - 1].text.data() + tokens[b + length - 1].text.size();
    std::string written = text::collapse_spaces(std::string_view(first, static_cast<std::size_t>(last - first)));
    MentionKind kind = found->kind == KnownKind::organization ? MentionKind::organization : MentionKind::place;
    bool shouted = std::all_of(tokens.begin() + static_cast<std::ptrdiff_t>(b),
                               tokens.begin() + static_cast<std::ptrdiff_t>(b + length),
                               [](const Token& t) { return t.shape == Shape::upper; });
    Mention m{kind, shouted && kind == MentionKind::place ? text::smart_title_case(written) : written, length};
    m.country = found->country;
    out.push_back(std::move(m));
    return b + length;
}

// "the General Agreement on Tariffs and Trade": the tagger may cut a long name the lists know
// into pieces at a joining word. When a known name starting at b runs past the tagger's first
// piece and the tagger labelled each of its capitalised words as a name, the known name wins.
// Returns the index after it, 0 when there is none.
std::size_t known_across_spans(const Gazetteer& gazetteer, const std::vector<Token>& tokens, const std::vector<Label>& labels,
                               std::size_t b, std::vector<Mention>& out) {
    auto [found, length] = longest_known(gazetteer, tokens, b,
                                         [&](std::size_t k) { return labels[k] != Label::O || !tokens[k].is_capital(); });
    std::size_t piece = b + 1;
    while (piece < tokens.size() && labels[piece] == inside_label(type_of(labels[b]))) ++piece;
    if (!found || b + length <= piece) return 0;
    const char* first = tokens[b].text.data();
    const char* last = tokens[b + length - 1].text.data() + tokens[b + length - 1].text.size();
    Mention m{found->kind == KnownKind::organization ? MentionKind::organization : MentionKind::place,
              text::collapse_spaces(std::string_view(first, static_cast<std::size_t>(last - first))), length};
    m.country = found->country;
    m.tagged = true;
    out.push_back(std::move(m));
    return b + length;
}

// Greedy decoding sometimes cuts a name at its joining word: "Ministry/O of/B-ORG Defence",
// "University/B-ORG of/I-ORG Chicago/B-LOC". A name neither starts nor ends with "of": the
// capitalised word before such a start joins the name, and the name after such an end joins it.
std::vector<Label> joined_at_connectors(const std::vector<Token>& tokens, std::vector<Label> labels) {
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (tokens[i].shape != Shape::lower || tokens[i].line != tokens[i - 1].line) continue;
        EntityType type = type_of(labels[i]);
        if (type != EntityType::organization && type != EntityType::place) continue;
        if (begins(labels[i]) && labels[i - 1] == Label::O && tokens[i - 1].is_capital()) {
            labels[i - 1] = begin_label(type);
            labels[i] = inside_label(type);
        }
        if (i + 1 < tokens.size() && tokens[i + 1].line == tokens[i].line && tokens[i + 1].is_capital() &&
            begins(labels[i + 1]) && type_of(labels[i + 1]) != EntityType::person) {
            EntityType following = type_of(labels[i + 1]);
            for (std::size_t k = i + 1; k < tokens.size() && type_of(labels[k]) == following && (k == i + 1 || !begins(labels[k])); ++k)
                labels[k] = inside_label(type);
        }
    }
    return labels;
}

}  // namespace

bool title_case_headline(const Gazetteer& gazetteer, const std::vector<Token>& tokens) {
    int words = 0, lower = 0, capital_common = 0;
    for (const Token& tok : tokens) {
        // Title case leaves short function words ("to", "of", "and") in lower case.
        if (!tok.is_word() || tok.shape == Shape::number || tok.key.size() <= 3) continue;
        ++words;
        if (tok.shape == Shape::lower) ++lower;
        std::uint32_t classes = gazetteer.word_classes(tok.key);
        if (tok.shape == Shape::capitalized && !tok.sentence_start && (classes & entity_data::common_word) &&
            !(classes & entity_data::given_name))
            ++capital_common;
    }
    return words >= 3 && lower <= 1 && capital_common >= 1;
}

void tagged_mentions(const Gazetteer& gazetteer, const std::vector<Token>& tokens, const std::vector<Label>& tagged,
                     std::vector<Mention>& out) {
    std::vector<Label> labels = joined_at_connectors(tokens, tagged);
    for (std::size_t b = 0; b < tokens.size();) {
        EntityType type = type_of(labels[b]);
        if (type == EntityType::none || type == EntityType::misc) {
            based_place(gazetteer, tokens[b], out);
            if (type == EntityType::none) {
                b = known_left_out(gazetteer, tokens, labels, b, out);
                continue;
            }
        }
        if (std::size_t after = known_across_spans(gazetteer, tokens, labels, b, out)) {
            b = after;
            continue;
        }
        std::size_t e = b + 1;
        while (e < tokens.size() && tokens[e].line == tokens[b].line &&
               ((!begins(labels[e]) && type_of(labels[e]) == type) || (tokens[e].text == "&" && e + 1 < tokens.size() &&
                                                                       labels[e + 1] == inside_label(type))))
            ++e;
        std::size_t next = e;
        // A name does not end in a joining word: "Bank of" before an unlabelled word.
        while (e > b + 1 && !tokens[e - 1].is_capital()) --e;
        if (!tokens[b].is_capital()) {
            b = next;
            continue;
        }
        if (type == EntityType::misc) {
            // "at today's European Community tender": CoNLL calls a body named as an adjective
            // MISC; an organization the lists know is still that organization.
            std::string key;
            for (std::size_t k = b; k < e; ++k) {
                if (!tokens[k].is_word()) continue;
                if (!key.empty()) key += ' ';
                key += tokens[k].key;
            }
            const entity_data::KnownName* known = gazetteer.known(key);
            if (known && known->kind == KnownKind::organization) {
                const char* first = tokens[b].text.data();
                const char* last = tokens[e - 1].text.data() + tokens[e - 1].text.size();
                Mention m{MentionKind::organization, text::collapse_spaces(std::string_view(first, static_cast<std::size_t>(last - first))), e - b};
                m.tagged = true;
                out.push_back(std::move(m));
            }
            b = next;
            continue;
        }
        const char* first = tokens[b].text.data();
        const char* last = tokens[e - 1].text.data() + tokens[e - 1].text.size();
        std::string written = text::collapse_spaces(std::string_view(first, static_cast<std::size_t>(last - first)));
        bool shouted = true;
        std::string key;
        std::size_t words = 0;
        for (std::size_t k = b; k < e; ++k) {
            if (!tokens[k].is_word()) continue;
            ++words;
            shouted = shouted && tokens[k].shape == Shape::upper;
            if (!key.empty()) key += ' ';
            key += tokens[k].key;
        }
        MentionKind kind = type == EntityType::person         ? MentionKind::person
                           : type == EntityType::organization ? MentionKind::organization
                                                              : MentionKind::place;
        const entity_data::KnownName* known = gazetteer.known(key);
        // "the Kremlin", "the White House": a building the lists know as the body it houses; and
        // a name of several words the lists know is no person ("El Mundo").
        if (known && known->kind == KnownKind::organization && kind == MentionKind::place) kind = MentionKind::organization;
        if (known && words >= 2 && kind == MentionKind::person)
            kind = known->kind == KnownKind::organization ? MentionKind::organization : MentionKind::place;
        // Short capitals are acronyms ("NZ", "UAE"), not shouted names.
        bool title_case = shouted && kind != MentionKind::organization && written.size() > 3;
        Mention m{kind, title_case ? text::smart_title_case(written) : written, words};
        if (known) m.country = known->country;
        m.tagged = true;
        out.push_back(std::move(m));
        b = next;
    }
}

void add_rule_mentions(const Gazetteer& gazetteer, std::vector<Mention>& tagged, std::vector<Mention>& rules) {
    std::unordered_set<std::string> named;
    for (const Mention& m : tagged) named.insert(entity_data::name_key(m.name));
    for (Mention& m : rules) {
        bool known_name = (m.kind == MentionKind::organization || m.kind == MentionKind::place) &&
                          gazetteer.known(entity_data::name_key(m.name));
        if (m.dateline || (known_name && !named.count(entity_data::name_key(m.name)))) tagged.push_back(std::move(m));
    }
}

}  // namespace dateline::entity_text
