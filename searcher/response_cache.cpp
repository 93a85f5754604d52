#include "response_cache.h"

#include "dates.h"

namespace dateline {

std::optional<SearchResponse> ResponseCache::find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    entries_.splice(entries_.begin(), entries_, it->second);
    return it->second->second;
}

void ResponseCache::store(const std::string& key, const SearchResponse& response) {
    if (capacity_ == 0) return;
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (it != by_key_.end()) {
        it->second->second = response;
        entries_.splice(entries_.begin(), entries_, it->second);
        return;
    }
    entries_.emplace_front(key, response);
    by_key_[key] = entries_.begin();
    if (entries_.size() > capacity_) {
        by_key_.erase(entries_.back().first);
        entries_.pop_back();
    }
}

std::string ResponseCache::key(const SearchRequest& r, const std::string& index_revision) {
    // Lengths before strings keep the key unambiguous whatever the strings hold.
    std::string k = index_revision;
    auto add = [&](const std::string& s) {
        k += '|';
        k += std::to_string(s.size());
        k += ':';
        k += s;
    };
    add(r.query);
    add(r.like);
    // A mark before each kind of filter: the same pairs mean other things in each list.
    for (const auto* list : {&r.filters, &r.any_filters, &r.exclude}) {
        add("#");
        for (const auto& [field, value] : *list) {
            add(field);
            add(value);
        }
    }
    add(r.since ? dates::to_compact(*r.since) : "-");
    add(r.until ? dates::to_compact(*r.until) : "-");
    add(r.added_after);
    add(r.added_through);
    add(std::to_string(static_cast<int>(r.sort)));
    add(std::to_string(r.limit) + "/" + std::to_string(r.offset) + "/" + std::to_string(r.facet_limit) + "/" +
        std::to_string(r.snippet_chars) + "/" + (r.histogram ? "h" : "-") + "/" + std::to_string(r.time_limit_ms) + "/" +
        timeline_unit_name(r.timeline) + (r.collapse ? "" : "/all"));
    for (const std::string& f : r.facets) add(f);
    add("related/" + std::to_string(r.related));
    return k;
}

}  // namespace dateline
