// QueryBuilder: a SearchRequest -> a Xapian::Query, set up from the schema table.
//
// Free text: words must all match (AND), "phrases", OR, NOT, -word, brackets, NEAR; each text
// field of the schema is a prefix (title:, person:, org:, place:, source:, author:, keyword:
// ...), each filter-only field a boolean prefix (year:1987, language:en, id:...), and
// date:FROM..TO a range on the publication date. The request's exact filters and since/until
// restrict the match without changing its ranking.
//
// Not thread-safe (it owns a QueryParser); one per searcher.
#pragma once

#include <xapian.h>

#include <memory>

#include "search_request.h"

namespace dateline {

class QueryBuilder {
public:
    QueryBuilder();

    // Throws QueryError for a malformed query or an unknown filter field.
    Xapian::Query build(const SearchRequest& request);

    // The parser, for the terms a snippet should highlight (stemmer and prefixes).
    const Xapian::Stem& stemmer() const { return stemmer_; }

private:
    Xapian::QueryParser parser_;
    Xapian::Stem stemmer_;
};

}  // namespace dateline
