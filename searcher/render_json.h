// The JSON form of a search response, the same for `dateline-search --json` and the HTTP API.
//
//   {"format_version":1, "query":…, "total":N, "total_exact":true, "took_ms":…,
//    "results":[{the article JSON of the schema's kResult fields: "id","title","date","source",
//                "url","path","people":[…],"organizations":[…],"places":[…],"kind",
//                "subjects":[…],"keywords":[…],"authors":[…]; and "title_html","snippet","score"}],
//    "facets":{"people":[{"value":…,"count":N}], …},
//    "histogram":{"unit":"month","buckets":[{"value":"2025-02","count":N}]}   (when asked)
//    "timeline":{"unit":"week","periods":[{"period":"2025-W07","from":"2025-02-10","to":"2025-02-16",
//                "count":N,"all":N,"share":0.0123 or null for a gap}]}   (when asked)}
//
// format_version changes only when a key changes meaning or goes away; new keys may appear.
#pragma once

#include <nlohmann/json.hpp>

#include "search_request.h"

namespace dateline {

inline constexpr int kJsonFormatVersion = 1;

nlohmann::json response_json(const SearchResponse& response);

// {"error": {"message": …, "position": N}} for a query error; position omitted when unknown.
nlohmann::json error_json(const std::string& message, std::optional<std::size_t> position = std::nullopt);

}  // namespace dateline
