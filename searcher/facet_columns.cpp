#include "facet_columns.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>

#include "schema.h"

namespace dateline {
namespace {

// Lets the intern table be probed with a piece of a slot value without making a string of it.
struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

FacetColumn FacetColumn::read(const Xapian::Database& db, Xapian::valueno slot, Split split) {
    FacetColumn c;
    std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>> ids;
    c.offsets_.reserve(static_cast<std::size_t>(db.get_lastdocid()) + 2);
    c.offsets_.push_back(0);  // docid 0 is never used
    auto add = [&](std::string_view value) {
        auto found = ids.find(value);
        if (found == ids.end()) {
            found = ids.emplace(std::string(value), static_cast<std::uint32_t>(c.values_.size())).first;
            c.values_.emplace_back(value);
        }
        c.ids_.push_back(found->second);
    };
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        Xapian::docid did = v.get_docid();
        // Documents without a value in the slot hold no ids.
        while (c.offsets_.size() <= did) c.offsets_.push_back(static_cast<std::uint32_t>(c.ids_.size()));
        const std::string value = *v;
        if (split == Split::day) {
            if (value.size() >= 8) add(std::string_view(value).substr(0, 8));
        } else {
            // As FacetSpy splits a list: empty pieces are not values.
            std::size_t start = 0;
            while (start < value.size()) {
                std::size_t end = value.find(schema::kListSeparator, start);
                if (end == std::string::npos) end = value.size();
                if (end > start) add(std::string_view(value).substr(start, end - start));
                start = end + 1;
            }
        }
        c.offsets_.push_back(static_cast<std::uint32_t>(c.ids_.size()));
    }
    // Every docid up to the last one is covered, valued or not.
    while (c.offsets_.size() < static_cast<std::size_t>(db.get_lastdocid()) + 2) {
        c.offsets_.push_back(static_cast<std::uint32_t>(c.ids_.size()));
    }
    c.offsets_.shrink_to_fit();
    c.ids_.shrink_to_fit();
    return c;
}

FacetColumn FacetColumn::of_values(std::vector<std::string> values) {
    FacetColumn c;
    c.values_ = std::move(values);
    return c;
}

std::size_t FacetColumn::bytes() const {
    std::size_t n = offsets_.capacity() * sizeof(std::uint32_t) + ids_.capacity() * sizeof(std::uint32_t) +
                    values_.capacity() * sizeof(std::string);
    for (const std::string& v : values_) n += v.capacity() > 15 ? v.capacity() + 1 : 0;  // beyond the small-string buffer
    return n;
}

std::optional<std::string> index_state(const Xapian::Database& db) {
    std::string state;
    try {
        // Xapian 1.4 gives a revision for a single database only, so each shard is asked alone,
        // through a handle on that shard's own internals (a copy of the reference, not a reopen:
        // the same revision the combined handle reads).
        for (std::size_t i = 0; i < db.size(); ++i) {
            Xapian::Database shard(db.internal[i].get());
            state += shard.get_uuid() + "@" + std::to_string(shard.get_revision()) + ";";
        }
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
    if (state.empty()) return std::nullopt;
    return state;
}

namespace {

// A state without its revisions ("uuid@12;uuid@7;" -> "uuid;uuid;"): which databases it names.
std::string identity_of(const std::string& state) {
    std::string out;
    std::size_t start = 0;
    while (start < state.size()) {
        std::size_t end = state.find(';', start);
        if (end == std::string::npos) end = state.size();
        std::string_view part(state.data() + start, end - start);
        out.append(part.substr(0, part.rfind('@')));
        out += ';';
        start = end + 1;
    }
    return out;
}

}  // namespace

FacetColumnCache::State& FacetColumnCache::state_named(const std::string& name) {
    for (State& s : states_) {
        if (s.name == name) return s;
    }
    // Each database (a shard counted alone, or a set of shards) keeps its latest states;
    // shards searched in turn do not push each other's columns out.
    std::string identity = identity_of(name);
    std::size_t same = 0;
    for (const State& s : states_) same += identity_of(s.name) == identity;
    for (auto it = states_.begin(); it != states_.end() && same >= kStates;) {
        if (identity_of(it->name) == identity) {
            it = states_.erase(it);
            --same;
        } else {
            ++it;
        }
    }
    if (states_.size() >= kMaxStates) states_.erase(states_.begin());
    states_.push_back({name, {}, {}});
    return states_.back();
}

std::shared_ptr<const FacetColumn> FacetColumnCache::column(const Xapian::Database& db, Xapian::valueno slot, FacetColumn::Split split) {
    std::optional<std::string> name = index_state(db);
    if (!name) return nullptr;
    Key key(slot, split);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Entry& entry = state_named(*name).columns[key];
        if (entry.column) return entry.column;
        if (entry.reading || entry.failed) return nullptr;
        entry.reading = true;
    }
    // Read without the lock: other threads count from the documents in the meantime.
    std::shared_ptr<const FacetColumn> column;
    try {
        column = std::make_shared<const FacetColumn>(FacetColumn::read(db, slot, split));
    } catch (const Xapian::Error&) {
        column = nullptr;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    ++reads_;
    for (State& s : states_) {
        if (s.name != *name) continue;
        Entry& entry = s.columns[key];
        entry.reading = false;
        entry.column = column;
        entry.failed = column == nullptr;
    }
    return column;
}

std::shared_ptr<const ShardColumns> FacetColumnCache::shard_columns(const Xapian::Database& set, const std::vector<Xapian::Database>& shards,
                                                                    Xapian::valueno slot, FacetColumn::Split split) {
    std::optional<std::string> name = index_state(set);
    if (!name || shards.empty()) return nullptr;
    Key key(slot, split);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // (The parts of one index share its state whatever their number.)
        auto& kept = state_named(*name).shard_columns[key];
        if (kept && kept->shards.size() == shards.size()) return kept;
    }
    auto made = std::make_shared<ShardColumns>();
    for (const Xapian::Database& shard : shards) {
        made->shards.push_back(column(shard, slot, split));
        if (!made->shards.back()) return nullptr;
    }
    bool one_column = std::all_of(made->shards.begin(), made->shards.end(), [&](const auto& c) { return c == made->shards.front(); });
    if (one_column) {
        // Parts of one index (part_search.h): its column's ids are the set's ids.
        made->values = made->shards.front();
        made->to_set.resize(made->shards.size());
    } else {
        // Built without the lock (two threads may both build it; either result is the same).
        std::vector<std::string> values;
        std::unordered_map<std::string_view, std::uint32_t> ids;
        for (const auto& shard_column : made->shards) {
            std::vector<std::uint32_t>& to_set = made->to_set.emplace_back(shard_column->value_count());
            for (std::uint32_t id = 0; id < shard_column->value_count(); ++id) {
                // The views point into the shards' columns, which `made` keeps.
                const std::string& value = shard_column->value(id);
                auto [at, added] = ids.try_emplace(value, static_cast<std::uint32_t>(values.size()));
                if (added) values.push_back(value);
                to_set[id] = at->second;
            }
        }
        made->values = std::make_shared<const FacetColumn>(FacetColumn::of_values(std::move(values)));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    for (State& s : states_) {
        if (s.name == *name) s.shard_columns[key] = made;
    }
    return made;
}

std::size_t FacetColumnCache::reads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return reads_;
}

}  // namespace dateline
