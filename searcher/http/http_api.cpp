#include "http_api.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "added_stamp.h"
#include "article_json.h"
#include "dates.h"
#include "entity_alias_query.h"
#include "index_error.h"
#include "render_json.h"
#include "schema.h"
#include "search_options.h"

namespace dateline {
namespace {

// The command line's filters (the schema's kFilter rows: --person, --org, ...), under the same
// names: NAME=V (must hold), any_NAME=V (one of these must hold) and not_NAME=V (must not).
bool is_filter_field(const schema::Field& f) { return f.has(schema::kFilter); }

constexpr std::string_view kAnyPrefix = "any_";
constexpr std::string_view kNotPrefix = "not_";

std::string_view field_of_param(std::string_view name) {
    if (name.substr(0, kAnyPrefix.size()) == kAnyPrefix) return name.substr(kAnyPrefix.size());
    if (name.substr(0, kNotPrefix.size()) == kNotPrefix) return name.substr(kNotPrefix.size());
    return name;
}

bool is_filter(const std::string& name) {
    const schema::Field* f = schema::find(field_of_param(name));
    return f && f->name == field_of_param(name) && is_filter_field(*f);
}

void check_names(const QueryParams& params, std::initializer_list<const char*> single, bool filters_allowed) {
    for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
        const std::string& name = it->first;
        if (filters_allowed && is_filter(name)) continue;
        if (std::find_if(single.begin(), single.end(), [&](const char* s) { return name == s; }) == single.end()) {
            throw std::invalid_argument("unknown parameter '" + name + "'");
        }
        if (params.count(name) > 1) throw std::invalid_argument("parameter '" + name + "' is given more than once");
    }
}

const std::string* single(const QueryParams& params, const std::string& name) {
    auto it = params.find(name);
    return it == params.end() ? nullptr : &it->second;
}

std::size_t number(const QueryParams& params, const std::string& name, std::size_t fallback, std::size_t low, std::size_t high) {
    const std::string* text = single(params, name);
    if (!text) return fallback;
    std::size_t value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (text->empty() || error != std::errc() || end != text->data() + text->size() || value < low || value > high) {
        throw std::invalid_argument(name + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                                    ", not '" + *text + "'");
    }
    return value;
}

std::optional<UtcTime> bound(const QueryParams& params, const std::string& name, bool end_of_period) {
    const std::string* text = single(params, name);
    if (!text || text->empty()) return std::nullopt;
    std::optional<UtcTime> t = dates::parse_bound(*text, end_of_period);
    if (!t) throw std::invalid_argument(name + ": cannot read the date '" + *text + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    return t;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string form_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
            int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
            if (low < 0) throw std::invalid_argument("the address has a broken %-escape");
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    if (out.find('\0') != std::string::npos) throw std::invalid_argument("the address holds a NUL byte");
    return out;
}

}  // namespace

QueryParams parse_query_string(std::string_view query) {
    QueryParams params;
    while (!query.empty()) {
        std::string_view pair = query.substr(0, query.find('&'));
        query.remove_prefix(std::min(query.size(), pair.size() + 1));
        if (pair.empty()) continue;
        std::size_t equals = pair.find('=');
        std::string name = form_decode(pair.substr(0, equals));
        std::string value = equals == std::string_view::npos ? "" : form_decode(pair.substr(equals + 1));
        params.emplace(std::move(name), std::move(value));
    }
    return params;
}

SearchRequest search_request_from_params(const QueryParams& params) {
    check_names(params, {"q", "like", "since", "until", "added_after", "sort", "limit", "offset", "facets", "facet_limit", "timeline", "related",
                         "collapse"},
                true);
    SearchRequest request;
    if (const std::string* q = single(params, "q")) request.query = *q;
    if (const std::string* like = single(params, "like")) request.like = *like;
    // In the schema's order of fields, as the command line adds them.
    for (const schema::Field& field : schema::fields()) {
        if (!is_filter_field(field)) continue;
        std::string name(field.name);
        for (auto [param, list] : {std::pair{name, &request.filters}, std::pair{std::string(kAnyPrefix) + name, &request.any_filters},
                                   std::pair{std::string(kNotPrefix) + name, &request.exclude}}) {
            for (auto [it, end] = params.equal_range(param); it != end; ++it) {
                if (it->second.empty()) throw std::invalid_argument("parameter '" + param + "' is empty");
                list->emplace_back(name, it->second);
            }
        }
    }
    request.since = bound(params, "since", false);
    request.until = bound(params, "until", true);
    if (const std::string* after = single(params, "added_after"); after && !after->empty()) {
        if (!added::is_bound(*after)) throw std::invalid_argument("added_after takes an added stamp (up to 20 digits), not '" + *after + "'");
        request.added_after = *after;
    }
    if (const std::string* sort = single(params, "sort")) {
        try {
            request.sort = parse_sort(*sort);
        } catch (const std::invalid_argument&) {
            throw std::invalid_argument("sort must be relevance, newest, oldest or added, not '" + *sort + "'");
        }
    }
    request.limit = number(params, "limit", request.limit, 1, kMaxLimit);
    request.offset = number(params, "offset", request.offset, 0, kMaxOffset);
    if (const std::string* facets = single(params, "facets")) request.facets = parse_facets(*facets);
    request.facet_limit = number(params, "facet_limit", request.facet_limit, 0, kMaxFacetLimit);
    request.related = number(params, "related", 0, 0, kMaxRelated);
    request.collapse = number(params, "collapse", 1, 0, 1) == 1;
    request.histogram = true;
    if (const std::string* unit = single(params, "timeline")) {
        try {
            request.timeline = parse_timeline_unit(*unit);
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("timeline: ") + e.what());
        }
    }
    if (!searches_something(request)) {
        throw std::invalid_argument("nothing to search for: give q, a filter such as person, or like");
    }
    return request;
}

ApiReply search_reply(Searcher& searcher, const QueryParams& params) {
    SearchRequest request = search_request_from_params(params);
    request.time_limit_ms = kSearchTimeLimitMs;
    return {200, response_json(searcher.search(request))};
}

ApiReply article_reply(Searcher& searcher, const std::string& id) {
    std::optional<Article> article = searcher.article(id);
    if (!article) return {404, error_json("there is no article with the id '" + id + "'")};
    return {200, to_json(*article)};
}

ApiReply like_reply(Searcher& searcher, const std::string& id, const QueryParams& params) {
    if (!searcher.article(id)) return {404, error_json("there is no article with the id '" + id + "'")};
    QueryParams with_like = params;
    with_like.emplace("like", id);
    return search_reply(searcher, with_like);
}

ApiReply related_reply(Searcher& searcher, const QueryParams& params) {
    QueryParams with_related = params;
    if (!with_related.count("related")) with_related.emplace("related", std::to_string(kDefaultRelated));
    return search_reply(searcher, with_related);
}

ApiReply suggest_reply(Searcher& searcher, const QueryParams& params) {
    check_names(params, {"prefix", "limit", "field"}, false);
    const std::string* prefix = single(params, "prefix");
    const std::string* field = single(params, "field");
    std::size_t limit = number(params, "limit", 8, 1, kMaxSuggestions);
    nlohmann::json suggestions = nlohmann::json::array();
    if (prefix) {
        for (const Suggestion& s : searcher.suggest(*prefix, limit, field ? *field : "")) {
            suggestions.push_back({{"value", s.value}, {"field", s.field}, {"count", s.count}});
        }
    }
    return {200, {{"prefix", prefix ? *prefix : ""}, {"suggestions", std::move(suggestions)}}};
}

ApiReply health_reply(Searcher& searcher) {
    IndexStats stats = searcher.stats();
    nlohmann::json last_commit = stats.last_commit.empty() ? nlohmann::json(nullptr) : nlohmann::json(stats.last_commit);
    auto date_or_null = [](const std::string& d) { return d.empty() ? nlohmann::json(nullptr) : nlohmann::json(d); };
    return {200,
            {{"status", "ok"},
             {"index", stats.path},
             {"documents", stats.documents},
             {"last_commit", last_commit},
             {"first_date", date_or_null(stats.first_date)},
             {"last_date", date_or_null(stats.last_date)}}};
}

nlohmann::json fields_json() {
    nlohmann::json fields = nlohmann::json::array();
    for (const schema::Field& f : schema::fields()) {
        if (!is_filter_field(f)) continue;
        fields.push_back({{"name", f.name}, {"facet", f.facet}, {"help", f.help}});
    }
    return {{"fields", std::move(fields)}};
}

nlohmann::json schema_json() {
    nlohmann::json fields = nlohmann::json::array();
    for (const schema::Field& f : schema::fields()) {
        if (f.kind == schema::Kind::stored) continue;
        fields.push_back({{"name", f.name},
                          {"json", f.json_name},
                          {"label", f.label},
                          {"plural", f.plural},
                          {"facet", f.facet},
                          {"filter", f.has(schema::kFilter)},
                          {"default_facet", f.has(schema::kDefaultFacet)},
                          {"suggest", f.has(schema::kSuggest)},
                          {"complete", f.completable()},
                          {"query", f.queryable()},
                          {"entity", entity_kind(f).has_value()},  // a person, organization or place: has an entity page
                          {"help", f.help}});
    }
    return {{"version", schema::kVersion}, {"fields", std::move(fields)}};
}

ApiReply error_reply(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const QueryError& e) {
        return {400, error_json(e.what(), e.position())};
    } catch (const std::invalid_argument& e) {
        return {400, error_json(e.what())};
    } catch (const IndexUnusable& e) {
        return {503, error_json(e.what())};
    } catch (const Xapian::DatabaseError& e) {
        return {503, error_json("the index cannot be read: " + e.get_description())};
    } catch (const Xapian::Error& e) {
        return {500, error_json("search failed: " + e.get_description())};
    } catch (const std::exception& e) {
        return {500, error_json(std::string("internal error: ") + e.what())};
    } catch (...) {
        return {500, error_json("internal error")};
    }
}

}  // namespace dateline
