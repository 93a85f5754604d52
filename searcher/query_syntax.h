// Reads a query as the user typed it, before Xapian sees it: checks its syntax, says whether it
// is plain words, and prepares the text the QueryParser gets.
//
// Xapian's QueryParser never rejects a query: on a syntax error it silently parses it again
// without operators, so "(nato" or "ukraine AND" would search for something else than the user
// typed. Dateline instead tells the user what is wrong and where: unbalanced quotes or brackets,
// an operator with nothing on one side, NEAR/ without a number, a field prefix with nothing after
// it or a field that does not exist, a date range it cannot read or that ends before it starts,
// a query too long to be one.
//
// People type punctuation too: a dash between spaces ("wheat - usda") is punctuation, a
// lower-case dotted acronym ("u.s.") is the acronym ("U.S.", which Xapian indexes as "us"), an
// ellipsis is not a range, and a query written all in capitals of six words or more (a pasted
// wire headline, "RATES AND PRICES FALL IN JAPAN") holds words, not operators. In a query of
// four words or more without operators a word glued to a dash ("-report") is a word, a bracket
// or quote that pairs with nothing is punctuation and an unknown field ("cd:uk") a word; "--usda"
// and ")-crazy" are dashes in any query. Functions here are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// Throws QueryError (search_request.h) when the query is malformed; the position is a byte
// offset in `query` as typed.
void check_query_syntax(std::string_view query);

// True when a well-formed query is only words (brackets allowed): no operator, quote, +word,
// -word or field. Only such a query may be answered with partial matches.
bool is_plain_query(std::string_view query);

// The text to give Xapian's QueryParser for a well-formed query: valid UTF-8 without control
// characters, lone dashes dropped, dotted acronyms in capitals, date:X read as the period X
// (date:X..X), operator words of an all-capitals query lower-cased, and a query of exclusions
// only ("-oil") made "NOT oil", all articles without the word.
std::string prepare_query(std::string_view query);

inline constexpr std::size_t kMaxQueryBytes = 4096;

}  // namespace dateline
