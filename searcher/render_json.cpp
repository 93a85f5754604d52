#include "render_json.h"

#include <cmath>

#include "dates.h"

namespace dateline {

nlohmann::json response_json(const SearchResponse& response) {
    nlohmann::json j;
    j["format_version"] = kJsonFormatVersion;
    j["query"] = response.query;
    j["total"] = response.total;
    j["total_exact"] = response.total_exact;
    j["approximate"] = response.approximate;
    j["matched"] = response.matched == Matched::all ? "all" : "some";
    if (response.matched == Matched::some) {
        j["query_words"] = response.query_words;
        j["total_all_words"] = response.total_all_words;
    }
    j["took_ms"] = std::round(response.took_ms * 1000) / 1000;
    nlohmann::json results = nlohmann::json::array();
    for (const SearchResult& r : response.results) {
        const Article& a = r.article;
        results.push_back({
            {"id", a.id},
            {"title", a.title},
            {"title_html", r.title_html},
            {"date", a.published ? nlohmann::json(dates::to_iso8601(*a.published)) : nlohmann::json(nullptr)},
            {"source", a.source},
            {"url", a.url},
            {"path", a.source_path},
            {"snippet", r.snippet},
            {"people", a.people},
            {"organizations", a.organizations},
            {"places", a.places},
            {"keywords", a.keywords},
            {"kind", a.kind},
            {"authors", a.authors},
            {"score", std::round(r.score * 1000) / 1000},
        });
    }
    j["results"] = std::move(results);
    if (response.suggestion) {
        nlohmann::json corrections = nlohmann::json::array();
        for (const auto& [typed, suggested] : response.suggestion->corrections) corrections.push_back({{"typed", typed}, {"suggested", suggested}});
        j["suggestion"] = {{"query", response.suggestion->query}, {"corrections", std::move(corrections)}};
    }
    nlohmann::json facets = nlohmann::json::object();
    for (const Facet& f : response.facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const FacetValue& v : f.values) values.push_back({{"value", v.value}, {"count", v.count}});
        facets[f.name] = std::move(values);
    }
    j["facets"] = std::move(facets);
    if (response.histogram) {
        nlohmann::json buckets = nlohmann::json::array();
        for (const FacetValue& b : response.histogram->buckets) buckets.push_back({{"value", b.value}, {"count", b.count}});
        j["histogram"] = {{"unit", response.histogram->unit}, {"buckets", std::move(buckets)}};
    }
    return j;
}

nlohmann::json error_json(const std::string& message, std::optional<std::size_t> position) {
    nlohmann::json e{{"message", message}};
    if (position) e["position"] = *position;
    return {{"error", e}};
}

}  // namespace dateline
