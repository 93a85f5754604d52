#include "band_memo.h"

#include <algorithm>

#include "schema.h"
#include "text.h"

namespace dateline {
namespace {

// Calls `f` with the hash of each band term of `doc`.
template <typename F>
void for_each_band(const Xapian::Document& doc, F&& f) {
    const std::string prefix(schema::kMinHashPrefix);
    auto t = doc.termlist_begin();
    for (t.skip_to(prefix); t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t) f(text::hash64(*t));
}

}  // namespace

std::vector<Xapian::docid> BandMemo::postings(const std::string& term, Xapian::docid before, Xapian::doccount limit) const {
    std::vector<Xapian::docid> out;
    const std::uint64_t band = text::hash64(term);
    auto one = one_.find(band);
    if (one == one_.end()) return out;
    if (one->second != kMany) {
        if (limit > 0 && (before == 0 || one->second < before)) out.push_back(one->second);
        return out;
    }
    for (Xapian::docid id : many_.at(band)) {
        if ((before != 0 && id >= before) || out.size() == limit) break;
        out.push_back(id);
    }
    return out;
}

void BandMemo::add(Xapian::docid id, const Xapian::Document& doc) {
    for_each_band(doc, [&](std::uint64_t band) { add_band(band, id); });
}

void BandMemo::remove(Xapian::docid id, const Xapian::Document& doc) {
    for_each_band(doc, [&](std::uint64_t band) { remove_band(band, id); });
}

void BandMemo::add_band(std::uint64_t band, Xapian::docid id) {
    auto [one, inserted] = one_.try_emplace(band, id);
    if (inserted) {
        ++size_;
        return;
    }
    std::vector<Xapian::docid>& ids = many_[band];
    if (one->second != kMany) {
        if (one->second == id) return;
        ids.push_back(one->second);
        one->second = kMany;
    }
    // Docids come mostly in ascending order (a writer adds at the end); a replaced document
    // keeps its old one.
    auto at = std::lower_bound(ids.begin(), ids.end(), id);
    if (at != ids.end() && *at == id) return;
    ids.insert(at, id);
    ++size_;
}

void BandMemo::remove_band(std::uint64_t band, Xapian::docid id) {
    auto one = one_.find(band);
    if (one == one_.end()) return;
    if (one->second != kMany) {
        if (one->second == id) {
            one_.erase(one);
            --size_;
        }
        return;
    }
    auto many = many_.find(band);
    std::vector<Xapian::docid>& ids = many->second;
    auto at = std::lower_bound(ids.begin(), ids.end(), id);
    if (at == ids.end() || *at != id) return;
    ids.erase(at);
    --size_;
    if (ids.size() == 1) {
        one->second = ids.front();
        many_.erase(many);
    }
}

std::vector<Xapian::docid> BandMemo::later_sharers(Xapian::docid first) const {
    std::vector<Xapian::docid> out;
    for (const auto& [band, ids] : many_) {
        // Each id after a band's first has one before it.
        for (std::size_t i = 1; i < ids.size(); ++i) {
            if (ids[i] >= first) out.push_back(ids[i]);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

BandMemo BandMemo::shared_bands(const Xapian::Database& db) {
    BandMemo memo;
    const std::string prefix(schema::kMinHashPrefix);
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() < 2) continue;
        const std::uint64_t band = text::hash64(*t);
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) memo.add_band(band, *p);
    }
    return memo;
}

}  // namespace dateline
