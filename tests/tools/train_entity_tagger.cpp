// train_entity_tagger: trains the entity tagger (common/entities/entity_tagger.h) on CoNLL-2003 and writes
// the model the build compiles in, common/data/entity_tagger.txt.
//
//   train_entity_tagger [--epochs N] [--seed S] OUTPUT eng.train
//
// An averaged perceptron: each candidate word is labelled with the current weights, and when the
// label is wrong the features' weights move towards the right label and away from the wrong
// one; the model written is the average of the weights over all steps, which generalises much
// better than the last weights. Documents are visited in a shuffled order drawn from a fixed
// seed with std::mt19937 and a shuffle written here (std::shuffle differs between standard
// libraries), so the same corpus and seed give the same file byte for byte on any machine.
// scripts/train-entity-tagger runs it with the settings the shipped model was made with.
#include <algorithm>
#include <array>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "conll_corpus.h"
#include "entity_gazetteer.h"
#include "entity_tagger.h"
#include "entity_tokens.h"

namespace {

using namespace dateline::entity_text;
using dateline::entity_data::Gazetteer;

// One text of a document (its headline or its body) with the gold label of each token.
struct Text {
    std::string text;  // owns what the tokens point into
    std::vector<Token> tokens;
    std::vector<Label> gold;
};

struct Story {
    TagContext context;
    Text title, body;
};

EntityType type_named(const std::string& name) {
    if (name == "PER") return EntityType::person;
    if (name == "ORG") return EntityType::organization;
    if (name == "LOC") return EntityType::place;
    if (name == "MISC") return EntityType::misc;
    return EntityType::none;
}

// Tokenizes the sentences as the extractor would and gives each token the label of the CoNLL
// word it starts in: B- on the first token of each annotated entity, I- after it.
void prepare(Text& out, const std::vector<const dateline::conll::Sentence*>& sentences) {
    struct Word {
        std::size_t start, end;
        EntityType type;
        std::size_t entity;  // entity number, for B/I
    };
    std::vector<Word> words;
    std::size_t entity = 0;
    for (const dateline::conll::Sentence* s : sentences) {
        std::vector<std::size_t> starts;
        std::string line = dateline::conll::detokenize(s->words, &starts);
        std::size_t base = out.text.size();
        for (std::size_t w = 0; w < s->words.size(); ++w) {
            if (s->begins[w]) ++entity;
            words.push_back({base + starts[w], base + starts[w] + s->words[w].size(), type_named(s->types[w]), entity});
        }
        out.text += line;
        out.text += '\n';
    }
    out.tokens = tokenize(out.text);
    out.gold.assign(out.tokens.size(), Label::O);
    std::size_t w = 0;
    std::size_t last_entity = 0;
    for (std::size_t t = 0; t < out.tokens.size(); ++t) {
        auto offset = static_cast<std::size_t>(out.tokens[t].text.data() - out.text.data());
        while (w < words.size() && words[w].end <= offset) ++w;
        if (w == words.size() || words[w].start > offset || words[w].type == EntityType::none) continue;
        bool first = words[w].entity != last_entity;
        last_entity = words[w].entity;
        out.gold[t] = first ? begin_label(words[w].type) : inside_label(words[w].type);
    }
}

class Perceptron {
public:
    Label predict(const std::vector<std::uint64_t>& features, Label previous) const {
        std::array<double, kLabelCount> score{};
        for (std::uint64_t f : features) {
            auto it = rows_.find(f);
            if (it == rows_.end()) continue;
            for (std::size_t l = 0; l < kLabelCount; ++l) score[l] += weights_[it->second * kLabelCount + l];
        }
        Label best = Label::O;
        for (std::size_t l = 1; l < kLabelCount; ++l) {
            auto label = static_cast<Label>(l);
            if (score[l] > score[static_cast<std::size_t>(best)] && may_follow(previous, label)) best = label;
        }
        return best;
    }

    void update(const std::vector<std::uint64_t>& features, Label right, Label wrong) {
        for (std::uint64_t f : features) {
            std::size_t row = row_of(f);
            change(row, right, 1.0);
            change(row, wrong, -1.0);
        }
    }

    void tick() { ++steps_; }

    // The averaged weights, quantised to multiples of `quantum`; features whose weights all
    // round to zero are left out. Sorted by hash, so the file does not depend on hash-map order.
    void write(std::FILE* out, double quantum) const {
        std::vector<std::pair<std::uint64_t, std::size_t>> sorted(rows_.begin(), rows_.end());
        std::sort(sorted.begin(), sorted.end());
        for (auto [hash, row] : sorted) {
            std::string line;
            for (std::size_t l = 0; l < kLabelCount; ++l) {
                double average = weights_[row * kLabelCount + l] - totals_[row * kLabelCount + l] / double(steps_);
                long q = std::lround(average / quantum);
                if (q != 0) line += " " + std::to_string(l) + ":" + std::to_string(q);
            }
            if (!line.empty()) std::fprintf(out, "%" PRIx64 "%s\n", hash, line.c_str());
        }
    }

private:
    std::size_t row_of(std::uint64_t f) {
        auto [it, added] = rows_.try_emplace(f, rows_.size());
        if (added) {
            weights_.resize(weights_.size() + kLabelCount, 0.0);
            totals_.resize(totals_.size() + kLabelCount, 0.0);
        }
        return it->second;
    }
    void change(std::size_t row, Label label, double by) {
        weights_[row * kLabelCount + static_cast<std::size_t>(label)] += by;
        totals_[row * kLabelCount + static_cast<std::size_t>(label)] += double(steps_) * by;
    }

    std::unordered_map<std::uint64_t, std::size_t> rows_;
    std::vector<double> weights_, totals_;
    std::size_t steps_ = 1;
};

// Fisher-Yates with the generator's raw output, the same everywhere.
void shuffle(std::vector<std::size_t>& order, std::mt19937& random) {
    for (std::size_t i = order.size(); i > 1; --i) {
        std::size_t j = random() % i;
        std::swap(order[i - 1], order[j]);
    }
}

int usage() {
    std::cerr << "usage: train_entity_tagger [--epochs N] [--seed S] OUTPUT eng.train\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    int epochs = 8;
    unsigned seed = 1;
    std::vector<std::string> files;
    for (std::size_t a = 0; a < args.size(); ++a) {
        if (args[a] == "--epochs" && a + 1 < args.size()) {
            epochs = std::stoi(args[++a]);
        } else if (args[a] == "--seed" && a + 1 < args.size()) {
            seed = static_cast<unsigned>(std::stoul(args[++a]));
        } else {
            files.push_back(args[a]);
        }
    }
    if (files.size() != 2 || epochs < 1) return usage();
    try {
        Gazetteer gazetteer;
        std::vector<dateline::conll::Document> documents = dateline::conll::read_documents(files[1]);
        // Reserved, so that no story moves: its tokens point into its text.
        std::vector<Story> stories;
        stories.reserve(documents.size());
        for (const dateline::conll::Document& d : documents) {
            Story& s = stories.emplace_back();
            std::string title = dateline::conll::title_of(d);
            s.context.team_sport = sport_of_story(gazetteer, title) == Gazetteer::Sport::team;
            prepare(s.title, {&d.sentences.front()});
            std::vector<const dateline::conll::Sentence*> body;
            for (std::size_t k = 1; k < d.sentences.size(); ++k) body.push_back(&d.sentences[k]);
            prepare(s.body, body);
        }
        Perceptron model;
        std::mt19937 random(seed);
        std::vector<std::size_t> order(stories.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        for (int epoch = 1; epoch <= epochs; ++epoch) {
            shuffle(order, random);
            std::size_t seen = 0, wrong = 0;
            for (std::size_t index : order) {
                Story& story = stories[index];
                DocumentMemory memory;
                for (Text* text : {&story.title, &story.body}) {
                    walk_tokens(gazetteer, text->tokens, story.context, memory,
                                [&](std::size_t i, Label previous, const std::vector<std::uint64_t>& features) {
                                    Label gold = text->gold[i];
                                    if (!may_follow(previous, gold)) gold = begin_label(type_of(gold));
                                    Label guess = model.predict(features, previous);
                                    ++seen;
                                    if (guess != gold) {
                                        ++wrong;
                                        model.update(features, gold, guess);
                                    }
                                    model.tick();
                                    return guess;
                                });
                }
            }
            std::fprintf(stderr, "epoch %d: %zu of %zu candidate words mislabelled\n", epoch, wrong, seen);
        }
        std::FILE* out = std::fopen(files[0].c_str(), "w");
        if (!out) throw std::runtime_error("cannot write " + files[0]);
        std::fprintf(out, "# The entity tagger's weights (common/entities/entity_tagger.h): an averaged perceptron trained on\n");
        std::fprintf(out, "# CoNLL-2003 eng.train by tests/tools/train_entity_tagger.cpp (%d epochs, seed %u);\n", epochs, seed);
        std::fprintf(out, "# regenerate with scripts/train-entity-tagger. Features are hashed: no text is stored.\n");
        std::fprintf(out, "labels");
        for (std::size_t l = 0; l < kLabelCount; ++l) std::fprintf(out, " %s", std::string(label_name(static_cast<Label>(l))).c_str());
        const double quantum = 0.05;
        std::fprintf(out, "\nscale %g\n", quantum);
        model.write(out, quantum);
        if (std::fclose(out) != 0) throw std::runtime_error("cannot write " + files[0]);
    } catch (const std::exception& e) {
        std::cerr << "train_entity_tagger: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
