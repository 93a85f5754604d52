#include "remote_counts.h"

#include "related.h"
#include "schema.h"

namespace dateline {
namespace {

// One Enquire counting `query` in `db`: no page, every match checked, no weights computed.
Xapian::Enquire counting(const Xapian::Database& db, const Xapian::Query& query, double time_limit_s) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    if (time_limit_s > 0) enquire.set_time_limit(time_limit_s);
    return enquire;
}

}  // namespace

void RemoteCounts::count(const Xapian::Query& query, const ShardSet& shards, FacetSpy& spy, double time_limit_s) {
    std::vector<Xapian::valueno> slots;
    for (const std::string& name : facets_to_count(request_)) {
        if (int slot = facet_slot(name); slot >= 0) slots.push_back(static_cast<Xapian::valueno>(slot));
    }
    if (request_.histogram || request_.timeline != TimelineUnit::none) slots.push_back(static_cast<Xapian::valueno>(schema::kSlotPublished));
    auto add_stories = [&](const Xapian::ValueCountMatchSpy& counter) {
        std::size_t keyed = 0;
        for (auto it = counter.values_begin(); it != counter.values_end(); ++it) {
            keys_.insert(*it);
            keyed += it.get_termfreq();
        }
        // The spy lists no empty value: the articles it did not list have no story key.
        articles_ += counter.get_total();
        unkeyed_ += counter.get_total() - keyed;
    };
    const auto story_slot = static_cast<Xapian::valueno>(schema::kSlotStory);

    // The local shards: FacetSpy itself, and the story keys to join with the remote shards'.
    Xapian::Database local = shards.local_db();
    if (local.size() > 0) {
        Xapian::Enquire enquire = counting(local, query, time_limit_s);
        if (!spy.empty()) enquire.add_matchspy(&spy);
        Xapian::ValueCountMatchSpy stories(story_slot);
        if (request_.collapse) enquire.add_matchspy(&stories);
        enquire.get_mset(0, 0, local.get_doccount());
        if (request_.collapse) add_stories(stories);
    }
    for (const Xapian::Database& remote : shards.remote_dbs()) {
        Xapian::Enquire enquire = counting(remote, query, time_limit_s);
        std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> counters;
        for (Xapian::valueno slot : slots) {
            counters.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
            enquire.add_matchspy(counters.back().get());
        }
        Xapian::ValueCountMatchSpy stories(story_slot);
        if (request_.collapse) enquire.add_matchspy(&stories);
        enquire.get_mset(0, 0, remote.get_doccount());
        for (std::size_t i = 0; i < slots.size(); ++i) {
            for (auto it = counters[i]->values_begin(); it != counters[i]->values_end(); ++it) spy.add_counted(slots[i], *it, it.get_termfreq());
        }
        if (request_.collapse) add_stories(stories);
    }
}

}  // namespace dateline
