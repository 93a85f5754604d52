// Searching one index in parts, a thread per core: the page and the exact counts of a broad
// search in about half the time on two cores.
//
// On a big index, most of a broad search is checking every match: its facets and its stories
// are counted over all of them. Here each thread searches its own range of docids
// (docid_range.h) with a handle of its own (index_parts.h): it ranks its part's best matches
// and counts its part's matches in the same pass, as a whole-index search does. The parts'
// counts add up as a set of shards' do (facets.h, copies.h: the same column, so the same ids),
// and the pages are merged in the search's order. A part's weights are the whole index's (its
// statistics are the database's), so the merged page is the page of the whole index:
//
// - each part gives its best offset + limit stories (copies collapsed within the part); a story
//   among the whole index's best offset + limit has its best copy in some part, among that
//   part's best offset + limit, so none is missing;
// - the parts' lists are merged by the search's order (weight, publication or added time,
//   docid, as Xapian orders them), and a story already listed from another part is skipped;
// - the first `offset` stories are skipped.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "copies.h"
#include "facet_columns.h"
#include "facets.h"
#include "search_request.h"

namespace dateline {

struct PartsAnswer {
    std::vector<Xapian::MSet> msets;                                  // each part's ranking
    std::vector<std::pair<std::size_t, Xapian::MSetIterator>> page;  // (part, article), in order
    Xapian::doccount estimated = 0;  // matches, added over the parts
    bool exact = true;               // every part's count is exact
};

// Sets an Enquire up as the whole search's: weighting, order, time limit.
using EnquireSetup = std::function<void(Xapian::Enquire&)>;

// Searches `parts` (handles on one index `whole`, one per thread) with `queries[k]` (the
// search restricted to part k's docids, sharing no part with another query) for `request`'s
// page, counting every match into `spy` and `stories` (which count from `columns`).
// Throws the first part's error once every part is done.
PartsAnswer search_in_parts(const Xapian::Database& whole, const std::vector<Xapian::Database>& parts,
                            const std::vector<Xapian::Query>& queries, const EnquireSetup& setup,
                            const SearchRequest& request, FacetColumnCache& columns, FacetSpy& spy, StoryCounter& stories);

}  // namespace dateline
