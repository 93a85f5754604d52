// Copies of one story: the index writer's decision of which story a new article belongs to.
//
// The document builder gives each article the MinHash band keys of its body as XMINHASH terms
// (common/minhash.h). Before the writer writes an article, story_key looks those terms up in the
// database being written (a WritableDatabase sees its own uncommitted documents, so copies in
// one batch find each other): the articles sharing a band are the candidates, at most
// kMaxCandidates of them, most bands shared first. Each candidate's body (from its document
// data) is shingled again and compared exactly; the most alike whose overlap makes it a copy
// (minhash::copy_likeness: the same text, or one wholly inside the other), published within kCopyWindow of the article (either may be undated),
// gives its story key. Otherwise the article starts a story of its own,
// keyed by a hash of its id term. Copies are thus grouped by the first copy written, and the
// grouping is single-link: a copy of a copy joins the story even when it shares less with the
// first one.
//
// The writer calls it for every article it writes (set_story). An article already in the
// index (the same id) never counts as its own copy. While the writer's database began the run
// empty, the band postings come from a BandMemo in memory, not from Xapian. A first build on several cores writes
// shards that cannot see each other: link_shard_copies joins their stories after the merge.
//
// Not thread-safe: the writer thread alone calls it.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <string>

#include "band_memo.h"

namespace dateline {

inline constexpr std::size_t kMaxCandidates = 8;
// A band key many articles share is set wording (a footer, a formula), not a copy: of each band
// only the first kMaxBandPostings articles are read, and of the candidates only the first
// kMaxDateChecks (most bands shared first) are looked at. Without the bounds, 6,000 articles
// drawn from a 16-word vocabulary (tests/indexer/test_incremental.cpp) made each article compare
// with thousands. The earliest runs of a story come first in a band, so a story run by a
// hundred outlets still finds its first.
inline constexpr Xapian::doccount kMaxBandPostings = 64;
inline constexpr std::size_t kMaxDateChecks = 32;
// Copies run within a day of each other. Wire services send the same formula every day with new
// figures ("FED ADDS RESERVES VIA CUSTOMER REPURCHASES", 12 times in Reuters-21578, a day or
// more apart, three quarters of their shingles shared): those are different stories.
inline constexpr std::chrono::hours kCopyWindow{20};

// The story key for `doc` (with its XMINHASH terms and its data), about to be written under
// `id_term`, given the documents `db` holds now (with `before`, only those with smaller ids).
// `own`: the document `db` holds under `id_term` now (0: none), which is not a copy of it.
// The band postings are read from `memo` when given (band_memo.h: it must hold what `db`'s
// would give), else from `db`.
std::string story_key(const Xapian::Database& db, const BandMemo* memo, const Xapian::Document& doc,
                      const std::string& id_term, Xapian::docid own, Xapian::docid before = 0);

// Puts the story key in slot schema::kSlotStory and as the term XSTORY:<key>, replacing any.
void set_story(Xapian::Document& doc, const std::string& key);

// The key of an article that is a copy of nothing: a hash of its id term.
std::string own_story_key(const std::string& id_term);

// After a first build's shards are merged (documents of shard 0 first, then 1...): each story
// that began in a later shard (from document `first` on) looks for a copy among the documents
// before it, and if it finds one, every article of the story takes that copy's key. Returns
// the articles rekeyed; commits when there are any, and every few thousand (bounded memory).
std::size_t link_shard_copies(Xapian::WritableDatabase& db, Xapian::docid first);

}  // namespace dateline
