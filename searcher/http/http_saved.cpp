#include "http_saved.h"

#include <algorithm>
#include <cctype>

#include "added_stamp.h"
#include "atom_feed.h"
#include "render_json.h"
#include "saved_searches.h"

namespace dateline {
namespace {

std::string feed_path(const std::string& name) { return "/api/saved/" + name + "/feed"; }

FeedReply feed_error(std::exception_ptr error) {
    ApiReply reply = error_reply(error);
    return {reply.status, reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8"};
}

// The stories added last that match `request`, as a feed.
std::string feed_of(Searcher& searcher, SearchRequest request, FeedInfo info) {
    request.sort = SortOrder::added;
    request.facets.clear();
    request.histogram = false;
    info.fallback_updated = added::to_iso8601(searcher.added_through());
    return atom_feed(info, searcher.search(request));
}

}  // namespace

std::string base_url(const std::string& host) {
    bool plain = !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    });
    return "http://" + (plain ? host : std::string("localhost"));
}

ApiReply saved_list_reply(Searcher& searcher, const std::string& saved_file) {
    SavedSearches saved(saved_file);
    std::string through = searcher.added_through();
    nlohmann::json list = nlohmann::json::array();
    for (const SavedSearch& s : saved.all()) {
        nlohmann::json entry{{"name", s.name},
                             {"query", s.query},
                             {"created", s.created},
                             {"checked", s.checked.empty() ? nlohmann::json(nullptr) : nlohmann::json(added::to_iso8601(s.checked))},
                             {"feed", feed_path(s.name)}};
        try {
            SearchRequest request = new_matches_request(s, through, 0);
            entry["new"] = searcher.search(request).total;
        } catch (const QueryError& e) {
            entry["new"] = nullptr;
            entry["error"] = e.what();
        }
        list.push_back(std::move(entry));
    }
    return {200, {{"saved", std::move(list)}}};
}

FeedReply saved_feed_reply(Searcher& searcher, const std::string& saved_file, const std::string& name, const std::string& base) {
    try {
        SavedSearches saved(saved_file);
        const SavedSearch* s = saved.find(name);
        if (!s) return {404, error_json("there is no saved search called '" + name + "' (see /api/saved)").dump(), "application/json; charset=utf-8"};
        SearchRequest request;
        request.query = s->query;
        request.limit = kFeedEntries;
        FeedInfo info;
        info.title = "Dateline: " + s->name;
        info.subtitle = s->query;
        info.id = "urn:dateline:saved:" + percent_encode(s->name);
        info.self = base + feed_path(s->name);
        info.base = base;
        info.alternate = base + "/?q=" + percent_encode(s->query);
        return {200, feed_of(searcher, request, info)};
    } catch (...) {
        return feed_error(std::current_exception());
    }
}

FeedReply query_feed_reply(Searcher& searcher, const QueryParams& params, const std::string& base) {
    try {
        SearchRequest request = search_request_from_params(params);
        if (params.find("limit") == params.end()) request.limit = kFeedEntries;
        std::string query_string;
        for (const auto& [key, value] : params) {
            query_string += (query_string.empty() ? "" : "&") + percent_encode(key) + "=" + percent_encode(value);
        }
        FeedInfo info;
        info.title = "Dateline: " + (request.query.empty() ? std::string("search") : request.query);
        info.id = "urn:dateline:feed:" + percent_encode(query_string);
        info.self = base + "/api/feed?" + query_string;
        info.base = base;
        info.alternate = base + "/?" + query_string;
        return {200, feed_of(searcher, request, info)};
    } catch (...) {
        return feed_error(std::current_exception());
    }
}

}  // namespace dateline
