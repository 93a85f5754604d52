// Copies of one story at query time: the list under a result of the other articles that ran it.
//
// The index writer gives every copy of one story the same key, in value slot
// schema::kSlotStory and as the term XSTORY:<key> (indexer/copy_finder.h). The search collapses
// the matches on the slot (Xapian's collapse key, one article per story: the best ranked); then
// each result's copies are the other documents of its XSTORY term, one posting list look-up, and
// their document data read for where and when each ran.
//
// Facets count articles, copies included: Xapian's match spies see every matching document
// before collapsing (checked by tests/searcher/test_copies.cpp), so "Reuters 12" under sources
// says how many articles Reuters ran. The total counts stories; total_articles counts articles.
// Xapian's own collapsed estimates are not exact even when every match is checked (a story
// whose best copy left the page early is not counted), so a StoryCounter counts both.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

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
    void operator()(const Xapian::Document& doc, double weight) override;
    std::size_t articles() const { return articles_; }
    std::size_t stories() const { return keys_.size() + unkeyed_; }

private:
    // Keys as 64-bit numbers (the 16 hex digits they are), so counting allocates no strings.
    std::unordered_set<std::uint64_t> keys_;
    std::size_t articles_ = 0;
    std::size_t unkeyed_ = 0;
};

}  // namespace dateline
