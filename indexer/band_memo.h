// The band postings of what one run wrote, in memory: where the copy finder looks for candidates
// instead of asking Xapian, while that is the same answer.
//
// Finding an article's copies (copy_finder.h) reads the postings of its kBands band terms. Asked
// of the database being written, each is a look-up in Xapian's B-tree (a read when the block is
// not cached, and a merge with the uncommitted postings), and band keys are random, so the
// blocks are all over the table. Measured on 200,000 generated articles, a first build on two
// cores: 205 s with those look-ups, 139 s with none. While a writer's database held nothing
// when the run began, every document in it went through this writer, so a table of the band
// terms it wrote (kept up to date when a document is replaced or deleted) answers exactly what
// the postings would. An incremental run into an index that holds stories asks the database.
//
// A band key is a hash already, so the table keeps its 64-bit hash (text::hash64) and the docids;
// most bands belong to one document, kept inline. Two terms of one hash would only make an extra
// candidate, which the exact comparison of shingles then turns down.
//
// Not thread-safe: one writer thread owns it.
#pragma once

#include <xapian.h>

#include <absl/container/flat_hash_map.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

class BandMemo {
public:
    // The documents holding band term `term`, in ascending docid order as a postlist gives them:
    // those below `before` (0: all), at most `limit`.
    std::vector<Xapian::docid> postings(const std::string& term, Xapian::docid before, Xapian::doccount limit) const;

    // `doc`, written as `id`, holds its band terms (schema::kMinHashPrefix); remove: no longer.
    void add(Xapian::docid id, const Xapian::Document& doc);
    void remove(Xapian::docid id, const Xapian::Document& doc);

    // Band postings held (one per band of each document).
    std::size_t size() const { return size_; }

    // The bands that more than one document of `db` holds, with their postings: what
    // link_shard_copies needs of a merged first build, read in one pass over the terms instead of
    // a look-up per band. A band no other document holds has no candidates, so it is left out.
    static BandMemo shared_bands(const Xapian::Database& db);

    // The documents from `first` on that share a band with a document before them, ascending.
    std::vector<Xapian::docid> later_sharers(Xapian::docid first) const;

private:
    void add_band(std::uint64_t band, Xapian::docid id);
    void remove_band(std::uint64_t band, Xapian::docid id);

    // A band of one document keeps it inline; a band of several moves to `many_`, with the
    // inline value set to kMany.
    static constexpr Xapian::docid kMany = 0;
    absl::flat_hash_map<std::uint64_t, Xapian::docid> one_;
    absl::flat_hash_map<std::uint64_t, std::vector<Xapian::docid>> many_;
    std::size_t size_ = 0;
};

}  // namespace dateline
