// QueryBuilder: a SearchRequest -> a Xapian::Query, set up from the schema table.
//
// Free text: words must all match (AND), "phrases", OR, NOT, -word, brackets, NEAR; each text
// field of the schema is a prefix (title:, person:, org:, place:, source:, author:, keyword:
// ...), each filter-only field a boolean prefix (year:1987, language:en, id:...), and
// date:FROM..TO a range on the publication date. The request's exact filters and since/until
// restrict the match without changing its ranking. person:, org: and place: clauses and filters
// also find their entity under its other names (entity_alias_query.h).
//
// Not thread-safe (it owns a QueryParser); one per searcher.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <vector>

#include "entity_aliases.h"
#include "search_request.h"

namespace dateline {

class QueryBuilder {
public:
    explicit QueryBuilder(std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in());

    // The index the queries will run on: which full names of people it knows.
    void use_database(const Xapian::Database& db) { db_ = db; }

    // Throws QueryError for a malformed query or an unknown filter field.
    Xapian::Query build(const SearchRequest& request);

    // The parser, for the terms a snippet should highlight (stemmer and prefixes).
    const Xapian::Stem& stemmer() const { return stemmer_; }

private:
    // The query with each entity clause that has other names replaced by a reference to its
    // query in alias_clauses_ (read back by the parser's processor of that reference).
    std::string expand_aliases(const std::string& query, unsigned flags);

    Xapian::QueryParser parser_;
    Xapian::Stem stemmer_;
    std::shared_ptr<const EntityAliases> aliases_;
    std::optional<Xapian::Database> db_;
    std::vector<Xapian::Query> alias_clauses_;
};

}  // namespace dateline
