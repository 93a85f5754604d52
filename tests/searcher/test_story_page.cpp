// Copies collapsed on the page (searcher/story_page.h): the page is the one Xapian's own
// collapse gives, in rank order and at any offset; a window crowded with one story's copies is
// widened; the match spies count each match once; a short ranking says it ended.
#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdio>
#include <string>
#include <vector>

#include "schema.h"
#include "story_page.h"

using namespace dateline;

namespace {

constexpr Xapian::valueno kRank = 200;  // a slot of the test's own: the order to rank by

// Documents 1 to `stories.size()`, ranked in that order, each in the story named (none: "").
Xapian::WritableDatabase ranked(const std::vector<std::string>& stories) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (std::size_t i = 0; i < stories.size(); ++i) {
        Xapian::Document doc;
        doc.add_term("news");
        char rank[32];
        std::snprintf(rank, sizeof rank, "%06zu", i);
        doc.add_value(kRank, rank);
        if (!stories[i].empty()) doc.add_value(schema::kSlotStory, stories[i]);
        db.add_document(doc);
    }
    return db;
}

Xapian::Enquire enquire_on(const Xapian::Database& db) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("news"));
    enquire.set_sort_by_value(kRank, false);
    return enquire;
}

std::vector<Xapian::docid> ids(const StoryPage& p) {
    std::vector<Xapian::docid> out;
    for (const Xapian::MSetIterator& it : p.page) out.push_back(*it);
    return out;
}

// What Xapian's own collapse on the story slot puts on the same page.
std::vector<Xapian::docid> xapian_page(const Xapian::Database& db, std::size_t offset, std::size_t limit) {
    Xapian::Enquire enquire = enquire_on(db);
    enquire.set_collapse_key(schema::kSlotStory);
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit));
    return {mset.begin(), mset.end()};
}

// 60 articles: the first 50 are one story run fifty times (more than the first window holds),
// then stories of their own, two articles without a key, and a late copy of the big story.
std::vector<std::string> crowded() {
    std::vector<std::string> stories(50, "big");
    for (int i = 0; i < 7; ++i) stories.push_back("story-" + std::to_string(i));
    stories.push_back("");
    stories.push_back("");
    stories.push_back("big");
    return stories;
}

}  // namespace

TEST_CASE("the page keeps each story's best ranked article, as Xapian's collapse does") {
    Xapian::WritableDatabase db = ranked(crowded());
    for (auto [offset, limit] : {std::pair<std::size_t, std::size_t>{0, 5}, {0, 10}, {2, 3}, {7, 2}, {3, 20}}) {
        CAPTURE(offset);
        CAPTURE(limit);
        Xapian::Enquire enquire = enquire_on(db);
        StoryPage page = collapsed_page(enquire, offset, limit, 0);
        CHECK(ids(page) == xapian_page(db, offset, limit));
        // With the documents fetched at once, as for remote shards: the same page.
        Xapian::Enquire fetching = enquire_on(db);
        CHECK(ids(collapsed_page(fetching, offset, limit, 0, true)) == ids(page));
    }
    Xapian::Enquire enquire = enquire_on(db);
    CHECK(ids(collapsed_page(enquire, 0, 5, 0)) == std::vector<Xapian::docid>{1, 51, 52, 53, 54});
    // The two articles without a story key are two stories.
    Xapian::Enquire again = enquire_on(db);
    CHECK(ids(collapsed_page(again, 8, 3, 0)) == std::vector<Xapian::docid>{58, 59});
}

TEST_CASE("a widened window does not count the matches twice") {
    Xapian::WritableDatabase db = ranked(crowded());
    Xapian::Enquire enquire = enquire_on(db);
    Xapian::ValueCountMatchSpy spy(schema::kSlotStory);
    enquire.add_matchspy(&spy);
    // Stories 0 to 4 lie past the first window of 2 * 5 + 20 = 30 articles, all of story "big".
    StoryPage page = collapsed_page(enquire, 0, 5, db.get_doccount());
    REQUIRE(page.page.size() == 5);
    CHECK(page.mset.size() > 30);
    CHECK(spy.get_total() == 60);
}

TEST_CASE("a ranking with fewer stories than the page asks says it ended") {
    Xapian::WritableDatabase db = ranked(crowded());
    Xapian::Enquire enquire = enquire_on(db);
    StoryPage page = collapsed_page(enquire, 8, 10, 0);
    CHECK(ids(page) == std::vector<Xapian::docid>{58, 59});
    CHECK(page.exhausted);
    Xapian::Enquire full = enquire_on(db);
    StoryPage first = collapsed_page(full, 0, 5, 0);
    CHECK_FALSE(first.exhausted);
    // Past the last story: an empty page.
    Xapian::Enquire past = enquire_on(db);
    CHECK(collapsed_page(past, 40, 10, 0).page.empty());
}

TEST_CASE("one collapser spans two answer sets") {
    Xapian::WritableDatabase db = ranked({"a", "b", "a", "", ""});
    Xapian::Enquire enquire = enquire_on(db);
    Xapian::MSet mset = enquire.get_mset(0, 10);
    StoryCollapser stories;
    std::vector<bool> kept;
    for (auto it = mset.begin(); it != mset.end(); ++it) kept.push_back(stories.keep(it));
    CHECK(kept == std::vector<bool>{true, true, false, true, true});
    // A second ranking of the same articles: every keyed story was already kept.
    Xapian::MSet again = enquire.get_mset(0, 10);
    CHECK_FALSE(stories.keep(again.begin()));
}
