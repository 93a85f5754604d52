// The JSON API of `dateline-search --serve`, apart from the HTTP plumbing so that it can be tested
// without a socket: each endpoint takes the request's query parameters and a Searcher and gives
// an HTTP status and a JSON body. README.md describes the API for its users.
//
//   GET /api/search   the same JSON as `dateline-search --json`, plus "histogram"
//   GET /api/article/ID   one article with all its fields and its text
//   GET /api/article/ID/like   the articles most like it (the parameters of /api/search narrow them)
//   GET /api/related  /api/search with the names that appear with the matches (related=10)
//   GET /api/suggest  completions for the search box
//   GET /api/fields   the fields a search can filter on, with their facets
//   GET /api/schema   every field: names, labels, facet, what it takes part in (the page is built from it)
//   GET /healthz      the index, its article count, its last commit and its dates
//   GET /api/saved, /api/saved/NAME/feed, /api/feed   saved searches and Atom feeds: http_saved.h
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "searcher.h"
#include "search_request.h"

namespace dateline {

// Decoded query parameters; a name may repeat (person=A&person=B).
using QueryParams = std::multimap<std::string, std::string>;

// Decodes a URL's query string as browsers write it (application/x-www-form-urlencoded): '+' is
// a space, %XX a byte. Throws std::invalid_argument for a broken escape or a NUL byte.
QueryParams parse_query_string(std::string_view query);

struct ApiReply {
    int status = 200;
    nlohmann::json body;
};

// Bounds that keep one request from costing the server much: a page of results, how deep paging
// may go (deep pages cost as much as all pages before them), and values per facet.
inline constexpr std::size_t kMaxLimit = 100;
inline constexpr std::size_t kMaxOffset = 10000;
inline constexpr std::size_t kMaxFacetLimit = 1000;
inline constexpr std::size_t kMaxSuggestions = 50;
// Names per kind in the related lists (related=N); /api/related asks for kDefaultRelated.
inline constexpr std::size_t kMaxRelated = 100;
inline constexpr std::size_t kDefaultRelated = 10;
// Matching stops after this long; the answer then says its counts are estimates.
inline constexpr double kSearchTimeLimitMs = 2000;

// The SearchRequest for /api/search, built as the command line builds it: q, repeated
// person/org/place/source filters (all must hold), any_person=... (one of a field's values must
// hold), not_person=... (none may), since/until (YYYY, YYYY-MM or YYYY-MM-DD), added_after (an
// added stamp or a prefix of one), sort, limit (1..100), offset (0..10000), facets, facet_limit,
// timeline (auto, day, week, month or year: timeline.h), related (0..100: names that appear with
// the matches, per kind); histogram on. Unknown or repeated
// parameters, bad numbers or dates, and a request with nothing to search for throw
// std::invalid_argument with a message naming the parameter.
SearchRequest search_request_from_params(const QueryParams& params);

ApiReply search_reply(Searcher& searcher, const QueryParams& params);  // with kSearchTimeLimitMs
ApiReply article_reply(Searcher& searcher, const std::string& id);   // 404 when there is none
// GET /api/article/ID/like: /api/search with like=ID and the same other parameters; 404 when no
// article has that id.
ApiReply like_reply(Searcher& searcher, const std::string& id, const QueryParams& params);
// GET /api/related: /api/search with related=10 unless the parameters give another number.
ApiReply related_reply(Searcher& searcher, const QueryParams& params);
ApiReply suggest_reply(Searcher& searcher, const QueryParams& params);  // prefix=, limit= (1..50), field=
ApiReply health_reply(Searcher& searcher);
// The filter fields (from the schema): [{"name": "person", "facet": "people", "help": ...}].
nlohmann::json fields_json();
// GET /api/schema: the schema's rows as the page needs them, and the schema version.
nlohmann::json schema_json();

// The error reply (error_json) for an exception: QueryError -> 400 with the position,
// std::invalid_argument -> 400, IndexUnusable or a Xapian database error -> 503, anything else
// -> 500. Never throws.
ApiReply error_reply(std::exception_ptr error);

// Calls `reply` and turns anything it throws into its error_reply.
template <typename Reply>
ApiReply guarded(Reply&& reply) {
    try {
        return reply();
    } catch (...) {
        return error_reply(std::current_exception());
    }
}

}  // namespace dateline
