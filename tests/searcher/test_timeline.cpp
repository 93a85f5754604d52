// Timelines (timeline.h): periods and their labels (ISO weeks), gaps, the automatic unit, and on
// a small index the sums that make shares mean something: a query matching every article has a
// share of 1 in every period; a filter and its exclusion add up to all articles per period; a
// period without any article in the index is a gap, not 0.
#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

#include <xapian.h>

#include "dates.h"
#include "document_builder.h"
#include "index_writer.h"
#include "searcher.h"
#include "index_articles.h"
#include "temp_dir.h"
#include "timeline.h"

namespace fs = std::filesystem;
using namespace dateline;
using std::chrono::sys_days;

namespace {

sys_days day(int y, unsigned m, unsigned d) { return sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}; }

Article story(const std::string& id, const std::string& date, std::vector<std::string> people) {
    Article a;
    a.id = id;
    a.title = "Story " + id;
    a.body = "The wire reports news from the capital.";
    a.published = dates::parse(date);
    a.people = std::move(people);
    a.source = "Wire";
    return a;
}

// Articles in ISO weeks 2025-W02 (four), W04 (two) and W06 (one): the index holds none in W03
// or W05; and one without a date.
struct Fixture {
    testing::TempDir tmp;
    Fixture() {
        std::vector<Article> articles{
            story("a1", "2025-01-06", {"Anna Berg"}), story("a2", "2025-01-06", {}), story("a3", "2025-01-08", {"Anna Berg"}),
            story("a4", "2025-01-12", {}),             story("a5", "2025-01-20", {}), story("a6", "2025-01-26", {"Anna Berg"}),
            story("a7", "2025-02-03", {}),             story("a8", "", {"Anna Berg"}),
        };
        testing::index_articles(db(), articles);
    }
    std::string db() const { return (tmp.path / "db").string(); }
};

Timeline timeline_of(Searcher& s, SearchRequest req, TimelineUnit unit) {
    req.timeline = unit;
    SearchResponse r = s.search(req);
    REQUIRE(r.timeline);
    return *r.timeline;
}

}  // namespace

TEST_CASE("units parse by name, any case, and nothing else") {
    CHECK(parse_timeline_unit("auto") == TimelineUnit::automatic);
    CHECK(parse_timeline_unit("Week") == TimelineUnit::week);
    CHECK(parse_timeline_unit("year") == TimelineUnit::year);
    CHECK_THROWS_AS(parse_timeline_unit("fortnight"), std::invalid_argument);
    CHECK_THROWS_AS(parse_timeline_unit(""), std::invalid_argument);
    CHECK(timeline_unit_name(TimelineUnit::month) == "month");
}

TEST_CASE("ISO weeks begin on Monday and belong to the year of their Thursday") {
    DayCounts all{{day(2020, 12, 31), 1}, {day(2021, 1, 4), 1}, {day(2024, 12, 30), 1}};
    // Thursday 2020-12-31 is in 2020-W53, which runs to Sunday 2021-01-03.
    Timeline t = build_timeline({{day(2020, 12, 31), 1}}, all, TimelineUnit::week);
    REQUIRE(t.periods.size() == 1);
    CHECK(t.unit == "week");
    CHECK(t.periods[0].period == "2020-W53");
    CHECK(t.periods[0].from == "2020-12-28");
    CHECK(t.periods[0].to == "2021-01-03");
    t = build_timeline({{day(2021, 1, 4), 1}}, all, TimelineUnit::week);
    CHECK(t.periods[0].period == "2021-W01");
    // Monday 2024-12-30 already belongs to 2025's first week.
    t = build_timeline({{day(2024, 12, 30), 1}}, all, TimelineUnit::week);
    CHECK(t.periods[0].period == "2025-W01");
}

TEST_CASE("periods run without a hole; a period with no article is a gap, one with no match is 0") {
    DayCounts all{{day(1987, 1, 15), 10}, {day(1987, 3, 2), 4}, {day(1987, 4, 30), 5}};
    DayCounts matches{{day(1987, 1, 15), 2}, {day(1987, 4, 30), 5}};
    Timeline t = build_timeline(matches, all, TimelineUnit::month);
    REQUIRE(t.periods.size() == 4);
    CHECK(t.periods[0].period == "1987-01");
    CHECK(t.periods[0].share == doctest::Approx(0.2));
    CHECK(t.periods[1].period == "1987-02");
    CHECK(t.periods[1].all == 0);
    CHECK_FALSE(t.periods[1].share);  // a gap
    CHECK(t.periods[2].count == 0);
    REQUIRE(t.periods[2].share);
    CHECK(*t.periods[2].share == 0);  // articles, none matching
    CHECK(t.periods[3].to == "1987-04-30");
    CHECK(t.periods[3].share == doctest::Approx(1.0));
    // Years add up the same days.
    t = build_timeline(matches, all, TimelineUnit::year);
    REQUIRE(t.periods.size() == 1);
    CHECK(t.periods[0].count == 7);
    CHECK(t.periods[0].all == 19);
}

TEST_CASE("the automatic unit suits the span; since and until widen the range within the index") {
    DayCounts all{{day(2000, 1, 1), 1}, {day(2000, 2, 15), 1}, {day(2000, 9, 1), 1}, {day(2003, 1, 1), 1}, {day(2009, 1, 1), 1}};
    CHECK(build_timeline({{day(2000, 1, 1), 1}, {day(2000, 2, 15), 1}}, all, TimelineUnit::automatic).unit == "day");
    CHECK(build_timeline({{day(2000, 1, 1), 1}, {day(2000, 9, 1), 1}}, all, TimelineUnit::automatic).unit == "week");
    CHECK(build_timeline({{day(2000, 1, 1), 1}, {day(2003, 1, 1), 1}}, all, TimelineUnit::automatic).unit == "month");
    CHECK(build_timeline({{day(2000, 1, 1), 1}, {day(2009, 1, 1), 1}}, all, TimelineUnit::automatic).unit == "year");
    // One match, but the range asked for runs from before the index begins to 2003.
    Timeline t = build_timeline({{day(2000, 9, 1), 1}}, all, TimelineUnit::year, day(1990, 1, 1), day(2003, 6, 30));
    REQUIRE(t.periods.size() == 4);
    CHECK(t.periods.front().period == "2000");
    CHECK(t.periods.back().period == "2003");
    CHECK(*t.periods.back().share == 0);
    CHECK_FALSE(t.periods[1].share);
    // No match and no range: nothing to show.
    CHECK(build_timeline({}, all, TimelineUnit::month).periods.empty());
    CHECK(build_timeline({}, all, TimelineUnit::none).unit.empty());
}

TEST_CASE("timeline shares sum correctly on an index") {
    Fixture fx;
    Searcher s(fx.db());
    SearchRequest every;
    every.query = "news";  // every article holds it

    SUBCASE("a query matching every article has a share of 1 wherever there are articles") {
        Timeline t = timeline_of(s, every, TimelineUnit::week);
        CHECK(t.unit == "week");
        std::vector<std::string> periods;
        std::size_t counted = 0;
        for (const TimelinePeriod& p : t.periods) {
            periods.push_back(p.period);
            counted += p.count;
            CHECK(p.count == p.all);
            if (p.all > 0) CHECK(p.share == doctest::Approx(1.0));
        }
        CHECK(periods == std::vector<std::string>{"2025-W02", "2025-W03", "2025-W04", "2025-W05", "2025-W06"});
        CHECK(counted == 7);  // the undated article is in no period
        CHECK(t.periods[0].all == 4);
        CHECK_FALSE(t.periods[1].share);  // no article at all that week: a gap
        CHECK_FALSE(t.periods[3].share);
    }

    SUBCASE("a filter and its exclusion add up to all articles in each period") {
        for (TimelineUnit unit : {TimelineUnit::day, TimelineUnit::week, TimelineUnit::month, TimelineUnit::year}) {
            CAPTURE(timeline_unit_name(unit));
            SearchRequest with = every, without = every;
            with.filters = {{"person", "Anna Berg"}};
            without.exclude = {{"person", "Anna Berg"}};
            Timeline all = timeline_of(s, every, unit);
            Timeline a = timeline_of(s, with, unit);
            Timeline b = timeline_of(s, without, unit);
            // Each spans its own matches; line them up by period.
            std::map<std::string, std::size_t> sum;
            for (const Timeline* part : {&a, &b}) {
                for (const TimelinePeriod& p : part->periods) {
                    sum[p.period] += p.count;
                    // The denominator is the index's, whatever the query.
                    for (const TimelinePeriod& q : all.periods) {
                        if (q.period == p.period) CHECK(q.all == p.all);
                    }
                }
            }
            for (const TimelinePeriod& p : all.periods) CHECK(sum[p.period] == p.all);
        }
    }

    SUBCASE("since and until set the range: quiet weeks are 0, empty ones gaps") {
        SearchRequest anna = every;
        anna.filters = {{"person", "Anna Berg"}};
        anna.since = dates::parse_bound("2025-01-01", false);
        anna.until = dates::parse_bound("2025-02-28", true);
        Timeline t = timeline_of(s, anna, TimelineUnit::week);
        REQUIRE(t.periods.size() == 5);  // clipped to the index's first and last dated article
        CHECK(t.periods[0].count == 2);
        CHECK(t.periods[0].share == doctest::Approx(0.5));
        CHECK(t.periods[2].share == doctest::Approx(0.5));
        CHECK_FALSE(t.periods[3].share);
        REQUIRE(t.periods[4].share);
        CHECK(*t.periods[4].share == 0);
    }

    SUBCASE("no timeline unless asked") {
        CHECK_FALSE(s.search(every).timeline);
    }

    SUBCASE("the totals are read again after a commit") {
        Xapian::Database before(fx.db());
        std::shared_ptr<const DayCounts> first = articles_per_day_cached(before);
        CHECK(*first == articles_per_day(before));
        CHECK(first->at(day(2025, 1, 6)) == 2);
        CHECK(articles_per_day_cached(before) == first);  // the same state: the same totals
        {
            IndexWriter writer(fx.db());
            DocumentBuilder builder;
            Article a = story("b1", "2025-01-06", {});
            FileRecord record;
            record.path = "/archive/more";
            std::vector<BuiltArticle> built{{DocumentBuilder::id_term(a), builder.build(a), 0}};
            writer.apply_file(record, built);
            writer.commit();
        }
        Xapian::Database after(fx.db());
        CHECK(articles_per_day_cached(after)->at(day(2025, 1, 6)) == 3);
        CHECK(timeline_of(s, every, TimelineUnit::week).periods[0].all == 5);
    }
}
