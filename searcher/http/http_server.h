// The HTTP service of dateline-search --serve: the JSON API and the search page, on the same
// search core as the terminal. See README.md for the API.
#pragma once

#include "search_options.h"

namespace dateline {

// Serves until SIGINT/SIGTERM; returns the process exit code (0 after a clean stop, 2 when the
// address cannot be bound, 3 when the index cannot be used).
int serve_http(const SearchCommand& command);

}  // namespace dateline
