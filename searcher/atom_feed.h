// An Atom 1.0 feed (RFC 4287) of a search's results, for feed readers following a saved search
// (GET /api/saved/NAME/feed) or any query (GET /api/feed?q=...).
//
// Each result is an entry: its id is urn:dateline:article:ID (ID percent-encoded), the same
// whatever server or address serves it, so a reader shows a story once; "updated" is when the
// story was added to the index or last revised (its added stamp), "published" its publication
// date when it has one; the link opens the article on the search page (BASE/?article=ID); the
// summary is the highlighted passage, as HTML. The feed's own "updated" is its newest entry's.
#pragma once

#include <string>
#include <string_view>

#include "search_request.h"

namespace dateline {

struct FeedInfo {
    std::string title;
    std::string subtitle;   // the query, say; "" for none
    std::string id;         // a URI that names this feed for good
    std::string self;       // the feed's own address
    std::string base;       // the search page's address without a trailing '/': "http://host:port"
    std::string alternate;  // the page of the same search, "" for none
    std::string fallback_updated;  // ISO 8601, for a feed without entries
};

std::string atom_feed(const FeedInfo& info, const SearchResponse& response);

// `text` with every byte but letters, digits and "-._~" as %XX: a safe part of a URI.
std::string percent_encode(std::string_view text);

}  // namespace dateline
