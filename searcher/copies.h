// Copies of one story at query time: the list under a result of the other articles that ran it.
//
// The index writer gives every copy of one story the same key, in value slot
// schema::kSlotStory and as the term XSTORY:<key> (indexer/copy_finder.h). The search keeps one
// article per story on its page, the best ranked (story_page.h); then each result's copies are
// the other documents of its XSTORY term, one posting list look-up, and their document data read
// for where and when each ran.
//
// Facets count articles, copies included: the match spies see every matching document, and the
// page is collapsed after the match (checked by tests/searcher/test_copies.cpp), so "Reuters 12"
// under sources says how many articles Reuters ran. The total counts stories; total_articles
// counts articles. A StoryCounter counts both.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "facet_columns.h"
#include "search_request.h"

namespace dateline {

// Copies listed under one result; copy_count counts the rest too.
inline constexpr std::size_t kMaxListedCopies = 20;

// The other articles of `doc`'s story (the document `self`), oldest first, at most `max` of them,
// and how many there are in all. None when the document has no story key (a copy of nothing
// shares its key with no other article).
struct StoryCopies {
    std::vector<StoryCopy> listed;
    std::size_t count = 0;
};
StoryCopies story_copies(const Xapian::Database& db, const Xapian::Document& doc, Xapian::docid self,
                         std::size_t max = kMaxListedCopies);

// A match spy that counts the matching articles and their distinct stories. An article without
// a story key counts as a story of its own.
class StoryCounter : public Xapian::MatchSpy {
public:
    // Counts from the story slot's column of `db` (facet_columns.h) when the cache has it for
    // a single database: a match is then an array lookup and a flag, where a hashed set of
    // every story key seen was the most costly part of counting a broad search. Without it
    // (several shards, a one-shot search, another thread reading the column), the key is read
    // from the document.
    void count_from(FacetColumnCache& cache, const Xapian::Database& db);
    void operator()(const Xapian::Document& doc, double weight) override;
    // Adds the articles and stories `shard` counted in one shard of a set alone (shard_counts.h):
    // a story with copies in several shards is one story.
    void add_all(const StoryCounter& shard);
    // The same with numbers rather than keys, as FacetSpy does (facets.h): the counter of shard
    // k counts from that shard's story column (count_from); this counter, the set's, takes the
    // story ids the shards' columns share; add_shard() marks shard k's stories by the set's id.
    // A story with copies in two shards has one id in the set. Joined by key when a shard's
    // column was not the same.
    void count_shards_from(FacetColumnCache& cache, const Xapian::Database& set, const std::vector<Xapian::Database>& shards);
    void add_shard(const StoryCounter& shard, std::size_t k);
    std::size_t articles() const { return articles_; }
    std::size_t stories() const { return keys_.size() + seen_count_ + unkeyed_; }

private:
    // Adds to keys_ the key of each story `from` counted by column id.
    void insert_keys_seen(const StoryCounter& from);
    // Keys as 64-bit numbers (the 16 hex digits they are), so counting allocates no strings.
    std::unordered_set<std::uint64_t> keys_;
    std::shared_ptr<const FacetColumn> column_;
    std::shared_ptr<const ShardColumns> shards_;  // a set's: the story ids its shards share
    std::vector<char> seen_;  // by the column's value id: a story already counted
    std::size_t seen_count_ = 0;
    std::size_t articles_ = 0;
    std::size_t unkeyed_ = 0;
};

}  // namespace dateline
