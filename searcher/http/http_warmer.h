// ColumnWarmer: reads the index's facet columns before the first search needs them.
//
// A server's facet columns (facet_columns.h) are read on first use for each revision of the
// index. Read by a search, they cost that search seconds on a big index (5 s at a million
// articles), and searches running meanwhile count from the documents, under the request's time
// limit: the first answers after a start or a nightly commit came back slow and approximate. The
// warmer runs a search of every article with the default facets and timeline on a thread of its
// own, at once and then every `interval`: repeated while the index is unchanged, that search is
// answered from the response cache; after a commit it reads the new revision's columns.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "http_searchers.h"

namespace dateline {

class ColumnWarmer {
public:
    static constexpr std::chrono::milliseconds kInterval{5000};

    // Starts warming `searchers`, which must outlive the warmer.
    explicit ColumnWarmer(SearcherPerThread& searchers, std::chrono::milliseconds interval = kInterval);
    // Stops the thread, waiting for a search it is running to finish.
    ~ColumnWarmer();
    ColumnWarmer(const ColumnWarmer&) = delete;
    ColumnWarmer& operator=(const ColumnWarmer&) = delete;

private:
    void run(std::chrono::milliseconds interval);

    SearcherPerThread& searchers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace dateline
