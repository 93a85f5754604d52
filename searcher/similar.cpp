#include "similar.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <vector>

#include "name_words.h"
#include "ranking.h"
#include "schema.h"
#include "word_lists.h"

namespace dateline {
namespace {

// The words of the article's people, organizations and places ("Zvolcker" for "Paul Volcker"),
// read from their filter terms (its names have no word terms: schema kWordsFromNames).
std::set<std::string> name_words_of(const Xapian::Database& db, Xapian::docid docid) {
    std::vector<std::string> prefixes;
    for (const schema::Field& f : schema::fields()) {
        if (f.has(schema::kWordsFromNames)) prefixes.emplace_back(f.filter_prefix);
    }
    std::set<std::string> out;
    if (prefixes.empty()) return out;
    // One walk of the article's terms, from the first of those prefixes to the end of the last
    // (terms come sorted), whichever field each name is of.
    std::sort(prefixes.begin(), prefixes.end());
    Xapian::TermIterator t = db.termlist_begin(docid);
    for (t.skip_to(prefixes.front()); t != db.termlist_end(docid); ++t) {
        const std::string term = *t;
        if (term > prefixes.back() && term.compare(0, prefixes.back().size(), prefixes.back()) != 0) break;
        for (const std::string& prefix : prefixes) {
            if (term.compare(0, prefix.size(), prefix) != 0) continue;
            for (std::string& w : name_word_terms(std::string_view(term).substr(prefix.size()))) out.insert(std::move(w));
        }
    }
    return out;
}

// The terms that can describe an article: words of its text ("Zoil", not the headline's "ZSoil",
// which repeats them); the words of the names it holds weigh more.
class Describing : public Xapian::ExpandDecider {
public:
    explicit Describing(std::set<std::string> names) : names_(std::move(names)) {}

    // Stopwords ("Zup", "Zwill") say nothing of what a story is about.
    bool operator()(const std::string& term) const override { return is_word(term) && !stopword_terms().count(term); }

    bool is_name(const std::string& term) const { return names_.count(term) > 0; }

    // A word of the text (ranking.h), not a number: figures are noise here.
    static bool is_word(const std::string& term) {
        return is_text_word_term(term) && !std::isdigit(static_cast<unsigned char>(term[1]));
    }

private:
    // The English stopwords as stemmed terms, made once.
    static const std::set<std::string>& stopword_terms() {
        static const std::set<std::string> terms = [] {
            std::set<std::string> out;
            for (std::string_view word : entity_data::entries(entity_data::word_list("stopwords_en"))) {
                out.insert(std::string(schema::kStemPrefix) + std::string(word));
            }
            return out;
        }();
        return terms;
    }

    std::set<std::string> names_;
};

}  // namespace

std::optional<Xapian::Query> similar_query(const Xapian::Database& db, const std::string& id) {
    std::string id_term = schema::filter_term(schema::field(schema::FieldId::id), id);
    Xapian::PostingIterator post = db.postlist_begin(id_term);
    if (post == db.postlist_end(id_term)) return std::nullopt;
    Xapian::RSet rset;
    rset.add_document(*post);
    Xapian::Enquire enquire(db);
    Describing describing(name_words_of(db, *post));
    // Exact term frequencies, as over one index (ranking.cpp says why).
    Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &describing);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) {
        double weight = t.get_weight() * (describing.is_name(*t) ? kSimilarEntityWeight : 1.0);
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*t), weight);
    }
    if (terms.empty()) return Xapian::Query::MatchNothing;
    Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());
    // Nor do its copies (the same story run again, indexer/copy_finder.h): they are the article.
    Xapian::Query itself(id_term);
    std::string story = db.get_document(*post).get_value(schema::kSlotStory);
    if (!story.empty()) itself = Xapian::Query(Xapian::Query::OP_OR, itself, Xapian::Query(std::string(schema::kStoryPrefix) + story));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, like, itself);
}

}  // namespace dateline
