// The search core's request and response: one model for the terminal, JSON and HTTP.
//
// A SearchRequest says what to find (a query in Dateline's syntax plus exact filters and a date
// range), how to order and page it, and which facets to count. A SearchResponse holds the page of
// results, the exact total, and the facet counts over every matching article; it says whether
// the results hold every word of a plain query or are its best partial matches, and whether the
// time limit cut the match short.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "article.h"
#include "schema.h"
#include "timeline.h"

namespace dateline {

// added: the stories added to the index last first (common/added_stamp.h), for feeds.
enum class SortOrder { relevance, newest, oldest, added };

// The facets counted when none are asked for: the schema's kDefaultFacet rows ("people", ...).
std::vector<std::string> default_facets();

struct SearchRequest {
    std::string query;  // Dateline query syntax; may be empty when filters are given
    // More like this: the articles most like the one with this id (similar.h), ranked by
    // likeness; the query, filters and dates then narrow them. An id no article has finds nothing.
    std::string like;
    // Exact filters: (field name, value), e.g. ("person", "Pete Hegseth"). Several filters on the
    // same field must all hold (an article naming both people).
    std::vector<std::pair<std::string, std::string>> filters;
    // Alternatives: the values given here for one field are ORed (an article naming either
    // person); each field given here must then hold, as must `filters`.
    std::vector<std::pair<std::string, std::string>> any_filters;
    // Exclusions: an article holding any of these values does not match.
    std::vector<std::pair<std::string, std::string>> exclude;
    std::optional<UtcTime> since;  // inclusive
    std::optional<UtcTime> until;  // inclusive
    // New since: only stories added (or revised) after this added stamp, or a prefix of one
    // such as "20261202" (common/added_stamp.h); "" for no bound. Exclusive.
    std::string added_after;
    // ... and added at or before this stamp (inclusive; "" for no bound): saved searches stop at
    // what the index held complete when they were checked (saved_searches.h).
    std::string added_through;
    SortOrder sort = SortOrder::relevance;
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::vector<std::string> facets = default_facets();
    std::size_t facet_limit = 10;
    bool histogram = false;        // count matches per year, month or day (the web page's timeline)
    // Matches and all articles per period, and their share (timeline.h); none: no timeline.
    TimelineUnit timeline = TimelineUnit::none;
    std::size_t snippet_chars = 240;
    // Stop matching after this long (0: no limit): the results are then the best found in time,
    // totals and facet counts are estimates (approximate true, total_exact false). The server
    // sets it so one costly query cannot hold a worker for long.
    double time_limit_ms = 0;
    // Who appears with whom (related.h): the N people, organizations and places most associated
    // with the matching articles, per kind; 0 asks for none.
    std::size_t related = 0;
    // Copies of one story (the same text run again, edited a little) are one result, with the
    // others listed under it (SearchResult::copies). False: every article is a result.
    bool collapse = true;
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

struct Facet {
    std::string name;              // "people", "years", ...
    std::vector<FacetValue> values;  // most frequent first, ties by value
};

// Another article of the same story as a result: where and when it ran.
struct StoryCopy {
    std::string id, title, source, url;
    std::optional<UtcTime> published;
};

struct SearchResult {
    Article article;               // everything but the body, which stays in the index
    double score = 0;
    std::string snippet;           // HTML-escaped text with matches in <b>...</b>
    std::string title_html;        // the headline, HTML-escaped, matches in <b>...</b>
    std::string added;             // when the story was added or last revised: an added stamp
    // The story's other articles in the index (whether or not they match), oldest first, at most
    // kMaxListedCopies of them (searcher/copies.h); copy_count counts them all.
    std::vector<StoryCopy> copies;
    std::size_t copy_count = 0;
};

struct Histogram {
    std::string unit;              // "year", "month" or "day"
    std::vector<FacetValue> buckets;  // "1987", "1987-02" or "1987-02-26", in date order
};

// A person, organization or place named in the matching articles more than chance would have it
// (related.h): `count` matching articles name it, `all` articles of the whole index do, and
// `score` is the strength of the association (log-likelihood G²).
struct RelatedValue {
    std::string value;
    std::size_t count = 0;
    std::size_t all = 0;
    double score = 0;
};

struct Related {
    std::string name;    // the facet name of the kind: "people", "organizations", "places"
    std::string field;   // its field (filter) name: "person", "org", "place"
    std::vector<RelatedValue> values;  // strongest association first
};

// "Did you mean": the query as the user would type it next, and each word it changes.
struct SpellingSuggestion {
    std::string query;
    std::vector<std::pair<std::string, std::string>> corrections;  // (typed, suggested)
};

// What the results of a query hold: every word of it (all; also every query with operators,
// quotes, +word or fields, whose meaning is exact), or, for a plain query of several words that
// no article or too few articles hold in full, the best partial matches (some).
enum class Matched { all, some };

struct SearchResponse {
    std::string query;
    std::size_t total = 0;
    bool total_exact = true;
    // The articles matched, copies included: with collapsing, total counts stories.
    std::size_t total_articles = 0;
    bool approximate = false;      // the time limit stopped the match before it was complete
    Matched matched = Matched::all;
    std::size_t query_words = 0;   // words of a plain query that count (stopwords left out); 0 otherwise
    std::size_t total_all_words = 0;  // with Matched::some: the articles that hold every word
    double took_ms = 0;
    std::vector<SearchResult> results;
    std::vector<Facet> facets;
    std::optional<Histogram> histogram;
    std::optional<Timeline> timeline;  // when the request asks for one
    std::optional<SpellingSuggestion> suggestion;  // when a query word is not in the index
    std::vector<Related> related;  // with SearchRequest::related: one list per kind of entity
    // The shards that could not be searched (their stub lines, shard_list.h): the answer
    // counts the others only. Empty when every shard answered.
    std::vector<std::string> missing_shards;
};

// A query the user must fix: the message says what is wrong, `position` is the 0-based byte
// offset in the query where the problem is (or the query's length when it is at the end).
class QueryError : public std::runtime_error {
public:
    QueryError(const std::string& what, std::size_t position) : std::runtime_error(what), position_(position) {}
    std::size_t position() const { return position_; }

private:
    std::size_t position_;
};

// The exact filters (--person, --org, ... on the command line; person=, any_person=, not_person=
// over HTTP): the schema's kFilter rows, in table order. The command line and the HTTP API take
// the same.
std::vector<const schema::Field*> filter_fields();

// True when the request asks for something: words, a filter (an exclusion alone is not one), a
// date bound or an article to find others like. Both front ends refuse a request without.
bool searches_something(const SearchRequest& request);

// Parses "relevance" | "newest" | "oldest"; throws std::invalid_argument.
SortOrder parse_sort(const std::string& name);

// Parses a comma-separated facet list ("people,years"); "none" or "" gives no facets.
std::vector<std::string> parse_facets(const std::string& list);

}  // namespace dateline
