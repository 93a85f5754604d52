#include "shard_counts.h"

#include <algorithm>
#include <memory>

#include "on_every_core.h"
#include "related.h"

namespace dateline {

void count_each_shard(const std::vector<Xapian::Query>& queries, const Xapian::Database& set, const std::vector<Xapian::Database>& shards,
                      FacetColumnCache& columns, const SearchRequest& request, FacetSpy& spy, StoryCounter& stories,
                      double time_limit_s) {
    bool histogram = request.histogram || request.timeline != TimelineUnit::none;
    std::vector<std::unique_ptr<FacetSpy>> shard_spies;
    std::vector<std::unique_ptr<StoryCounter>> shard_stories;
    for (std::size_t k = 0; k < shards.size(); ++k) {
        shard_spies.push_back(std::make_unique<FacetSpy>(facets_to_count(request), histogram));
        shard_stories.push_back(std::make_unique<StoryCounter>());
    }
    on_every_core(shards.size(), [&](std::size_t k) {
        const Xapian::Database& shard = shards[k];
        FacetSpy& shard_spy = *shard_spies[k];
        StoryCounter& counter = *shard_stories[k];
        // Each thread reads its shard's columns, when the cache has them not yet.
        shard_spy.count_from(columns, shard);
        counter.count_from(columns, shard);
        Xapian::Enquire enquire(shard);
        enquire.set_query(queries[k]);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        if (time_limit_s > 0) enquire.set_time_limit(time_limit_s);
        if (!shard_spy.empty()) enquire.add_matchspy(&shard_spy);
        enquire.add_matchspy(&counter);
        enquire.get_mset(0, 0, std::max<Xapian::doccount>(shard.get_doccount(), 1));
    });
    // The set's ids, made from the columns the shards counted with (kept with the set's state).
    spy.count_shards_from(columns, set, shards);
    stories.count_shards_from(columns, set, shards);
    for (std::size_t k = 0; k < shards.size(); ++k) {
        spy.add_shard(*shard_spies[k], k);
        stories.add_shard(*shard_stories[k], k);
    }
}

}  // namespace dateline
