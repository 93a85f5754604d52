#include "part_search.h"

#include <algorithm>
#include <memory>

#include "on_every_core.h"
#include "related.h"
#include "schema.h"
#include "story_page.h"

namespace dateline {
namespace {

// The value a search sorts by, besides the weight: publication time, or the added stamp.
Xapian::valueno sort_slot(SortOrder sort) {
    return static_cast<Xapian::valueno>(sort == SortOrder::added ? schema::kSlotAdded : schema::kSlotPublished);
}

// What orders an article in a ranking, read once per article merged.
struct RankKey {
    double weight;
    std::string value;  // the sort slot's
    Xapian::docid did;
};

RankKey key_of(SortOrder sort, const Xapian::MSetIterator& it) {
    return {it.get_weight(), it.get_document().get_value(sort_slot(sort)), *it};
}

// Whether `a` comes before `b` in `sort`'s order, as Xapian orders one ranking (searcher.cpp's
// set_order): relevance then newest; or the value (newest, or oldest first) then relevance;
// then the lower docid.
bool before(SortOrder sort, const RankKey& a, const RankKey& b) {
    if (sort == SortOrder::relevance) {
        if (a.weight != b.weight) return a.weight > b.weight;
        if (a.value != b.value) return a.value > b.value;
    } else {
        if (a.value != b.value) return sort == SortOrder::oldest ? a.value < b.value : a.value > b.value;
        if (a.weight != b.weight) return a.weight > b.weight;
    }
    return a.did < b.did;
}

}  // namespace

PartsAnswer search_in_parts(const Xapian::Database& whole, const std::vector<Xapian::Database>& parts,
                            const std::vector<Xapian::Query>& queries, const EnquireSetup& setup,
                            const SearchRequest& request, FacetColumnCache& columns, FacetSpy& spy, StoryCounter& stories) {
    spy.count_shards_from(columns, whole, parts);
    if (request.collapse) stories.count_shards_from(columns, whole, parts);
    bool histogram = request.histogram || request.timeline != TimelineUnit::none;
    const std::size_t wanted = request.offset + request.limit;
    PartsAnswer answer;
    answer.msets.resize(parts.size());
    std::vector<std::vector<Xapian::MSetIterator>> ranked(parts.size());
    std::vector<std::unique_ptr<FacetSpy>> part_spies;
    std::vector<std::unique_ptr<StoryCounter>> part_stories;
    std::vector<std::unique_ptr<Xapian::Enquire>> enquires;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        part_spies.push_back(std::make_unique<FacetSpy>(facets_to_count(request), histogram));
        part_stories.push_back(std::make_unique<StoryCounter>());
        // The parts' column is the index's, read (once) by the set's count_shards_from above.
        part_spies[k]->count_from(columns, parts[k]);
        if (request.collapse) part_stories[k]->count_from(columns, parts[k]);
        // Made here, on the calling thread: an Enquire copies the query and the handle, whose
        // reference counts only this thread touches.
        enquires.push_back(std::make_unique<Xapian::Enquire>(parts[k]));
        enquires[k]->set_query(queries[k]);
        setup(*enquires[k]);
        if (!part_spies[k]->empty()) enquires[k]->add_matchspy(part_spies[k].get());
        if (request.collapse) enquires[k]->add_matchspy(part_stories[k].get());
    }
    on_every_core(parts.size(), [&](std::size_t k) {
        Xapian::doccount check = std::max<Xapian::doccount>(parts[k].get_doccount(), 1);
        if (request.collapse) {
            StoryPage page = collapsed_page(*enquires[k], 0, wanted, check);
            answer.msets[k] = std::move(page.mset);
            ranked[k] = std::move(page.page);
        } else {
            answer.msets[k] = enquires[k]->get_mset(0, static_cast<Xapian::doccount>(wanted), check);
            for (auto it = answer.msets[k].begin(); it != answer.msets[k].end(); ++it) ranked[k].push_back(it);
        }
    });
    for (std::size_t k = 0; k < parts.size(); ++k) {
        spy.add_shard(*part_spies[k], k);
        if (request.collapse) stories.add_shard(*part_stories[k], k);
        answer.estimated += answer.msets[k].get_matches_estimated();
        answer.exact = answer.exact && answer.msets[k].get_matches_lower_bound() == answer.msets[k].get_matches_upper_bound();
    }
    // The parts' lists merged in order; a story listed from one part is not listed again.
    std::vector<std::vector<RankKey>> keys(parts.size());
    for (std::size_t k = 0; k < parts.size(); ++k) {
        for (const Xapian::MSetIterator& it : ranked[k]) keys[k].push_back(key_of(request.sort, it));
    }
    std::vector<std::size_t> at(parts.size(), 0);
    StoryCollapser listed;
    std::size_t kept = 0;
    while (kept < wanted) {
        std::size_t best = parts.size();
        for (std::size_t k = 0; k < parts.size(); ++k) {
            if (at[k] < ranked[k].size() && (best == parts.size() || before(request.sort, keys[k][at[k]], keys[best][at[best]]))) best = k;
        }
        if (best == parts.size()) break;
        const Xapian::MSetIterator& it = ranked[best][at[best]++];
        if (request.collapse && !listed.keep(it)) continue;
        if (kept++ >= request.offset) answer.page.emplace_back(best, it);
    }
    return answer;
}

}  // namespace dateline
