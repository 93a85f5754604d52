// Counting a set of local shards one shard at a time, each from its own facet and story columns.
//
// A match spy over several shards sees each shard's own docids in Xapian 1.4, which do not say
// which shard a match came from, so over a shard folder FacetSpy and StoryCounter could not use
// columns (facet_columns.h) and read every matching document's values instead: on 100,000
// articles in 4 shards, p95 108 ms with facets against 34 ms for one index. Here the query is
// matched in each shard alone (no page, every match checked, Boolean weights, as RemoteCounts
// does for remote shards), where the shard's columns apply; then each shard's counts are added
// up by value, and its stories joined by key (a story with copies in two shards is one story).
// The search over the whole set then only ranks its page.
//
// The shards' counts are added up as numbers: each column's ids are mapped once per state of
// the set to ids the shards share (FacetColumnCache::shard_columns), so a broad search makes
// strings only of the names it shows, as over one index. And the shards are matched at the same
// time, one thread per core (each with its own shard handle; a Xapian handle is never used by
// two threads at once), their counts added in shard order afterwards.
//
// Only a long-lived process keeps columns (FacetColumnCache); without one, the set's single
// match counts from the documents as before.
#pragma once

#include <xapian.h>

#include <vector>

#include "copies.h"
#include "facet_columns.h"
#include "facets.h"
#include "search_request.h"

namespace dateline {

// Counts the matches of `queries[k]` in `shards[k]` (local databases, one shard each, in the
// order `set` searches them together; the queries all the same, but sharing no part, as each is
// matched on a thread of its own) into `spy` and `stories`, made for `request`.
// `time_limit_s` > 0 bounds each shard's match as Enquire::set_time_limit does. An error of a
// shard's match (Xapian::DatabaseModifiedError, say) is thrown here once every shard is done.
void count_each_shard(const std::vector<Xapian::Query>& queries, const Xapian::Database& set, const std::vector<Xapian::Database>& shards,
                      FacetColumnCache& columns, const SearchRequest& request, FacetSpy& spy, StoryCounter& stories,
                      double time_limit_s);

}  // namespace dateline
