// Facet counting over every matching article.
//
// FacetSpy is one Xapian::MatchSpy for all the facets a search asks for (and the date
// histogram). Each facet slot holds a list (schema::encode_list): an article naming three people
// adds one to each of the three, where Xapian's ValueCountMatchSpy would count the joined list as
// one value. One spy for all facets saves a virtual call and a pass per facet. It sees
// every matching document because the searcher asks Xapian to check them all (checkatleast =
// document count), so the counts are exact.
//
// The histogram counts matches per day from the publication slot; histogram() then picks the
// unit (year, month or day) that suits the span of dates found.
//
// In a long-lived process, count_from() hands the spy the facet columns of the index
// (facet_columns.h): a match then costs an array lookup per slot instead of reading and splitting
// its values. The results are the same; only the names shown are made into strings (all of
// them when counts() or per_day() is asked for).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "facet_columns.h"
#include "search_request.h"

namespace dateline {

class FacetSpy : public Xapian::MatchSpy {
public:
    // `facet_names` as --facets takes them; unknown names are ignored.
    FacetSpy(const std::vector<std::string>& facet_names, bool histogram);
    void operator()(const Xapian::Document& doc, double weight) override;

    // Counts from the columns `cache` has (or reads now) for `db`, the database matched; a slot
    // without a column is counted from the documents, as without this call.
    void count_from(FacetColumnCache& cache, const Xapian::Database& db);

    // The `limit` most frequent values of each facet, ties broken by value, in request order.
    std::vector<Facet> facets(std::size_t limit) const;
    Histogram histogram() const;
    // The matches per publication day ("YYYYMMDD"), when counting the histogram.
    const std::map<std::string, std::size_t>& per_day() const;
    // Every value counted for the facet `facet_name`, with its count; nullptr when it is not
    // counted (related.h reads them all).
    const std::unordered_map<std::string, std::size_t>* counts(const std::string& facet_name) const;
    bool empty() const { return slots_.empty() && !histogram_; }

    // Counts `count` matching articles whose value in `slot` is `value`, as if each had been
    // seen: a facet slot's list adds `count` to each of its names, the publication slot adds
    // `count` to its day. Slots this spy does not count are ignored. For sets with remote
    // shards, where only Xapian's ValueCountMatchSpy runs on the servers (remote_counts.h).
    void add_counted(Xapian::valueno slot, const std::string& value, std::size_t count);

    // Adds every count of `shard`, a spy made for the same request that counted one shard of a
    // set alone (shard_counts.h), to this spy's.
    void add_all(const FacetSpy& shard);

    // A set of local shards counted one shard at a time (shard_counts.h), with numbers rather
    // than strings: the spy of shard k counts from that shard's columns (count_from); this spy,
    // the set's, takes the ids the shards' columns share (FacetColumnCache::shard_columns, from
    // the same cached columns); add_shard() adds shard k's counts id by id. A slot whose columns
    // were not the same (not to be had, or read again meanwhile) is joined by value, as add_all()
    // does.
    void count_shards_from(FacetColumnCache& cache, const Xapian::Database& set, const std::vector<Xapian::Database>& shards);
    void add_shard(const FacetSpy& shard, std::size_t k);

private:
    // Counts kept by column id while matching, folded into the strings when asked.
    struct ColumnCounts {
        std::shared_ptr<const FacetColumn> column;
        std::vector<std::uint32_t> by_id;
        std::size_t pending = 0;  // documents counted into by_id since it was last folded
        // Counts `did`'s values; false when the column does not cover it (count it from the document).
        bool count(Xapian::docid did) {
            if (!column || !column->covers(did)) return false;
            for (const std::uint32_t* id = column->ids_begin(did); id != column->ids_end(did); ++id) ++by_id[*id];
            ++pending;
            return true;
        }
        // Adds by_id to `counts` by value and empties it.
        template <typename Counts> void fold_into(Counts& counts);
        // Adds `shard`'s counts, whose ids `to_set` maps to this one's (empty: the same ids),
        // and empties them.
        void add_mapped(ColumnCounts& shard, const std::vector<std::uint32_t>& to_set);
    };
    struct SlotCounts {
        std::string name;
        Xapian::valueno slot;
        std::unordered_map<std::string, std::size_t> counts;  // values counted from documents (or folded)
        ColumnCounts by_column;
        std::shared_ptr<const ShardColumns> shards;  // a set's: the ids its shards share
    };
    // Mutable: counts() and per_day() fold the column counts into the string maps when first asked.
    mutable std::vector<SlotCounts> slots_;
    bool histogram_;
    mutable std::map<std::string, std::size_t> per_day_;  // "YYYYMMDD" -> count
    mutable ColumnCounts days_;
    std::shared_ptr<const ShardColumns> day_shards_;
};

// The value slot that holds a facet ("people" -> kSlotPeople); -1 when there is no such facet.
int facet_slot(const std::string& facet_name);

// The names --facets accepts, from the schema.
std::vector<std::string> facet_names();

}  // namespace dateline
