// Searcher: the search core. search(request) -> response, knowing neither terminals nor HTTP.
//
// A Searcher holds one read-only handle on the index: one index folder, or a set of shards,
// local and remote, searched together (shard_set.h; a shard that cannot be reached is left out
// and named in SearchResponse::missing_shards). Before each search it reopens the handle,
// so articles committed by a nightly run since the last query are seen without a restart, and
// it retries a search once when a commit replaced the data under it (DatabaseModifiedError) or
// a remote shard stopped answering (NetworkError: without that shard).
// When the index folder itself was replaced (scripts/nightly swaps in a compacted copy), it
// opens the new one.
//
// A plain query whose words too few articles hold in full gets the best partial matches after
// those articles (ranking.h); a request's time limit ends the match in time (match_deadline.h).
//
// Not thread-safe: the HTTP server gives each worker thread its own Searcher.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "facet_columns.h"
#include "index_parts.h"
#include "query_builder.h"
#include "response_cache.h"
#include "search_request.h"
#include "shard_set.h"

namespace dateline {

struct IndexStats {
    std::string path;
    std::size_t documents = 0;
    std::string last_commit;  // ISO 8601, empty when unknown
    std::string first_date, last_date;  // YYYY-MM-DD of the oldest and newest dated article, or ""
};

struct Suggestion {
    std::string value;
    std::string field;    // "people", "organizations", "places", "sources" or "title"
    std::size_t count = 0;  // articles holding it
};

class Searcher {
public:
    // Opens the index; throws IndexUnusable (missing, not a Dateline index, incompatible schema).
    // `aliases` names entities as the indexer did (the built-in table, or with --aliases FILE).
    explicit Searcher(const std::string& index_path,
                      std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in());

    // Throws QueryError for a query the user must fix, IndexUnusable when the index went away.
    SearchResponse search(const SearchRequest& request);

    // One article with all its fields and text, or nullopt when no article has that id.
    std::optional<Article> article(const std::string& id);

    // Completions for a search box: people, organizations and places whose names start with
    // `prefix` (any word of the name; an alias completes to its canonical name: "united st" ->
    // "U.S."), then headline words, most frequent first. With `field` (a query name: "person",
    // "org", "place", "source" or "title"), that field's values only; another field throws
    // std::invalid_argument.
    std::vector<Suggestion> suggest(const std::string& prefix, std::size_t limit, const std::string& field = "");

    IndexStats stats();

    // The shards left out of the searches now (their stub lines); empty when all answer.
    std::vector<std::string> missing_shards() const { return shards_->missing(); }

    // The greatest added stamp (common/added_stamp.h) through which the index's stories are all
    // in: the latest run's, or just before it while that run is still writing; "" for an index
    // without stories. A "new since" check that stops here and resumes after it misses nothing.
    std::string added_through();

    // Answers repeated searches from `cache` (shared by all of a server's Searchers) while the
    // index has not changed.
    void use_cache(ResponseCache* cache) { cache_ = cache; }

    // Counts facets from the columns kept in `columns` (shared by all of a server's Searchers;
    // facet_columns.h): for a process that answers many searches.
    void use_facet_columns(FacetColumnCache* columns) { facet_columns_ = columns; }

    // With facet columns, an index of at least `min_documents` articles is searched in parts by
    // `threads` threads at once (part_search.h). By default from kParallelMin articles, a
    // thread per core.
    static constexpr Xapian::doccount kParallelMin = 50000;
    void use_parallel_search(Xapian::doccount min_documents, std::size_t threads) {
        parallel_min_ = min_documents;
        parallel_threads_ = threads;
    }

private:
    void open();
    void refresh();
    // Takes the shard set's database as the one searched.
    void adopt();
    // Runs `step` and, when a remote shard stops answering during it, runs it once more
    // without that shard.
    template <typename Step>
    auto retrying(Step&& step) -> decltype(step());
    SearchResponse run(const SearchRequest& request);
    // The public steps, once (their public forms retry them).
    std::optional<Article> article_once(const std::string& id);
    std::vector<Suggestion> suggest_once(const std::string& prefix, std::size_t limit, const std::string& field);
    std::string added_through_once();
    IndexStats stats_once();
    // The languages the index holds articles in (ISO 639-1 codes).
    std::vector<std::string> index_languages();

    std::string path_;
    std::unique_ptr<ShardSet> shards_;
    Xapian::Database db_;  // shards_->db()
    std::shared_ptr<const EntityAliases> aliases_;
    QueryBuilder builder_;
    ResponseCache* cache_ = nullptr;
    FacetColumnCache* facet_columns_ = nullptr;
    IndexParts parts_;
    Xapian::doccount parallel_min_ = kParallelMin;
    std::size_t parallel_threads_;
};

}  // namespace dateline
