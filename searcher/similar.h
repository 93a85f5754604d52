// "More like this": the query that finds the articles most like a given one.
//
// Xapian's relevance-set expansion picks the terms that best tell the article apart from the rest
// of the index (the same machinery as the search's pseudo-relevance feedback, ranking.h). Its
// words count, and the words of the people, organizations and places it names count more: two
// stories about the same people weigh more alike than two that share only other words.
// The article itself never matches, nor do its copies (the same story run again).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

namespace dateline {

// How many terms describe an article, and how much its names weigh beside its words.
inline constexpr Xapian::termcount kSimilarTerms = 30;
inline constexpr double kSimilarEntityWeight = 1.5;

// The query of the articles most like the article with `id` (its exact id), ranked by the
// shared terms' weights; nullopt when no article has that id.
std::optional<Xapian::Query> similar_query(const Xapian::Database& db, const std::string& id);

}  // namespace dateline
