// SearcherPerThread: a Searcher for each server worker thread, since a Searcher is not
// thread-safe and opening one per request would cost more than most searches.
//
// A thread's Searcher is opened on its first request. When opening fails or the index becomes
// unusable (IndexUnusable, or a Xapian database error), the thread drops its Searcher and opens a
// fresh one on its next request: a server started before the first index exists, or kept running
// while an index is rebuilt from scratch, starts answering as soon as the index is there. The
// Searcher itself reopens the index before every search, so new commits are seen without this.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "searcher.h"

namespace dateline {

class SearcherPerThread {
public:
    explicit SearcherPerThread(std::string index_path,
                               std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in())
        : index_path_(std::move(index_path)), aliases_(std::move(aliases)) {}

    // Recent responses, shared by every thread's Searcher; keyed by index revision, so a commit
    // is seen at once (response_cache.h).
    static constexpr std::size_t kCachedResponses = 2048;

    // Runs `use` with the calling thread's Searcher for this index, opening it if needed, and
    // passes on whatever `use` returns or throws (IndexUnusable when the index cannot be opened).
    template <typename Use>
    auto with(Use&& use) {
        Searcher* searcher = acquire();
        try {
            return use(*searcher);
        } catch (...) {
            drop_if_unusable(std::current_exception());
            throw;
        }
    }

    const std::string& index_path() const { return index_path_; }

    // Searches every article as the search page first does (default facets, a timeline, copies
    // collapsed), with the calling thread's Searcher: the columns such searches count from are
    // read now, for the index's current revision (http_warmer.h). Throws as with() does.
    void warm();

    // How many facet columns were read so far (tests check warming and reuse).
    std::size_t columns_read() const { return facet_columns_.reads(); }

private:
    Searcher* acquire();
    void drop_if_unusable(std::exception_ptr error);

    std::string index_path_;
    std::shared_ptr<const EntityAliases> aliases_;
    ResponseCache cache_{kCachedResponses};
    // The facet columns of the index, read once per revision and shared by every thread's
    // Searcher: exact facets over a million articles at an array lookup per match.
    FacetColumnCache facet_columns_;
};

}  // namespace dateline
