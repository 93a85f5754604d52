#include "copies.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "article_json.h"
#include "schema.h"

namespace dateline {

StoryCopies story_copies(const Xapian::Database& db, const Xapian::Document& doc, Xapian::docid self, std::size_t max) {
    StoryCopies out;
    std::string key = doc.get_value(schema::kSlotStory);
    if (key.empty()) return out;
    std::string term = std::string(schema::kStoryPrefix) + key;
    // Most stories have one article: the term's frequency says so without a posting list.
    Xapian::doccount articles = db.get_termfreq(term);
    if (articles <= 1) return out;
    out.count = articles - 1;
    // A story run hundreds of times lists its first `max` copies, by document id (the order the
    // files were read in), then sorts those by date.
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && out.listed.size() < max; ++p) {
        if (*p == self) continue;
        try {
            Article a = article_from_json(nlohmann::json::parse(db.get_document(*p).get_data()));
            out.listed.push_back({a.id, a.title, a.source, a.url, a.published});
        } catch (const nlohmann::json::exception&) {
            // Not Dateline's data: counted, not listed.
        }
    }
    std::stable_sort(out.listed.begin(), out.listed.end(), [](const StoryCopy& a, const StoryCopy& b) {
        if (!a.published || !b.published) return a.published.has_value() && !b.published.has_value();
        return *a.published < *b.published;
    });
    return out;
}

void StoryCounter::count_from(FacetColumnCache& cache, const Xapian::Database& db) {
    // Over several shards a spy sees each shard's own docids (facets.cpp): no column then.
    if (db.size() != 1) return;
    column_ = cache.column(db, static_cast<Xapian::valueno>(schema::kSlotStory), FacetColumn::Split::list);
    if (column_) seen_.assign(column_->value_count(), 0);
}

void StoryCounter::insert_keys_seen(const StoryCounter& from) {
    if (!from.column_) return;
    for (std::uint32_t id = 0; id < from.seen_.size(); ++id) {
        if (from.seen_[id]) keys_.insert(std::strtoull(from.column_->value(id).c_str(), nullptr, 16));
    }
}

void StoryCounter::add_all(const StoryCounter& shard) {
    // Stories are joined by key, as column ids differ from shard to shard: this counter's own
    // ids become keys first.
    if (seen_count_ > 0) {
        insert_keys_seen(*this);
        seen_.assign(seen_.size(), 0);
        seen_count_ = 0;
    }
    articles_ += shard.articles_;
    unkeyed_ += shard.unkeyed_;
    keys_.insert(shard.keys_.begin(), shard.keys_.end());
    insert_keys_seen(shard);
}

void StoryCounter::count_shards_from(FacetColumnCache& cache, const Xapian::Database& set, const std::vector<Xapian::Database>& shards) {
    shards_ = cache.shard_columns(set, shards, static_cast<Xapian::valueno>(schema::kSlotStory), FacetColumn::Split::list);
    if (!shards_) return;
    column_ = shards_->values;
    seen_.assign(column_->value_count(), 0);
}

void StoryCounter::add_shard(const StoryCounter& shard, std::size_t k) {
    // By key once any key was read from a document (a shard without its column): a story
    // counted by id and by key would count twice.
    if (!shards_ || column_ != shards_->values || !keys_.empty() || !shard.keys_.empty() || shard.column_ != shards_->shards[k]) {
        add_all(shard);
        return;
    }
    articles_ += shard.articles_;
    unkeyed_ += shard.unkeyed_;
    const std::vector<std::uint32_t>& to_set = shards_->to_set[k];
    for (std::uint32_t id = 0; id < shard.seen_.size(); ++id) {
        if (!shard.seen_[id]) continue;
        char& seen = seen_[to_set.empty() ? id : to_set[id]];
        seen_count_ += !seen;
        seen = 1;
    }
}

void StoryCounter::operator()(const Xapian::Document& doc, double) {
    ++articles_;
    if (column_) {
        Xapian::docid did = doc.get_docid();
        if (column_->covers(did)) {
            const std::uint32_t* id = column_->ids_begin(did);
            if (id == column_->ids_end(did)) {
                ++unkeyed_;
            } else if (!seen_[*id]) {
                seen_[*id] = 1;
                ++seen_count_;
            }
            return;
        }
    }
    std::string key = doc.get_value(schema::kSlotStory);
    if (key.empty()) {
        ++unkeyed_;
        return;
    }
    keys_.insert(std::strtoull(key.c_str(), nullptr, 16));
}

}  // namespace dateline
