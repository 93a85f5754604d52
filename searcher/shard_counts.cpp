#include "shard_counts.h"

#include "related.h"

namespace dateline {

void count_each_shard(const Xapian::Query& query, const std::vector<Xapian::Database>& shards, FacetColumnCache& columns,
                      const SearchRequest& request, FacetSpy& spy, StoryCounter& stories, double time_limit_s) {
    for (const Xapian::Database& shard : shards) {
        FacetSpy shard_spy(facets_to_count(request), request.histogram || request.timeline != TimelineUnit::none);
        shard_spy.count_from(columns, shard);
        StoryCounter shard_stories;
        shard_stories.count_from(columns, shard);
        Xapian::Enquire enquire(shard);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        if (time_limit_s > 0) enquire.set_time_limit(time_limit_s);
        if (!shard_spy.empty()) enquire.add_matchspy(&shard_spy);
        enquire.add_matchspy(&shard_stories);
        enquire.get_mset(0, 0, std::max<Xapian::doccount>(shard.get_doccount(), 1));
        spy.add_all(shard_spy);
        stories.add_all(shard_stories);
    }
}

}  // namespace dateline
