// Saved searches and "new since": a reporter saves a query once, and after each index run asks
// which stories matching it are new.
//
// THE FILE. Saved searches are kept beside the index, never inside its folder (scripts/nightly
// replaces that folder with a compacted copy each night): for the index INDEX, the file
// INDEX.saved.json, or any file given with --saved-file. It is one JSON object:
//
//   {"format_version": 1,
//    "saved": [{"name": "hegseth",                          letters, digits, '.', '_', '-'
//               "query": "person:\"Pete Hegseth\" org:nato", Dateline query syntax
//               "created": "2026-12-02T02:46:52Z",           when it was saved
//               "checked": "20261202024652123456"}]}         added stamp it was last checked through
//
// It is written whole to a temporary file beside it, then renamed over it, so a reader sees the
// old list or the new one, never half of one. A program that changes it first takes the lock of
// FILE.lock (SavedSearchesLock), so that two changes at once are made one after the other and
// neither is lost. Nothing else is ever written or removed.
//
// WHAT IS NEW. Every story the index writer writes carries the added stamp of its run
// (common/added_stamp.h): a time that only grows. A story is new for a saved search when it
// matches the query and its stamp is after the search's "checked" stamp: it was added, or
// revised (its text or fields changed), since the last check. An unchanged story keeps its
// stamp, so an index run that changes nothing makes nothing new. A check stops at the stamp
// through which the index is complete (Searcher::added_through) and records it, so a run
// committing while the check reads is seen whole by the next check. Compaction keeps the
// stamps; after a rollback (scripts/nightly --rollback) the stories of the rolled-back run are
// gone from the index, and when a later run adds them back they are new again.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "search_request.h"
#include "searcher.h"

namespace dateline {

struct SavedSearch {
    std::string name;
    std::string query;
    std::string created;  // ISO 8601 UTC
    std::string checked;  // the added stamp it was last checked through; "" before any story
};

// INDEX.saved.json beside the index folder (a trailing '/' of `index_path` left out).
std::string saved_searches_file(const std::string& index_path);

// Throws std::invalid_argument unless `name` is 1 to 64 letters, digits, '.', '_' or '-' (it
// appears in feed addresses and file listings as it is).
void check_saved_name(const std::string& name);

// The saved searches of one file, read when made (a missing file holds none) and written by
// save(). Throws std::runtime_error for a file that cannot be read or is not this format.
class SavedSearches {
public:
    explicit SavedSearches(std::string file);

    const std::string& file() const { return file_; }
    const std::vector<SavedSearch>& all() const { return searches_; }
    // nullptr when there is none of that name.
    const SavedSearch* find(const std::string& name) const;

    // Adds a search, or replaces the one of the same name.
    void put(SavedSearch search);
    // False when there was none of that name.
    bool remove(const std::string& name);
    void set_checked(const std::string& name, const std::string& stamp);

    // Writes the file (temporary file, then rename); throws std::runtime_error.
    void save() const;

private:
    std::string file_;
    std::vector<SavedSearch> searches_;
};

// The write lock of a saved-search file: an exclusive lock (flock) on FILE.lock, made beside it
// when missing and never removed (it holds nothing; the lock is on the open file). Held from
// before the file is read until after it is saved, so a change made by another program meanwhile
// is read, not overwritten. Waits while another program holds it. Readers need none. Where the
// lock file cannot be made (a read-only folder, or none), nothing is locked: nothing can be
// saved there either, and save() says why. Throws std::runtime_error on other errors.
class SavedSearchesLock {
public:
    explicit SavedSearchesLock(const std::string& file);
    ~SavedSearchesLock();
    SavedSearchesLock(const SavedSearchesLock&) = delete;
    SavedSearchesLock& operator=(const SavedSearchesLock&) = delete;

private:
    int fd_ = -1;
};

// A saved search's matches added after its last check and up to `through`, the stories added
// last first.
SearchRequest new_matches_request(const SavedSearch& search, const std::string& through, std::size_t limit);

// What checking a saved search found: the new matches (response.total counts them all, the
// results are the `limit` added last), and the stamp to record as checked.
struct SavedCheck {
    SearchResponse response;
    std::string through;
};
SavedCheck check_saved(Searcher& searcher, const SavedSearch& search, std::size_t limit);

}  // namespace dateline
