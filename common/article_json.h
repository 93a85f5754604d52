// Article <-> JSON, the one mapping used by `dateline-index --dry-run --json`, the document data
// the index stores, /api/article and each result of a search. Its keys are the JSON names of the
// schema's rows that have an Article member, so a new row is a new key. Dates are ISO 8601 UTC
// strings ("2025-02-14T06:23:00Z"), or null when the source gave none. An absent string is "" and
// an absent list is [].
#pragma once

#include <nlohmann/json.hpp>

#include "article.h"
#include "schema.h"

namespace dateline {

nlohmann::json to_json(const Article& a);
// Only the fields that have `flag` (schema::kResult: the fields of a search result).
nlohmann::json to_json(const Article& a, schema::Flag flag);

// The inverse of to_json; unknown keys are ignored, missing ones left empty.
Article article_from_json(const nlohmann::json& j);

}  // namespace dateline
