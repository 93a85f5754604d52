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

void StoryCounter::operator()(const Xapian::Document& doc, double) {
    ++articles_;
    std::string key = doc.get_value(schema::kSlotStory);
    if (key.empty()) {
        ++unkeyed_;
        return;
    }
    keys_.insert(std::strtoull(key.c_str(), nullptr, 16));
}

}  // namespace dateline
