// RemoteCounts: exact facet, histogram and story counts for a search through remote shards.
//
// xapian-tcpsrv runs only the match spies it knows by name, so FacetSpy and StoryCounter, which
// are Dateline's own, cannot count on a remote shard ("MatchSpy not suitable for use with remote
// searches"). Xapian's ValueCountMatchSpy can: one per slot needed (each facet's list slot, the
// publication slot for the histogram and timeline, the story slot for collapsed totals), each
// counting how many matches hold each whole slot value. That is enough to be exact: a name's
// count is the sum of the counts of every distinct list that holds it, so each counted list is
// split and its count added to each of its names (FacetSpy::add_counted). Stories are the
// distinct story keys of all shards together, plus one for each article without a key, as
// StoryCounter counts them.
//
// The counts are not taken in the search that finds the page: Xapian 1.4, matching local and
// remote shards together, also shows the spies some of the remote shards' best documents a
// second time (measured: 398 counted for 384 matches over 2 local and 2 remote shards). So the
// query is matched once more for counting alone (no page, every match checked, Boolean weights):
// on the local shards together with the FacetSpy itself, and on each remote shard alone, where
// the server's counts arrive once. Over remote shards a search thus costs two matches; a set
// whose shards are all local keeps the one match and FacetSpy.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "facets.h"
#include "search_request.h"
#include "shard_set.h"

namespace dateline {

class RemoteCounts {
public:
    // Counts what `request` needs: what its FacetSpy counts, and the stories when collapsing.
    explicit RemoteCounts(const SearchRequest& request) : request_(request) {}

    // Counts the matches of `query` in every shard of `shards` into `spy` (made for the same
    // request) and into articles() and stories(). `time_limit_s` > 0 bounds each match as
    // Enquire::set_time_limit does (the counts are then those of the matches checked in time).
    void count(const Xapian::Query& query, const ShardSet& shards, FacetSpy& spy, double time_limit_s);

    // The matching articles and their distinct stories (when collapsing; 0 otherwise).
    std::size_t articles() const { return articles_; }
    std::size_t stories() const { return keys_.size() + unkeyed_; }

private:
    const SearchRequest& request_;
    std::size_t articles_ = 0;
    std::unordered_set<std::string> keys_;
    std::size_t unkeyed_ = 0;
};

}  // namespace dateline
