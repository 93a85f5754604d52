// QueryBuilder: a SearchRequest -> a Xapian::Query, set up from the schema table.
//
// Free text: words must all match (AND), "phrases", OR, NOT, -word, brackets, NEAR; each text
// field of the schema is a prefix (title:, person:, org:, place:, source:, author:, keyword:
// ...), each filter-only field a boolean prefix (year:1987, language:en, id:...), and
// date:FROM..TO a range on the publication date (date:1987-03 the month). The text is checked
// and prepared first (query_syntax.h). The request's exact filters (all, any-of and excluded
// values) and since/until restrict the match without changing its ranking. person:, org: and
// place: clauses and filters also find their entity under its other names
// (entity_alias_query.h).
//
// For a plain query of several words, partial() gives the same words with OR, stopwords left
// out, for the articles that hold only some of them (ranking.h).
//
// Languages: each article was stemmed in its own language (common/stemming.h). The query is
// analysed once per stemmer the index holds articles for, and each analysis is matched only
// against that language's articles: (query stemmed as English, for every article not stemmed
// otherwise) OR (query stemmed as German FILTER language:de) OR ... A language whose analysis
// gives the same terms as English needs no branch of its own, so a query of names costs
// nothing extra and an English-only index parses once. Accents are folded through the
// stemmers; Chinese, Japanese and Korean are matched as character n-grams.
//
// Not thread-safe (it owns a QueryParser); one per searcher.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "entity_aliases.h"
#include "name_words.h"
#include "ranking.h"
#include "search_request.h"

namespace dateline {

class QueryBuilder {
public:
    explicit QueryBuilder(std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in());
    // Its parser's processors refer to the builder's own members.
    QueryBuilder(const QueryBuilder&) = delete;
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    // The index the queries will run on: which full names of people it knows.
    void use_database(const Xapian::Database& db) { db_ = db; }

    // Throws QueryError for a malformed query or an unknown filter field.
    Xapian::Query build(const SearchRequest& request);

    // The query of partial matches of a plain query of two words or more (after stopwords),
    // nullopt for any other query. Call after build() accepted the request.
    std::optional<PartialQuery> partial(const SearchRequest& request);

    // `query` restricted by the request's exact filters and dates (unchanged when it has none).
    Xapian::Query filtered(Xapian::Query query, const SearchRequest& request) const;

    // The languages (ISO 639-1 codes, the index's language terms) the index holds articles
    // in; queries are analysed in each of them. Call before build() when the index changed.
    void set_index_languages(const std::vector<std::string>& languages);

    // The stemmer of articles in `language` (the default, English, for ""), for the words a
    // snippet should highlight.
    const Xapian::Stem& stemmer(const std::string& language = "");

    // The names of the index by word (name_words.h), kept while the index is unchanged.
    NameWords& name_words() { return name_words_; }

private:
    const Xapian::Stem& stemmer_named(const std::string& name);

    // The query text parsed in every language of the index (see above).
    Xapian::Query parse_in_index_languages(const std::string& text, unsigned flags);

    struct LanguageBranch {
        std::string stemmer;               // Snowball name
        std::vector<std::string> filters;  // the language terms of its articles
    };

    // The prepared text of a request's query (query_syntax.h), parsed in every language.
    Xapian::Query parse_typed(const std::string& typed);

    Xapian::QueryParser parser_;
    Xapian::SimpleStopper stopper_;
    std::map<std::string, Xapian::Stem> stemmers_;  // by Snowball name
    std::vector<LanguageBranch> branches_;          // languages other than the default's
    std::shared_ptr<const EntityAliases> aliases_;
    std::optional<Xapian::Database> db_;
    NameWords name_words_;  // the names of db_ by word, for NAME:word
    std::vector<Xapian::Query> alias_clauses_;

    // The query with each entity clause that has other names replaced by a reference to its
    // query in alias_clauses_ (read back by the parser's processor of that reference).
    std::string expand_aliases(const std::string& query, unsigned flags);
};

}  // namespace dateline
