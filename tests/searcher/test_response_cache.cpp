// ResponseCache (searcher/response_cache.h): hits and misses, least recently used first out,
// a key that changes with every field of the request and with the index revision, and a cache
// shared by threads.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "dates.h"
#include "response_cache.h"

using namespace dateline;

namespace {

SearchResponse answer(const std::string& query, std::size_t total) {
    SearchResponse r;
    r.query = query;
    r.total = total;
    return r;
}

SearchRequest ferry_request() {
    SearchRequest r;
    r.query = "ferry strike";
    r.filters = {{"place", "Kiel"}};
    return r;
}

}  // namespace

TEST_CASE("a stored response is found again by its key, and a missing key finds nothing") {
    ResponseCache cache(4);
    CHECK(!cache.find("a").has_value());
    cache.store("a", answer("ferry", 12));
    auto hit = cache.find("a");
    REQUIRE(hit.has_value());
    CHECK(hit->query == "ferry");
    CHECK(hit->total == 12);
    CHECK(!cache.find("b").has_value());
    // Storing under a key already there replaces its response.
    cache.store("a", answer("ferry", 13));
    CHECK(cache.find("a")->total == 13);
}

TEST_CASE("the least recently used entry goes first") {
    ResponseCache cache(2);
    cache.store("a", answer("a", 1));
    cache.store("b", answer("b", 2));
    CHECK(cache.find("a").has_value());  // a is now the most recently used
    cache.store("c", answer("c", 3));    // so b goes
    CHECK(cache.find("a").has_value());
    CHECK(!cache.find("b").has_value());
    CHECK(cache.find("c").has_value());
    // Storing again counts as a use too.
    cache.store("a", answer("a", 4));
    cache.store("d", answer("d", 5));
    CHECK(cache.find("a").has_value());
    CHECK(!cache.find("c").has_value());
}

TEST_CASE("a cache of capacity zero keeps nothing") {
    ResponseCache cache(0);
    cache.store("a", answer("a", 1));
    CHECK(!cache.find("a").has_value());
}

TEST_CASE("the key changes with the index revision and with every field of the request") {
    const SearchRequest base = ferry_request();
    const std::string base_key = ResponseCache::key(base, "rev-41");
    CHECK(ResponseCache::key(base, "rev-41") == base_key);
    CHECK(ResponseCache::key(base, "rev-42") != base_key);

    std::vector<std::pair<const char*, std::function<void(SearchRequest&)>>> changes = {
        {"query", [](SearchRequest& r) { r.query = "ferry strikes"; }},
        {"filters", [](SearchRequest& r) { r.filters = {{"place", "Kiel"}, {"person", "Ada Quinn"}}; }},
        {"any_filters", [](SearchRequest& r) { r.any_filters = {{"place", "Kiel"}}; }},
        {"exclude", [](SearchRequest& r) { r.exclude = {{"place", "Kiel"}}; }},
        {"since", [](SearchRequest& r) { r.since = dates::parse("2024-03-01"); }},
        {"until", [](SearchRequest& r) { r.until = dates::parse("2024-03-01"); }},
        {"sort", [](SearchRequest& r) { r.sort = SortOrder::newest; }},
        {"limit", [](SearchRequest& r) { r.limit = 20; }},
        {"offset", [](SearchRequest& r) { r.offset = 10; }},
        {"facets", [](SearchRequest& r) { r.facets = {"people"}; }},
        {"facet_limit", [](SearchRequest& r) { r.facet_limit = 5; }},
        {"histogram", [](SearchRequest& r) { r.histogram = true; }},
        {"timeline", [](SearchRequest& r) { r.timeline = TimelineUnit::week; }},
        {"snippet_chars", [](SearchRequest& r) { r.snippet_chars = 100; }},
        {"time_limit_ms", [](SearchRequest& r) { r.time_limit_ms = 500; }},
    };
    std::set<std::string> keys{base_key};
    for (auto& [field, change] : changes) {
        CAPTURE(field);
        SearchRequest r = base;
        change(r);
        std::string k = ResponseCache::key(r, "rev-41");
        CHECK(k != base_key);
        keys.insert(k);
    }
    CHECK(keys.size() == changes.size() + 1);  // and all differ from each other
}

TEST_CASE("the key is unambiguous whatever the strings hold") {
    // The same filter as a filter, an alternative or an exclusion means three things.
    SearchRequest as_filter, as_any, as_exclude;
    as_filter.filters = {{"person", "Ada Quinn"}};
    as_any.any_filters = as_filter.filters;
    as_exclude.exclude = as_filter.filters;
    CHECK(ResponseCache::key(as_filter, "r") != ResponseCache::key(as_any, "r"));
    CHECK(ResponseCache::key(as_any, "r") != ResponseCache::key(as_exclude, "r"));
    // Separators inside values cannot make two requests collide.
    SearchRequest split1, split2;
    split1.filters = {{"person", "a|1:b"}};
    split2.filters = {{"person|1:a", "b"}};
    CHECK(ResponseCache::key(split1, "r") != ResponseCache::key(split2, "r"));
    SearchRequest q1, q2;
    q1.query = "ferry";
    q1.facets = {"people"};
    q2.query = "ferry|6:people";
    q2.facets = {};
    CHECK(ResponseCache::key(q1, "r") != ResponseCache::key(q2, "r"));
}

TEST_CASE("one cache serves many threads") {
    ResponseCache cache(64);
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, &wrong, t] {
            for (int i = 0; i < 2000; ++i) {
                std::string key = std::to_string((t * 7 + i) % 100);
                cache.store(key, answer(key, static_cast<std::size_t>(i)));
                if (auto hit = cache.find(key); hit && hit->query != key) ++wrong;
            }
        });
    }
    for (std::thread& th : threads) th.join();
    CHECK(wrong == 0);
    std::size_t kept = 0;
    for (int k = 0; k < 100; ++k) kept += cache.find(std::to_string(k)).has_value() ? 1 : 0;
    CHECK(kept == 64);
}
