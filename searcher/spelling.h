// Spelling: "did you mean" for a query word the index does not hold, built from the index's
// own words (so names and places are spelt as the archive spells them).
//
// A word of the query (not an operator, not a field:value, not in Chinese, Japanese or Korean)
// whose stem, in none of the index's languages, is an index term gets the nearest stem the
// index holds: edit distance (insert, delete, substitute, swap) at most 1 for words up to 4
// letters, 2 beyond; ties go to the stem in most articles. At most five words of a query are
// corrected. The stem is shown as a word an
// article really writes ("militari" -> "military"), found in one article that holds it.
//
// Why not Xapian's spelling table (WritableDatabase::add_spelling): it has to be written by the
// indexer for every word of every article, which costs index size and indexing time on every
// run (README "Did you mean" has the figures), while a misspelt query is rare and this scan of
// the terms starting with the word's first letter takes a few milliseconds.
//
// Not thread-safe (it uses the searcher's stemmers); one per searcher.
#pragma once

#include <xapian.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "name_words.h"
#include "search_request.h"

namespace dateline {

// The stemmers of the index's languages, by language code ("" the default).
using StemmerFor = std::function<const Xapian::Stem&(const std::string& language)>;

// The corrected query for `query`, or nullopt when every word is in the index or no word near
// enough is. `languages`: the index's languages (ISO 639-1 codes). A word of a person's,
// organization's or place's name is known too: found in `names` (the caller's cache of the
// index's names by word), or without it only as a whole one-word name.
std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db, const std::string& query,
                                                   const std::vector<std::string>& languages, const StemmerFor& stemmer,
                                                   NameWords* names = nullptr);

// Damerau-Levenshtein distance (optimal string alignment) between two UTF-8 strings, counted
// in code points; stops early and returns limit + 1 once it is over `limit`.
std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit);

}  // namespace dateline
