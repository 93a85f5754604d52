// A stemmer that remembers: the indexer's TermGenerator calls the stemmer for every word of
// every article, and the Snowball algorithm costs about two thousand instructions a word,
// about a tenth of all indexing. News repeats its words: a table of the words already stemmed
// answers most calls with one hash look-up.
//
// The table is bounded (it is emptied when it holds `limit` words), so memory stays flat on an
// archive of any size. Not thread-safe: each DocumentBuilder (one per worker thread) wraps its
// own stemmers.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace dateline {

// Wraps `inner` (a Snowball stemmer, accent-folding: common/stemming.h); returns exactly what
// it returns for every word.
Xapian::Stem remembering_stemmer(Xapian::Stem inner, std::size_t limit = 1u << 17);

}  // namespace dateline
