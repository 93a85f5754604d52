// Copies collapsed on the page: one article per story among the ranked matches, chosen after the
// match rather than by it.
//
// Xapian's own collapsing (Enquire::set_collapse_key) is exact only in the results it returns,
// and a search that wants exact totals and facets checks every match; with a collapse key, each
// of those matches is also looked up in Xapian's table of keys and kept in a much larger
// candidate set. On 200,000 generated articles that tripled a search without facets (p95 79 ms
// against 22 ms uncollapsed). The totals never came from that collapse anyway: StoryCounter
// (copies.h) counts the stories as a match spy. So the match runs uncollapsed, and the page is
// collapsed here: the ranked articles are read in order, and an article whose story an
// article ranked above it already holds is skipped. The page is the same as Xapian's: the best
// ranked article of each story, in rank order.
//
// An article's story is its value in schema::kSlotStory; an article without one is a story of
// its own.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

namespace dateline {

// Which stories the articles kept so far belong to. One is shared by the answer sets of a page
// made of two (the articles holding every word, then the best partial matches).
class StoryCollapser {
public:
    // Whether the article at `it` is the first of its story seen here (then it is remembered).
    bool keep(const Xapian::MSetIterator& it);

private:
    std::unordered_set<std::string> seen_;
};

// A ranked page with copies collapsed. `page` refers into `mset` (an MSetIterator holds its
// MSet), the ranking the page was cut from.
struct StoryPage {
    Xapian::MSet mset;
    std::vector<Xapian::MSetIterator> page;
    // Whether the ranking was read to its end without filling the page: there are no more
    // stories than those kept (the page may then be short, or empty past the last story).
    bool exhausted = false;
};

// Stories `offset` to `offset + limit` of what `enquire` ranks, each its best ranked article.
// The first match checks at least `check_at_least` articles, which is when the enquire's match
// spies count; a window of articles that held too few stories (a story run many times near the
// top) is widened and asked again with the spies taken off, so nothing is counted twice.
// `remote`: some shard is served over the network, where each document read alone is a round
// trip; the window's documents are then asked for at once (MSet::fetch). Locally that would
// read every document's data, where only its story key is needed.
StoryPage collapsed_page(Xapian::Enquire& enquire, std::size_t offset, std::size_t limit,
                         Xapian::doccount check_at_least, bool remote = false);

}  // namespace dateline
