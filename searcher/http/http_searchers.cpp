#include "http_searchers.h"

#include <map>
#include <memory>

#include "index_error.h"

namespace dateline {
namespace {

// Keyed by index path rather than by SearcherPerThread so a thread never uses a Searcher left by
// an object that has gone away.
thread_local std::map<std::string, std::unique_ptr<Searcher>> searchers;

}  // namespace

Searcher* SearcherPerThread::acquire() {
    std::unique_ptr<Searcher>& slot = searchers[index_path_];
    if (!slot) {
        slot = std::make_unique<Searcher>(index_path_, aliases_);
        slot->use_cache(&cache_);
        slot->use_facet_columns(&facet_columns_);
    }
    return slot.get();
}

void SearcherPerThread::warm() {
    with([](Searcher& searcher) {
        SearchRequest every;  // no query and no filter: every article
        every.limit = 1;
        every.timeline = TimelineUnit::automatic;
        searcher.search(every);
    });
}

void SearcherPerThread::drop_if_unusable(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const IndexUnusable&) {
        searchers.erase(index_path_);
    } catch (const Xapian::DatabaseError&) {
        searchers.erase(index_path_);
    } catch (...) {
        // A bad query or a missing article says nothing about the index: keep the Searcher.
    }
}

}  // namespace dateline
