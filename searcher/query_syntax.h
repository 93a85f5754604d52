// Checks a query's syntax before Xapian sees it.
//
// Xapian's QueryParser never rejects a query: on a syntax error it silently parses it again
// without operators, so "(nato" or "ukraine AND" would search for something else than the user
// typed. Dateline instead tells the user what is wrong and where: unbalanced quotes or brackets,
// an operator with nothing on one side, a field prefix with nothing after it, a date range it
// cannot read, a query too long to be one.
#pragma once

#include <string_view>

namespace dateline {

// Throws QueryError (search_request.h) when the query is malformed.
void check_query_syntax(std::string_view query);

inline constexpr std::size_t kMaxQueryBytes = 4096;

}  // namespace dateline
