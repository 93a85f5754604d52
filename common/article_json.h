// Article <-> JSON, the one mapping used by `dateline-index --dry-run --json`, the document data
// the index stores, and the search results. Keys are the schema's JSON names; dates are ISO 8601
// UTC strings ("2025-02-14T06:23:00Z") or null when the source gave none.
#pragma once

#include <nlohmann/json.hpp>

#include "article.h"

namespace dateline {

nlohmann::json to_json(const Article& a);

// The inverse of to_json; unknown keys are ignored, missing ones left empty.
Article article_from_json(const nlohmann::json& j);

}  // namespace dateline
