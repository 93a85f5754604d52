// dateline-search's saved searches (searcher/saved_searches.h): --save NAME QUERY...,
// --unsave NAME, and --saved [NAME...] which lists each saved search's new matches since its
// last check and then marks them seen (with --peek, only looks), as text or --json.
#pragma once

#include <ostream>

#include "search_options.h"

namespace dateline {

// True when the command line asks for one of the above.
bool wants_saved_command(const SearchCommand& command);

// Runs it; returns the exit status: 0 done (with --saved: some search has new matches), 1 with
// --saved: nothing new, 2 a usage error (an unknown name, a query that does not parse), 3 the
// index or the file cannot be used. Throws IndexUnusable, Xapian::Error.
int run_saved_command(const SearchCommand& command, std::ostream& out, std::ostream& err);

}  // namespace dateline
