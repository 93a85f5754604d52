#include "render_json.h"

#include <cmath>

#include "added_stamp.h"
#include "article_json.h"
#include "dates.h"

namespace dateline {

nlohmann::json response_json(const SearchResponse& response) {
    nlohmann::json j;
    j["format_version"] = kJsonFormatVersion;
    j["query"] = response.query;
    j["total"] = response.total;
    j["total_exact"] = response.total_exact;
    j["total_articles"] = response.total_articles;
    j["approximate"] = response.approximate;
    j["matched"] = response.matched == Matched::all ? "all" : "some";
    if (response.matched == Matched::some) {
        j["query_words"] = response.query_words;
        j["total_all_words"] = response.total_all_words;
    }
    j["took_ms"] = std::round(response.took_ms * 1000) / 1000;
    // Only when shards are missing: a complete answer looks as it always did.
    if (!response.missing_shards.empty()) j["missing_shards"] = response.missing_shards;
    nlohmann::json results = nlohmann::json::array();
    for (const SearchResult& r : response.results) {
        nlohmann::json result = to_json(r.article, schema::kResult);
        result["title_html"] = r.title_html;
        result["snippet"] = r.snippet;
        result["score"] = std::round(r.score * 1000) / 1000;
        if (!r.added.empty()) result["added"] = added::to_iso8601(r.added);
        if (r.copy_count > 0) {
            nlohmann::json copies = nlohmann::json::array();
            for (const StoryCopy& c : r.copies) {
                copies.push_back({{"id", c.id}, {"title", c.title}, {"source", c.source}, {"url", c.url},
                                  {"date", c.published ? nlohmann::json(dates::to_iso8601(*c.published)) : nlohmann::json()}});
            }
            result["copies"] = std::move(copies);
            result["copy_count"] = r.copy_count;
        }
        results.push_back(std::move(result));
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
    if (!response.related.empty()) {
        nlohmann::json related = nlohmann::json::object();
        for (const Related& kind : response.related) {
            nlohmann::json values = nlohmann::json::array();
            for (const RelatedValue& v : kind.values) {
                values.push_back({{"value", v.value}, {"count", v.count}, {"all", v.all}, {"score", std::round(v.score * 100) / 100}});
            }
            related[kind.name] = std::move(values);
        }
        j["related"] = std::move(related);
    }
    if (response.histogram) {
        nlohmann::json buckets = nlohmann::json::array();
        for (const FacetValue& b : response.histogram->buckets) buckets.push_back({{"value", b.value}, {"count", b.count}});
        j["histogram"] = {{"unit", response.histogram->unit}, {"buckets", std::move(buckets)}};
    }
    if (response.timeline) {
        nlohmann::json periods = nlohmann::json::array();
        for (const TimelinePeriod& p : response.timeline->periods) {
            nlohmann::json share = p.share ? nlohmann::json(std::round(*p.share * 1e6) / 1e6) : nlohmann::json(nullptr);
            periods.push_back({{"period", p.period}, {"from", p.from}, {"to", p.to}, {"count", p.count}, {"all", p.all}, {"share", share}});
        }
        j["timeline"] = {{"unit", response.timeline->unit}, {"periods", std::move(periods)}};
    }
    return j;
}

nlohmann::json error_json(const std::string& message, std::optional<std::size_t> position) {
    nlohmann::json e{{"message", message}};
    if (position) e["position"] = *position;
    return {{"error", e}};
}

}  // namespace dateline
