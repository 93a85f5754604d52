// Stemming per language: which Snowball stemmer analyses an article or a query in a language,
// and the stemmer objects the indexer, the query parser and the snippets share.
//
// Every stem Dateline indexes or looks up goes through fold_accents (common/text.h) after the
// Snowball stemmer has seen the word with its accents (French and Spanish stemmers need them):
// "Zürich", "zurich" and "ZURICH" are one term, so are "São" and "sao". German uses Snowball's
// "german2", which reads "ae", "oe" and "ue" as the umlauts they stand for ("Mueller" and
// "Müller" share a stem), the German convention where a keyboard has no umlauts.
//
// A language Snowball has no stemmer for (Ukrainian, Polish, Chinese...) and an unknown one are
// analysed as English, as Dateline did before it knew languages: the English rules only touch
// Latin-script endings, so other scripts keep their words whole.
//
// Thread-safety: a Xapian::Stem's reference count is not atomic; each thread makes its own with
// folding_stemmer(). The functions themselves are thread-safe.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace dateline::stemming {

// The stemmer every article without a Snowball language is analysed with.
inline constexpr std::string_view kDefaultStemmer = "english";

// The Snowball stemmer name for an ISO 639-1 code ("de" -> "german2", "ru" -> "russian");
// kDefaultStemmer for "", "en" and languages Snowball does not cover.
std::string stemmer_name(std::string_view language);

// A new stemmer: the Snowball stemmer `name` (as stemmer_name returns) whose stems are
// accent-folded. Throws Xapian::InvalidArgumentError for a name Xapian does not know.
Xapian::Stem folding_stemmer(const std::string& name);

}  // namespace dateline::stemming
