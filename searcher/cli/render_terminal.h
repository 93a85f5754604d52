// The terminal form of a search response: for each result its rank, date, source, headline and
// a snippet with the matched words highlighted; then the facets; then the timeline when asked (render_timeline.h); then "N results in X ms".
// Colour (ANSI) only when asked, which the CLI does when stdout is a terminal and NO_COLOR is
// unset; without colour, matches are marked with *asterisks*.
#pragma once

#include <ostream>

#include "search_request.h"

namespace dateline {

void render_terminal(const SearchResponse& response, const SearchRequest& request, std::ostream& out, bool colour);

}  // namespace dateline
