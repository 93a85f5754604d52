#include "facets.h"

#include <algorithm>

#include "schema.h"

namespace dateline {

FacetSpy::FacetSpy(const std::vector<std::string>& facet_names, bool histogram) : histogram_(histogram) {
    for (const std::string& name : facet_names) {
        int slot = facet_slot(name);
        if (slot >= 0) slots_.push_back({name, static_cast<Xapian::valueno>(slot), {}, {}, nullptr});
    }
}

void FacetSpy::count_from(FacetColumnCache& cache, const Xapian::Database& db) {
    // Over several shards, Xapian 1.4 hands a spy each shard's own docids, which do not say
    // which shard a match is from: a column cannot be looked up, so the documents are read.
    if (db.size() != 1) return;
    auto use = [](ColumnCounts& c, std::shared_ptr<const FacetColumn> column) {
        if (!column) return;
        c.by_id.assign(column->value_count(), 0);
        c.column = std::move(column);
    };
    for (SlotCounts& s : slots_) use(s.by_column, cache.column(db, s.slot, FacetColumn::Split::list));
    if (histogram_) use(days_, cache.column(db, static_cast<Xapian::valueno>(schema::kSlotPublished), FacetColumn::Split::day));
}

template <typename Counts>
void FacetSpy::ColumnCounts::fold_into(Counts& counts) {
    if (pending == 0) return;
    for (std::size_t id = 0; id < by_id.size(); ++id) {
        if (by_id[id] == 0) continue;
        counts[column->value(static_cast<std::uint32_t>(id))] += by_id[id];
        by_id[id] = 0;
    }
    pending = 0;
}

void FacetSpy::ColumnCounts::add_mapped(ColumnCounts& shard, const std::vector<std::uint32_t>& to_set) {
    if (shard.pending == 0) return;
    for (std::size_t id = 0; id < shard.by_id.size(); ++id) {
        if (shard.by_id[id] == 0) continue;
        by_id[to_set.empty() ? id : to_set[id]] += shard.by_id[id];
        shard.by_id[id] = 0;
    }
    pending += shard.pending;
    shard.pending = 0;
}

void FacetSpy::count_shards_from(FacetColumnCache& cache, const Xapian::Database& set, const std::vector<Xapian::Database>& shards) {
    auto use = [&](ColumnCounts& c, std::shared_ptr<const ShardColumns>& kept, Xapian::valueno slot, FacetColumn::Split split) {
        kept = cache.shard_columns(set, shards, slot, split);
        if (!kept) return;
        c.column = kept->values;
        c.by_id.assign(kept->values->value_count(), 0);
    };
    for (SlotCounts& s : slots_) use(s.by_column, s.shards, s.slot, FacetColumn::Split::list);
    if (histogram_) use(days_, day_shards_, static_cast<Xapian::valueno>(schema::kSlotPublished), FacetColumn::Split::day);
}

void FacetSpy::add_shard(const FacetSpy& shard, std::size_t k) {
    // Id by id only when every slot of both spies counted from the columns the set's ids were
    // made from; else (a shard counted from its documents) all of it by value.
    auto mapped = [k](const ColumnCounts& set, const ColumnCounts& one, const std::shared_ptr<const ShardColumns>& shards) {
        return shards && set.column == shards->values && one.column && one.column == shards->shards[k];
    };
    bool by_number = slots_.size() == shard.slots_.size();
    for (std::size_t i = 0; by_number && i < slots_.size(); ++i) {
        by_number = slots_[i].slot == shard.slots_[i].slot && mapped(slots_[i].by_column, shard.slots_[i].by_column, slots_[i].shards);
    }
    if (by_number && histogram_) by_number = mapped(days_, shard.days_, day_shards_);
    if (!by_number) {
        add_all(shard);
        return;
    }
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        SlotCounts& s = slots_[i];
        SlotCounts& from = shard.slots_[i];
        s.by_column.add_mapped(from.by_column, s.shards->to_set[k]);
        // Documents a shard's column did not cover (added since it was read) were counted by value.
        for (const auto& [value, count] : from.counts) s.counts[value] += count;
    }
    if (histogram_) {
        days_.add_mapped(shard.days_, day_shards_->to_set[k]);
        for (const auto& [day, count] : shard.per_day_) per_day_[day] += count;
    }
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    // With columns, the docid is all that is read of the document.
    Xapian::docid did = doc.get_docid();
    // get_value per slot, not values_begin(): during matching Xapian hands spies a document that
    // reads each slot from its value stream, and its list of all values is not reliable there.
    if (histogram_ && !days_.count(did)) {
        std::string value = doc.get_value(static_cast<Xapian::valueno>(schema::kSlotPublished));
        if (value.size() >= 8) ++per_day_[value.substr(0, 8)];
    }
    // The slot's list is split here rather than by schema::decode_list, which would build a
    // vector for every matching document.
    for (SlotCounts& s : slots_) {
        if (s.by_column.count(did)) continue;
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

void FacetSpy::add_all(const FacetSpy& shard) {
    for (SlotCounts& s : slots_) {
        s.by_column.fold_into(s.counts);
        for (SlotCounts& from : shard.slots_) {
            if (from.slot != s.slot) continue;
            // Straight from the shard's column into these counts: a broad search names tens of
            // thousands of people, and each string made twice was most of a shard set's cost.
            if (from.by_column.pending > 0) {
                std::size_t named = 0;
                for (std::uint32_t n : from.by_column.by_id) named += n != 0;
                s.counts.reserve(s.counts.size() + named);
            }
            from.by_column.fold_into(s.counts);
            for (const auto& [value, count] : from.counts) s.counts[value] += count;
        }
    }
    if (histogram_) {
        days_.fold_into(per_day_);
        shard.days_.fold_into(per_day_);
        for (const auto& [day, count] : shard.per_day_) per_day_[day] += count;
    }
}

std::vector<Facet> FacetSpy::facets(std::size_t limit) const {
    std::vector<Facet> out;
    auto by_count = [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    };
    for (SlotCounts& s : slots_) {
        std::vector<FacetValue> values;
        if (s.counts.empty() && s.by_column.column) {
            // Counted by column only: the best `limit` ids are picked by count, ties by value,
            // and only they become strings.
            const FacetColumn& column = *s.by_column.column;
            const std::vector<std::uint32_t>& by_id = s.by_column.by_id;
            std::vector<std::uint32_t> ids;
            for (std::uint32_t id = 0; id < by_id.size(); ++id) {
                if (by_id[id] != 0) ids.push_back(id);
            }
            auto by_id_count = [&](std::uint32_t a, std::uint32_t b) {
                return by_id[a] != by_id[b] ? by_id[a] > by_id[b] : column.value(a) < column.value(b);
            };
            std::size_t keep = std::min(limit, ids.size());
            std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(keep), ids.end(), by_id_count);
            for (std::size_t i = 0; i < keep; ++i) values.push_back({column.value(ids[i]), by_id[ids[i]]});
            out.push_back({s.name, std::move(values)});
            continue;
        }
        s.by_column.fold_into(s.counts);
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
    for (SlotCounts& s : slots_) {
        if (s.name != facet_name) continue;
        s.by_column.fold_into(s.counts);
        return &s.counts;
    }
    return nullptr;
}

const std::map<std::string, std::size_t>& FacetSpy::per_day() const {
    days_.fold_into(per_day_);
    return per_day_;
}

Histogram FacetSpy::histogram() const {
    Histogram h;
    days_.fold_into(per_day_);
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
