#include "facets.h"

#include <algorithm>

#include "schema.h"

namespace dateline {

void ListCountSpy::operator()(const Xapian::Document& doc, double) {
    std::string value = doc.get_value(slot_);
    if (value.empty()) return;
    for (std::string& v : schema::decode_list(value)) ++counts_[std::move(v)];
}

std::vector<FacetValue> ListCountSpy::top(std::size_t limit) const {
    std::vector<FacetValue> out;
    out.reserve(counts_.size());
    for (const auto& [value, count] : counts_) out.push_back({value, count});
    auto by_count = [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    if (out.size() > limit) {
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(), by_count);
        out.resize(limit);
    } else {
        std::sort(out.begin(), out.end(), by_count);
    }
    return out;
}

void DateHistogramSpy::operator()(const Xapian::Document& doc, double) {
    std::string value = doc.get_value(schema::kSlotPublished);
    if (value.size() >= 8) ++per_day_[value.substr(0, 8)];
}

Histogram DateHistogramSpy::histogram() const {
    Histogram h;
    if (per_day_.empty()) {
        h.unit = "day";
        return h;
    }
    const std::string& first = per_day_.begin()->first;
    const std::string& last = per_day_.rbegin()->first;
    // Aim for a few dozen bars: days within two months, months within five years, else years.
    int first_month = std::stoi(first.substr(0, 4)) * 12 + std::stoi(first.substr(4, 2));
    int last_month = std::stoi(last.substr(0, 4)) * 12 + std::stoi(last.substr(4, 2));
    std::size_t key_len;
    if (last_month - first_month <= 2) { h.unit = "day"; key_len = 8; }
    else if (last_month - first_month <= 60) { h.unit = "month"; key_len = 6; }
    else { h.unit = "year"; key_len = 4; }
    std::map<std::string, std::size_t> buckets;
    for (const auto& [day, count] : per_day_) buckets[day.substr(0, key_len)] += count;
    for (const auto& [key, count] : buckets) {
        std::string label = key.substr(0, 4);
        if (key_len >= 6) label += "-" + key.substr(4, 2);
        if (key_len >= 8) label += "-" + key.substr(6, 2);
        h.buckets.push_back({label, count});
    }
    return h;
}

int facet_slot(const std::string& facet_name) {
    for (const schema::Field& f : schema::fields()) {
        if (!f.facet.empty() && f.facet == facet_name) return f.slot;
    }
    return -1;
}

std::vector<std::string> facet_names() {
    std::vector<std::string> names;
    for (const schema::Field& f : schema::fields()) {
        if (!f.facet.empty()) names.emplace_back(f.facet);
    }
    return names;
}

}  // namespace dateline
