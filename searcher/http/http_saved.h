// The saved searches over HTTP (searcher/saved_searches.h), read-only: the server lists them
// and serves their feeds, and never marks anything checked (only dateline-search --saved does).
//
//   GET /api/saved              [{name, query, created, checked, new: N, feed: "/api/saved/NAME/feed"}]
//   GET /api/saved/NAME/feed    Atom 1.0 feed of the search's latest matches by added time
//   GET /api/feed?q=...         the same for any search (the parameters of /api/search)
#pragma once

#include <string>

#include "http_api.h"
#include "searcher.h"

namespace dateline {

// Entries of a feed: the stories added last.
inline constexpr std::size_t kFeedEntries = 50;

ApiReply saved_list_reply(Searcher& searcher, const std::string& saved_file);

// A feed, or the error reply (a JSON body) for an unknown name or a bad parameter.
struct FeedReply {
    int status = 200;
    std::string body;
    std::string content_type = "application/atom+xml; charset=utf-8";
};

// `base`: the server's own address as the client named it ("http://127.0.0.1:8080"), for the
// feed's links. 404 when there is no saved search called `name`.
FeedReply saved_feed_reply(Searcher& searcher, const std::string& saved_file, const std::string& name, const std::string& base);
FeedReply query_feed_reply(Searcher& searcher, const QueryParams& params, const std::string& base);

// "http://" + the Host header when it is a plain host[:port], else "http://localhost".
std::string base_url(const std::string& host_header);

}  // namespace dateline
