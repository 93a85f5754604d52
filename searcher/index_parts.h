// IndexParts: handles on one index for the threads that search it in parts (part_search.h).
//
// A Xapian handle is never used by two threads at once, so each part gets a handle of its own,
// opened on the index's folder and kept between searches. All must read the searcher's
// revision, or the parts would not add up to the index: a handle behind is reopened, and when
// that does not bring it to the searcher's revision (a commit came in between), handles() gives
// none and the search runs on one thread, as before.
//
// Not thread-safe: each Searcher has its own.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

namespace dateline {

class IndexParts {
public:
    // `count` handles of their own on `path`, the folder `db` (one local database) was opened
    // from, at db's revision; empty when they cannot be had now or `count` < 2.
    std::vector<Xapian::Database> handles(const Xapian::Database& db, const std::string& path, std::size_t count);

private:
    std::string path_;
    std::vector<Xapian::Database> handles_;
};

}  // namespace dateline
