#include "facets.h"

#include <algorithm>

#include "schema.h"

namespace dateline {

FacetSpy::FacetSpy(const std::vector<std::string>& facet_names, bool histogram) : histogram_(histogram) {
    for (const std::string& name : facet_names) {
        int slot = facet_slot(name);
        if (slot >= 0) slots_.push_back({name, static_cast<Xapian::valueno>(slot), {}});
    }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    // get_value per slot, not values_begin(): during matching Xapian hands spies a document that
    // reads each slot from its value stream, and its list of all values is not reliable there.
    if (histogram_) {
        std::string value = doc.get_value(static_cast<Xapian::valueno>(schema::kSlotPublished));
        if (value.size() >= 8) ++per_day_[value.substr(0, 8)];
    }
    // The slot's list is split here rather than by schema::decode_list, which would build a
    // vector for every matching document.
    for (SlotCounts& s : slots_) {
        std::string list = doc.get_value(s.slot);
        std::size_t start = 0;
        while (start < list.size()) {
            std::size_t end = list.find(schema::kListSeparator, start);
            if (end == std::string::npos) end = list.size();
            if (end > start) ++s.counts[list.substr(start, end - start)];
            start = end + 1;
        }
    }
}

void FacetSpy::add_counted(Xapian::valueno slot, const std::string& value, std::size_t count) {
    if (histogram_ && slot == static_cast<Xapian::valueno>(schema::kSlotPublished)) {
        if (value.size() >= 8) per_day_[value.substr(0, 8)] += count;
        return;
    }
    for (SlotCounts& s : slots_) {
        if (s.slot != slot) continue;
        // Empty pieces are skipped, as operator() skips them.
        for (const std::string& name : schema::decode_list(value)) {
            if (!name.empty()) s.counts[name] += count;
        }
    }
}

std::vector<Facet> FacetSpy::facets(std::size_t limit) const {
    std::vector<Facet> out;
    auto by_count = [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    for (const SlotCounts& s : slots_) {
        std::vector<FacetValue> values;
        values.reserve(s.counts.size());
        for (const auto& [value, count] : s.counts) values.push_back({value, count});
        if (values.size() > limit) {
            std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(limit), values.end(), by_count);
            values.resize(limit);
        } else {
            std::sort(values.begin(), values.end(), by_count);
        }
        out.push_back({s.name, std::move(values)});
    }
    return out;
}

const std::unordered_map<std::string, std::size_t>* FacetSpy::counts(const std::string& facet_name) const {
    for (const SlotCounts& s : slots_) {
        if (s.name == facet_name) return &s.counts;
    }
    return nullptr;
}

Histogram FacetSpy::histogram() const {
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
