#include "search_request.h"

#include <algorithm>

#include "facets.h"
#include "schema.h"
#include "text.h"

namespace dateline {

std::vector<std::string> default_facets() {
    // Every request starts from this list: made once.
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const schema::Field* f : schema::with(schema::kDefaultFacet)) out.emplace_back(f->facet);
        return out;
    }();
    return names;
}

std::vector<const schema::Field*> filter_fields() { return schema::with(schema::kFilter); }

bool searches_something(const SearchRequest& r) {
    return r.query.find_first_not_of(" \t") != std::string::npos || !r.filters.empty() || !r.any_filters.empty() || r.since ||
           r.until || !r.like.empty() ||
           !r.added_after.empty();
}

SortOrder parse_sort(const std::string& name) {
    if (name == "relevance") return SortOrder::relevance;
    if (name == "newest") return SortOrder::newest;
    if (name == "oldest") return SortOrder::oldest;
    if (name == "added") return SortOrder::added;
    throw std::invalid_argument("--sort takes relevance, newest, oldest or added, not '" + name + "'");
}

std::vector<std::string> parse_facets(const std::string& list) {
    std::vector<std::string> out;
    if (list == "none") return out;
    std::vector<std::string> known = facet_names();
    for (const std::string& name : text::split_trimmed(list, ',')) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            std::string all;
            for (const std::string& k : known) all += (all.empty() ? "" : ", ") + k;
            throw std::invalid_argument("unknown facet '" + name + "': choose from " + all);
        }
        out.push_back(name);
    }
    return out;
}

}  // namespace dateline
