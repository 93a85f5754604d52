#include "name_words.h"

#include <algorithm>

#include "facet_columns.h"
#include "stemming.h"

namespace dateline {

namespace {

const Xapian::Stem& default_stemmer() {
    thread_local const Xapian::Stem stemmer = stemming::folding_stemmer(stemming::stemmer_name(""));
    return stemmer;
}

// Most names, as their filter terms hold them, are words of ASCII letters and digits between
// single spaces ("pete hegseth"). Xapian's tokenizer makes each such word one term, its stem:
// splitting them here, with the stems remembered, reads the names of a million articles in a
// fraction of the tokenizer's time (a NameWordIndex reads every name of a field).
bool plain_words(std::string_view text) {
    if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
    char last = ' ';
    for (char c : text) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && !(c == ' ' && last != ' ')) return false;
        last = c;
    }
    return true;
}

std::vector<std::string> plain_word_terms(std::string_view text) {
    thread_local std::unordered_map<std::string, std::string> stems;
    if (stems.size() > 200000) stems.clear();  // memory stays bounded
    std::vector<std::string> words;
    for (std::size_t begin = 0; begin < text.size();) {
        std::size_t end = std::min(text.find(' ', begin), text.size());
        std::string word(text.substr(begin, end - begin));
        auto it = stems.find(word);
        if (it == stems.end()) it = stems.emplace(word, std::string(schema::kStemPrefix) + default_stemmer()(word)).first;
        // The tokenizer leaves out words longer than its limit.
        if (word.size() <= kLongestWord) words.push_back(it->second);
        begin = end + 1;
    }
    return words;
}

}  // namespace

std::vector<std::string> name_word_terms(std::string_view text) {
    if (plain_words(text)) return plain_word_terms(text);
    // One generator per thread: making the folding stemmer costs more than reading a name.
    thread_local Xapian::TermGenerator generator = [] {
        Xapian::TermGenerator g;
        g.set_stemmer(default_stemmer());
        g.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        return g;
    }();
    Xapian::Document doc;
    generator.set_document(doc);
    generator.set_termpos(0);
    generator.index_text(std::string(text));
    std::vector<std::pair<Xapian::termpos, std::string>> at;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, *t);
    }
    generator.set_document(Xapian::Document());
    std::sort(at.begin(), at.end());
    std::vector<std::string> words;
    for (auto& [position, term] : at) words.push_back(std::move(term));
    return words;
}

NameWordIndex::NameWordIndex(const Xapian::Database& db, const schema::Field& field) : prefix_(field.filter_prefix) {
    for (auto t = db.allterms_begin(prefix_); t != db.allterms_end(prefix_); ++t) {
        std::string term = *t;
        auto index = static_cast<std::uint32_t>(terms_.size());
        for (const std::string& w : name_word_terms(std::string_view(term).substr(prefix_.size()))) {
            std::vector<std::uint32_t>& holders = by_word_[w];
            if (holders.empty() || holders.back() != index) holders.push_back(index);
        }
        terms_.push_back(std::move(term));
    }
}

std::vector<std::string> NameWordIndex::terms_for(std::string_view value) const {
    std::vector<std::string> wanted = name_word_terms(value);
    std::vector<std::string> out;
    if (wanted.empty()) return out;
    auto holders = by_word_.find(wanted.front());
    if (holders == by_word_.end()) return out;
    for (std::uint32_t index : holders->second) {
        const std::string& term = terms_[index];
        // Several words: the name's words are read again to see them in a row (few names hold
        // the first; keeping every name's words would cost more memory than this costs time).
        if (wanted.size() > 1) {
            std::vector<std::string> words = name_word_terms(std::string_view(term).substr(prefix_.size()));
            if (std::search(words.begin(), words.end(), wanted.begin(), wanted.end()) == words.end()) continue;
        }
        out.push_back(term);
    }
    return out;
}

std::vector<std::string> scan_names(const Xapian::Database& db, const schema::Field& field, std::string_view value) {
    std::vector<std::string> wanted = name_word_terms(value);
    std::vector<std::string> out;
    if (wanted.empty()) return out;
    std::string prefix(field.filter_prefix);
    // The English stemmer changes only a word's ending and never lengthens it: a plain name
    // none of whose words starts as the first wanted stem and is as long can be passed over
    // unread (at a million articles, most of the scan's time was reading such names).
    std::string_view first = std::string_view(wanted.front()).substr(schema::kStemPrefix.size());
    auto may_hold = [&](std::string_view name) {
        if (first.empty() || !plain_words(name)) return true;
        for (std::size_t begin = 0; begin < name.size();) {
            std::size_t end = std::min(name.find(' ', begin), name.size());
            if (name[begin] == first.front() && end - begin >= first.size()) return true;
            begin = end + 1;
        }
        return false;
    };
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string& term = *t;
        if (!may_hold(std::string_view(term).substr(prefix.size()))) continue;
        std::vector<std::string> words = name_word_terms(std::string_view(term).substr(prefix.size()));
        if (std::search(words.begin(), words.end(), wanted.begin(), wanted.end()) != words.end()) out.push_back(term);
    }
    return out;
}

std::vector<std::string> NameWords::terms_for(const Xapian::Database& db, const schema::Field& field, std::string_view value) {
    std::optional<std::string> state = index_state(db);
    if (!state) return scan_names(db, field, value);
    if (state != state_) {
        fields_.clear();
        answers_.clear();
        scans_.clear();
        state_ = state;
    }
    // A query is parsed more than once (its partial matches, its spelling): asked again, the
    // same words get the same answer.
    auto key = std::make_pair(&field, std::string(value));
    if (auto known = answers_.find(key); known != answers_.end()) return known->second;
    auto it = fields_.find(&field);
    std::vector<std::string> terms;
    if (it != fields_.end()) {
        terms = it->second.terms_for(value);
    } else if (++scans_[&field] <= kScansBeforeTable) {
        // A one-shot search asks a field a question or two (its clause, the spelling of an
        // unknown word): scanning the names answers them for less than making the table.
        terms = scan_names(db, field, value);
    } else {
        terms = fields_.emplace(&field, NameWordIndex(db, field)).first->second.terms_for(value);
    }
    if (answers_.size() >= kAnswers) answers_.clear();
    return answers_.emplace(std::move(key), std::move(terms)).first->second;
}

}  // namespace dateline
