#include "copy_finder.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <vector>

#include "dates.h"
#include "minhash.h"
#include "schema.h"
#include "text.h"

namespace dateline {
namespace {

// Documents rekeyed between two commits of link_shard_copies.
constexpr std::size_t kRekeyBatch = 2500;

// The shingles of a stored article's body; none when its data is not Dateline's JSON.
std::vector<std::uint64_t> stored_shingles(const Xapian::Document& doc) {
    try {
        nlohmann::json j = nlohmann::json::parse(doc.get_data());
        auto body = j.find("body");
        if (body == j.end() || !body->is_string()) return {};
        return minhash::shingles(body->get<std::string>());
    } catch (const nlohmann::json::exception&) {
        return {};
    }
}

// True when two publication times (slot 0 values) are close enough for one story's copies; an
// article without a date may be a copy of any.
bool close_in_time(const std::string& a, const std::string& b) {
    auto ta = dates::from_compact(a);
    auto tb = dates::from_compact(b);
    if (!ta || !tb) return true;
    auto apart = *ta > *tb ? *ta - *tb : *tb - *ta;
    return apart <= kCopyWindow;
}

}  // namespace

std::string own_story_key(const std::string& id_term) { return text::hash_hex(id_term); }

std::string story_key(const Xapian::Database& db, const BandMemo* memo, const Xapian::Document& doc,
                      const std::string& id_term, Xapian::docid own, Xapian::docid before) {
    const std::string prefix(schema::kMinHashPrefix);
    std::map<Xapian::docid, std::size_t> shared;  // candidate -> bands shared
    auto t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t) {
        if (memo) {
            for (Xapian::docid id : memo->postings(*t, before, kMaxBandPostings)) ++shared[id];
            continue;
        }
        Xapian::doccount read = 0;
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t) && (before == 0 || *p < before) && read < kMaxBandPostings;
             ++p, ++read) {
            ++shared[*p];
        }
    }
    // The article's own earlier version is not a copy of it.
    if (own != 0) shared.erase(own);
    if (shared.empty()) return own_story_key(id_term);

    std::vector<std::pair<std::size_t, Xapian::docid>> ranked;
    for (const auto& [id, bands] : shared) ranked.emplace_back(bands, id);
    // Most bands first; among equals the earliest written.
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });

    std::vector<std::uint64_t> mine;
    double best = 0;
    std::string key;
    const std::string published = doc.get_value(schema::kSlotPublished);
    std::size_t compared = 0, dated = 0;
    for (const auto& [bands, id] : ranked) {
        if (compared == kMaxCandidates || dated++ == kMaxDateChecks) break;
        Xapian::Document other = db.get_document(id, Xapian::DOC_ASSUME_VALID);
        // A value is a cheap look-up; the body is parsed only for the ones close in time.
        if (!close_in_time(published, other.get_value(schema::kSlotPublished))) continue;
        ++compared;
        if (mine.empty()) mine = stored_shingles(doc);
        if (mine.empty()) break;
        double j = minhash::copy_likeness(mine, stored_shingles(other));
        std::string other_key = other.get_value(schema::kSlotStory);
        if (j >= minhash::kCopyJaccard && j > best && !other_key.empty()) {
            best = j;
            key = std::move(other_key);
        }
    }
    return key.empty() ? own_story_key(id_term) : key;
}

std::size_t link_shard_copies(Xapian::WritableDatabase& db, Xapian::docid first) {
    std::size_t rekeyed = 0;
    if (first == 0) return rekeyed;
    // One pass over the band terms, rather than a look-up in the B-tree per band of each story.
    const BandMemo bands = BandMemo::shared_bands(db);
    // Only these can find an earlier copy; the others are read only when their story is joined.
    const std::vector<Xapian::docid> sharing = bands.later_sharers(first);
    // Each later article's story key, read from the value stream (not document by document), and
    // held before anything is rewritten.
    std::vector<std::pair<Xapian::docid, std::string>> keys;
    auto v = db.valuestream_begin(schema::kSlotStory);
    for (v.skip_to(first); v != db.valuestream_end(schema::kSlotStory); ++v) keys.emplace_back(v.get_docid(), *v);
    std::map<std::string, std::string> joined;  // a later shard's story key -> the earlier copy's
    const std::string id_prefix(schema::field(schema::FieldId::id).filter_prefix);
    for (const auto& [id, key] : keys) {
        auto known = joined.find(key);
        if (known == joined.end()) {
            if (!std::binary_search(sharing.begin(), sharing.end(), id)) continue;
            // Only a story's first article looks: the rest of its shard's copies follow it.
            Xapian::Document doc = db.get_document(id);
            auto t = doc.termlist_begin();
            t.skip_to(id_prefix);
            if (t == doc.termlist_end() || (*t).compare(0, id_prefix.size(), id_prefix) != 0) continue;
            std::string id_term = *t;
            if (key != own_story_key(id_term)) continue;
            std::string earlier = story_key(db, &bands, doc, id_term, id, id);
            if (earlier == key) continue;
            known = joined.emplace(key, earlier).first;
        }
        Xapian::Document doc = db.get_document(id);
        set_story(doc, known->second);
        db.replace_document(id, doc);
        // Xapian holds uncommitted changes in memory: a large merge commits as it goes.
        if (++rekeyed % kRekeyBatch == 0) db.commit();
    }
    if (rekeyed) db.commit();
    return rekeyed;
}

void set_story(Xapian::Document& doc, const std::string& key) {
    const std::string prefix(schema::kStoryPrefix);
    std::vector<std::string> old;
    auto t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t) old.push_back(*t);
    for (const std::string& term : old) doc.remove_term(term);
    doc.add_boolean_term(prefix + key);
    doc.add_value(schema::kSlotStory, key);
}

}  // namespace dateline
