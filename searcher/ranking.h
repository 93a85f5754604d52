// Ranking: how the search core weighs articles, and how a plain query is answered when no
// article, or too few, holds every word.
//
// Weights are BM25 with k1 = 1.2 and b = 0.75 (Robertson's usual values; Xapian's defaults are
// 1 and 0.5), chosen on the judged CISI collection and confirmed on MED and NPL with
// scripts/score-relevance. A headline counts more than the text because its words are indexed
// with five times the within-document frequency (common/schema.cpp); among equally weighted
// articles the newest comes first (searcher.cpp).
//
// A question typed in full ("what problems are there in making up descriptive titles?") rarely
// has every one of its words in one article. Its words are then searched with OR, stopwords
// (common/data/stopwords_en.txt) left out; the articles that hold every word still come first
// (searcher.cpp). Every article with one of the words is a match: requiring a share of the words
// (10% or 25%) cost MAP on all three collections, since BM25 already ranks an article with few
// of the words low. The ranking is then refined by pseudo-relevance feedback: the 20 terms that
// best tell the 10 best articles from the rest are added with a weight of 0.3 (RM3-like; +3% MAP
// on CISI, +12% on MED, -1% on NPL, whose articles are a line or two).
//
// Functions here are thread-safe; the queries they return are not shared.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace dateline {

inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;
inline constexpr Xapian::doccount kFeedbackArticles = 10;
inline constexpr Xapian::termcount kFeedbackTerms = 20;
inline constexpr double kFeedbackWeight = 0.3;

// The weighting scheme of every search.
Xapian::BM25Weight ranking_weight();

// A word of an article's text or headline: a stemmed term without a field prefix ("Zoil", not
// "ZXPERSONvolcker" nor "ZSoil", which the same word gives in a headline). Feedback and "more
// like this" (similar.h) describe articles by these.
bool is_text_word_term(const std::string& term);

struct PartialQuery {
    Xapian::Query query;  // the words with OR, without the request's filters
    // The words that count (stopwords left out; "pl-480" is one).
    std::size_t words = 0;
};

// `query` with the feedback terms of its best articles in `db` added (the query as it is when
// it matches nothing). The terms added are not restricted by any filter `query` holds: filter
// the result again. `stop`, when not empty, is a filter that ends the search for the best
// articles (a MatchDeadline, match_deadline.h).
Xapian::Query with_feedback(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Query& stop);

}  // namespace dateline
