#include "ranking.h"

#include <cctype>

namespace dateline {
namespace {

// Feedback terms are words of the text or headline.
class WordTerms : public Xapian::ExpandDecider {
public:
    bool operator()(const std::string& term) const override { return is_text_word_term(term); }
};

}  // namespace

bool is_text_word_term(const std::string& term) {
    return term.size() > 2 && term[0] == 'Z' && !std::isupper(static_cast<unsigned char>(term[1]));
}

Xapian::BM25Weight ranking_weight() { return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5); }

Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Query& stop) {
    Xapian::Enquire enquire(db);
    enquire.set_query(stop.empty() ? query : Xapian::Query(Xapian::Query::OP_FILTER, query, stop));
    enquire.set_weighting_scheme(ranking_weight());
    Xapian::MSet best = enquire.get_mset(0, kFeedbackArticles);
    if (best.empty()) return query;
    Xapian::RSet rset;
    for (auto it = best.begin(); it != best.end(); ++it) rset.add_document(*it);
    WordTerms words;
    // Exact term frequencies: over shards Xapian otherwise estimates them, and the added terms
    // and their weights would differ from those of one index holding everything.
    Xapian::ESet eset = enquire.get_eset(kFeedbackTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &words);
    if (eset.empty()) return query;
    Xapian::Query expansion(Xapian::Query::OP_OR, eset.begin(), eset.end());
    return Xapian::Query(Xapian::Query::OP_OR, query, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, expansion, kFeedbackWeight));
}

}  // namespace dateline
