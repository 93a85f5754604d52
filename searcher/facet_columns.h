// Facet columns: every article's facet values as small integer ids, read once per index state.
//
// Counting facets over every match is what makes a broad search slow on a big index: for each
// match the plain FacetSpy reads five value slots, splits each list and hashes every name
// (84 ms p50, 372 ms p95 on a million articles, against 7 and 33 ms without facets). With a
// column, a match costs an array lookup per slot: the ids of the document's values, each one
// counted in a vector. The counts are the same, exactly.
//
// A FacetColumn is built by reading one slot's value stream from start to end (the values of a
// slot are stored together, in docid order, so this is a sequential read) and interning each
// value of each list. It is keyed by docid (over several shards, the combined docid). A match
// spy over several shards sees each shard's own docids in Xapian 1.4, so FacetSpy uses columns
// for a single database only (facets.cpp); the cache itself is keyed by every shard's state.
//
// FacetColumnCache holds the columns of the current index state, shared by the threads of a
// server (each with its own Xapian handle). The state names every shard's revision and the
// databases' UUIDs, so a commit to any shard, or a rebuilt or compacted index swapped in,
// gives new columns; the old ones live on while a search still counts with them. Only a
// long-lived process benefits: a column costs a read of the whole slot, worth it when many
// searches follow, not for a one-shot dateline-search.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace dateline {

class FacetColumn {
public:
    // What a document's slot value holds: a list joined by schema::kListSeparator (the facet
    // slots), or a publication time whose first 8 characters are its day (the histogram).
    enum class Split { list, day };

    // Reads `slot` of every document of `db`. Throws Xapian::Error as the value stream does
    // (a remote shard cannot stream its values).
    static FacetColumn read(const Xapian::Database& db, Xapian::valueno slot, Split split);

    // Whether documents up to `did` were read (a document added later is not).
    bool covers(Xapian::docid did) const { return did + 1 < offsets_.size(); }
    // The ids of the document's values: ids_begin(did) to ids_end(did). `did` must be covered.
    const std::uint32_t* ids_begin(Xapian::docid did) const { return ids_.data() + offsets_[did]; }
    const std::uint32_t* ids_end(Xapian::docid did) const { return ids_.data() + offsets_[did + 1]; }
    // The value an id stands for, and how many distinct values there are (ids are 0 to that - 1).
    const std::string& value(std::uint32_t id) const { return values_[id]; }
    std::size_t value_count() const { return values_.size(); }
    // Memory held, for the design notes and the benchmark.
    std::size_t bytes() const;
    // A column that names values and covers no document: the ids shared by a set of shards
    // (ShardColumns below).
    static FacetColumn of_values(std::vector<std::string> values);

private:
    std::vector<std::string> values_;
    std::vector<std::uint32_t> offsets_;  // document `did`'s ids are ids_[offsets_[did]] to ids_[offsets_[did + 1]]
    std::vector<std::uint32_t> ids_;
};

// One slot's columns in every shard of a set, and one id space for them all. A shard's column
// ids are its own ("Clinton" may be 7 in one shard and 912 in the next); to_set maps each to the
// set's id, so counts made shard by shard (shard_counts.h) add up as numbers, and only the
// values shown become strings, as over one index. The parts of one index searched on several
// threads (part_search.h) share its column: their ids are the set's, and `values` is that column.
struct ShardColumns {
    std::vector<std::shared_ptr<const FacetColumn>> shards;  // in the set's order
    std::vector<std::vector<std::uint32_t>> to_set;          // shard k's id -> the set's id; empty: the same id
    std::shared_ptr<const FacetColumn> values;               // the set's ids (of_values)
};

// What identifies the contents of `db`: each shard's UUID and revision; nullopt when a shard
// has no revision to name (a remote or in-memory one), and so no columns can be kept for it.
std::optional<std::string> index_state(const Xapian::Database& db);

class FacetColumnCache {
public:
    // The column of `slot` for `db` as it is now: read on first use for this state by the
    // calling thread (with its own handle), shared after. nullptr when it cannot be had now:
    // another thread is reading it (the caller counts from the documents meanwhile rather than
    // wait), or `db` has no state to key it by, or reading it failed.
    std::shared_ptr<const FacetColumn> column(const Xapian::Database& db, Xapian::valueno slot, FacetColumn::Split split);

    // The columns of `slot` in each of `shards`, the local shards that `set` searches together
    // (in its order), or handles on `set` itself (its parts), with their shared ids: made once per state of the set from the shards'
    // columns, kept with the set's state. nullptr when a shard's column cannot be had now.
    std::shared_ptr<const ShardColumns> shard_columns(const Xapian::Database& set, const std::vector<Xapian::Database>& shards,
                                                      Xapian::valueno slot, FacetColumn::Split split);

    // How many columns were read since this cache was made (tests check reuse and invalidation).
    std::size_t reads() const;

private:
    struct Entry {
        std::shared_ptr<const FacetColumn> column;
        bool reading = false;
        bool failed = false;
    };
    using Key = std::pair<Xapian::valueno, FacetColumn::Split>;
    struct State {
        std::string name;
        std::map<Key, Entry> columns;
        std::map<Key, std::shared_ptr<const ShardColumns>> shard_columns;
    };
    // The state named `name`, made (and older states of the same databases let go) when new.
    // The caller holds mutex_.
    State& state_named(const std::string& name);
    // The two latest states of each database: while a commit is being picked up, threads still
    // on the previous revision keep its columns instead of reading them again in turn. Shards
    // counted one by one (shard_counts.h) are databases of their own. At most kMaxStates in all.
    static constexpr std::size_t kStates = 2;
    static constexpr std::size_t kMaxStates = 64;

    mutable std::mutex mutex_;
    std::vector<State> states_;  // latest last
    std::size_t reads_ = 0;
};

}  // namespace dateline
