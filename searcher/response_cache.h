// ResponseCache: recent search responses, for a server that answers the same searches again and
// again (a front page's widgets, a newsroom's standing queries).
//
// An entry is keyed by everything in the request and by the index revision it was computed on,
// so a commit makes every older entry unreachable: a cached answer is never staler than a fresh
// search would be. Least recently used entries go first. Thread-safe: one cache serves all the
// server's worker threads.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "search_request.h"

namespace dateline {

class ResponseCache {
public:
    explicit ResponseCache(std::size_t capacity) : capacity_(capacity) {}

    std::optional<SearchResponse> find(const std::string& key);
    void store(const std::string& key, const SearchResponse& response);

    // The key of a request on an index revision: every field of the request, unambiguously.
    static std::string key(const SearchRequest& request, const std::string& index_revision);

private:
    using Entry = std::pair<std::string, SearchResponse>;
    std::size_t capacity_;
    std::mutex mutex_;
    std::list<Entry> entries_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

}  // namespace dateline
