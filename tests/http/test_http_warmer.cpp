// The column warmer (searcher/http/http_warmer.h): warming reads the columns a first search
// counts from, so that search reads none; an unchanged index is not read again; a commit is
// warmed anew; the warmer's thread does this on its own and stops at once when told; and a
// missing index is no error to it.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "dates.h"
#include "http_searchers.h"
#include "http_warmer.h"
#include "index_articles.h"
#include "temp_dir.h"

using namespace dateline;
using namespace std::chrono_literals;

namespace {

Article story(int n) {
    Article a;
    a.id = "w" + std::to_string(n);
    a.title = "Harvest report " + std::to_string(n);
    a.body = "The harvest was counted in the valley this week.";
    a.source = n % 2 ? "Nordwire" : "Agence";
    a.published = dates::parse("1990-05-1" + std::to_string(n % 9));
    a.people = {n % 3 ? "Ada Quinn" : "Bo Lind"};
    a.places = {"Oslo"};
    return a;
}

std::vector<Article> stories(int from, int to) {
    std::vector<Article> out;
    for (int n = from; n < to; ++n) out.push_back(story(n));
    return out;
}

// Polls `done` for up to five seconds.
template <typename Done>
bool within_seconds(Done done) {
    for (int i = 0; i < 500; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return done();
}

}  // namespace

TEST_CASE("warming reads the columns a first search needs, once per revision") {
    testing::TempDir dir;
    std::string db = (dir.path / "index").string();
    testing::index_articles(db, stories(0, 12));
    SearcherPerThread searchers(db);
    CHECK(searchers.columns_read() == 0);

    searchers.warm();
    std::size_t warmed = searchers.columns_read();
    CHECK(warmed > 0);

    // A search as the page asks it, on another thread (its own Searcher): nothing left to read.
    SearchResponse first;
    std::thread([&] {
        first = searchers.with([](Searcher& s) {
            SearchRequest r;
            r.query = "harvest";
            r.timeline = TimelineUnit::automatic;
            return s.search(r);
        });
    }).join();
    CHECK(first.total == 12);
    CHECK_FALSE(first.approximate);
    CHECK(searchers.columns_read() == warmed);

    searchers.warm();  // unchanged index: answered from the cache, nothing read
    CHECK(searchers.columns_read() == warmed);

    testing::index_articles(db, stories(12, 20), "/archive/more");
    searchers.warm();  // a new revision: its columns are read now
    CHECK(searchers.columns_read() > warmed);
}

TEST_CASE("the warmer's thread warms at start and after a commit, and stops at once") {
    testing::TempDir dir;
    std::string db = (dir.path / "index").string();
    testing::index_articles(db, stories(0, 6));
    SearcherPerThread searchers(db);
    {
        ColumnWarmer warmer(searchers, 20ms);
        CHECK(within_seconds([&] { return searchers.columns_read() > 0; }));
        std::size_t warmed = searchers.columns_read();
        testing::index_articles(db, stories(6, 9), "/archive/more");
        CHECK(within_seconds([&] { return searchers.columns_read() > warmed; }));
    }
    auto start = std::chrono::steady_clock::now();
    {
        ColumnWarmer idle(searchers, 1h);  // stopping does not wait out the interval
    }
    CHECK(std::chrono::steady_clock::now() - start < 5s);
}

TEST_CASE("no index yet: the warmer keeps trying and throws nothing") {
    testing::TempDir dir;
    std::string db = (dir.path / "later").string();
    SearcherPerThread searchers(db);
    CHECK_THROWS(searchers.warm());
    ColumnWarmer warmer(searchers, 20ms);
    std::this_thread::sleep_for(100ms);
    testing::index_articles(db, stories(0, 4));
    CHECK(within_seconds([&] { return searchers.columns_read() > 0; }));
}
