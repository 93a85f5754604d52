// CoNLL-2003 files as the entity tools read them: documents of sentences of (word, tag) pairs,
// turned back into article text the way the extractor sees an article (the first sentence is
// the headline, each later sentence a line of the body).
//
// Shared by score_entities (which measures the extractor) and train_entity_tagger (which trains
// the tagger), so both see the same text.
#pragma once

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace dateline::conll {

struct Sentence {
    std::vector<std::string> words;
    std::vector<std::string> types;  // "PER", "ORG", "LOC", "MISC" or "" for each word
    std::vector<bool> begins;        // the word starts a new entity (IOB1's B-, or a type change)
};

struct Document {
    std::vector<Sentence> sentences;
};

// Words back into prose: punctuation and clitics join the word before them. `starts` receives
// each word's byte offset in the result.
inline std::string detokenize(const std::vector<std::string>& words, std::vector<std::size_t>* starts = nullptr) {
    static const std::set<std::string> attach_left{",", ".", ";", ":", "?", "!", ")", "'s", "'", "n't", "%"};
    std::string out;
    bool attach_next = false;
    for (const std::string& w : words) {
        if (!out.empty() && !attach_next && !attach_left.count(w)) out += ' ';
        if (starts) starts->push_back(out.size());
        out += w;
        attach_next = w == "(";
    }
    return out;
}

inline std::vector<Document> read_documents(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Document> docs(1);
    Sentence sentence;
    std::string line, previous_type;
    auto close_sentence = [&] {
        if (!sentence.words.empty()) docs.back().sentences.push_back(std::move(sentence));
        sentence = Sentence{};
        previous_type.clear();
    };
    while (std::getline(in, line)) {
        if (line.empty()) {
            close_sentence();
            continue;
        }
        std::istringstream fields(line);
        std::string word, pos, chunk, tag;
        fields >> word >> pos >> chunk >> tag;
        if (word == "-DOCSTART-") {
            close_sentence();
            if (!docs.back().sentences.empty()) docs.emplace_back();
            continue;
        }
        std::string type = tag.size() > 2 ? tag.substr(2) : "";
        sentence.words.push_back(word);
        sentence.types.push_back(type);
        sentence.begins.push_back(!type.empty() && (tag[0] == 'B' || type != previous_type));
        previous_type = type;
    }
    close_sentence();
    if (docs.back().sentences.empty()) docs.pop_back();
    return docs;
}

// The document as article text: its headline and its body, one sentence a line.
inline std::string title_of(const Document& d) { return detokenize(d.sentences.front().words); }
inline std::string body_of(const Document& d) {
    std::string body;
    for (std::size_t s = 1; s < d.sentences.size(); ++s) body += detokenize(d.sentences[s].words) + "\n";
    return body;
}

}  // namespace dateline::conll
