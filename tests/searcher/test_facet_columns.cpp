// Facet columns (searcher/facet_columns.h): a column holds each document's values as ids, over
// one database or several combined; counting from columns gives exactly what counting from the
// documents gives, for the spy alone and for whole searches (facets, histogram, related names,
// timeline); the cache reads a column once per index state and reads it again after a commit;
// shards counted one by one add up through the ids their columns share.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "copies.h"
#include "dates.h"
#include "facet_columns.h"
#include "facets.h"
#include "index_articles.h"
#include "render_json.h"
#include "schema.h"
#include "searcher.h"
#include "temp_dir.h"

using namespace dateline;

namespace {

// A deterministic stream of small numbers, so the articles are varied but the same every run.
struct Draw {
    unsigned long long state;
    explicit Draw(unsigned long long seed) : state(seed) {}
    std::size_t operator()(std::size_t below) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>((state >> 33) % below);
    }
};

const std::vector<std::string> kPeople{"Ada Quinn", "Bo Lind", "Cy Marsh", "Dee Holt", "Eli Park", "Fay Moss", "Gus Vale",
                                       "Hal Roy", "Ivy Shaw", "Jo Dunn", "Kit Ames", "Lou Bell"};
const std::vector<std::string> kPlaces{"Oslo", "Lima", "Accra", "Hanoi", "Quito", "Perth"};
const std::vector<std::string> kSources{"Reuters", "AP", "Nordwire", "Agence"};
const std::vector<std::string> kWords{"markets", "harvest", "election", "storm", "treaty", "strike"};

// The values of one slot as a document holds them: some empty, some with several names.
std::vector<std::string> pick(Draw& draw, const std::vector<std::string>& pool, std::size_t most) {
    std::set<std::string> picked;
    for (std::size_t n = draw(most + 1); n > 0; --n) picked.insert(pool[draw(pool.size())]);
    return {picked.begin(), picked.end()};
}

// Writes `count` documents with the facet slots the indexer fills, and a word term each, so
// queries can match parts of them.
void add_documents(Xapian::WritableDatabase& db, std::size_t count, unsigned long long seed) {
    Draw draw(seed);
    for (std::size_t i = 0; i < count; ++i) {
        Xapian::Document doc;
        doc.add_term("W" + kWords[draw(kWords.size())]);
        doc.add_term("W" + kWords[draw(kWords.size())]);
        if (draw(10) != 0) {
            char published[16];
            std::snprintf(published, sizeof published, "19%02zu%02zu%02zu120000", 80 + draw(3), 1 + draw(12), 1 + draw(28));
            doc.add_value(schema::kSlotPublished, published);
        }
        auto people = pick(draw, kPeople, 4);
        if (!people.empty()) doc.add_value(schema::kSlotPeople, schema::encode_list(people));
        auto places = pick(draw, kPlaces, 2);
        if (!places.empty()) doc.add_value(schema::kSlotPlaces, schema::encode_list(places));
        doc.add_value(schema::kSlotSource, kSources[draw(kSources.size())]);
        db.add_document(doc);
    }
}

const std::vector<std::string> kFacets{"people", "places", "sources"};

// Runs `query` on `db` with `spy` watching every match, as the searcher does.
void run(const Xapian::Database& db, const Xapian::Query& query, FacetSpy& spy) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 10, db.get_doccount());
}

std::vector<Xapian::Query> queries() {
    std::vector<Xapian::Query> out{Xapian::Query::MatchAll};
    for (const std::string& w : kWords) out.emplace_back("W" + w);
    out.emplace_back(Xapian::Query::OP_AND, Xapian::Query("Wmarkets"), Xapian::Query("Wstorm"));
    out.emplace_back(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, Xapian::Query("Wtreaty"));
    out.emplace_back("Wnothing");
    return out;
}

// Checks that two spies counted the same: the facets in order, every value's count, the days.
void check_same_facets(const FacetSpy& expected, const FacetSpy& got) {
    auto a = expected.facets(5), b = got.facets(5);
    REQUIRE(a.size() == b.size());
    for (std::size_t f = 0; f < a.size(); ++f) {
        CHECK(a[f].name == b[f].name);
        REQUIRE(a[f].values.size() == b[f].values.size());
        for (std::size_t v = 0; v < a[f].values.size(); ++v) {
            CHECK(a[f].values[v].value == b[f].values[v].value);
            CHECK(a[f].values[v].count == b[f].values[v].count);
        }
    }
    for (const std::string& name : kFacets) CHECK(*expected.counts(name) == *got.counts(name));
    CHECK(expected.per_day() == got.per_day());
}

// Checks that counting from `cache`'s columns gives what counting from the documents gives,
// for every query: the facets in order, every value's count, and the matches per day.
void check_same_counts(const Xapian::Database& db, FacetColumnCache& cache) {
    for (const Xapian::Query& q : queries()) {
        CAPTURE(q.get_description());
        FacetSpy plain(kFacets, true), columns(kFacets, true);
        columns.count_from(cache, db);
        run(db, q, plain);
        run(db, q, columns);
        check_same_facets(plain, columns);
        CHECK(plain.histogram().unit == columns.histogram().unit);
        CHECK(plain.histogram().buckets.size() == columns.histogram().buckets.size());
    }
}

}  // namespace

TEST_CASE("a column holds each document's values as ids; a document without values holds none") {
    testing::TempDir tmp;
    Xapian::WritableDatabase db((tmp.path / "db").string(), Xapian::DB_CREATE);
    Xapian::Document a, b, c;
    a.add_value(schema::kSlotPeople, schema::encode_list({"Ada Quinn", "Bo Lind"}));
    a.add_value(schema::kSlotPublished, "19870301120000");
    c.add_value(schema::kSlotPeople, schema::encode_list({"Bo Lind"}));
    c.add_value(schema::kSlotPublished, "1987");  // too short to name a day
    db.add_document(a);
    db.add_document(b);
    db.add_document(c);
    db.commit();

    FacetColumn people = FacetColumn::read(db, schema::kSlotPeople, FacetColumn::Split::list);
    auto values = [&](const FacetColumn& col, Xapian::docid did) {
        std::vector<std::string> out;
        for (auto id = col.ids_begin(did); id != col.ids_end(did); ++id) out.push_back(col.value(*id));
        return out;
    };
    CHECK(people.value_count() == 2);
    CHECK(values(people, 1) == std::vector<std::string>{"Ada Quinn", "Bo Lind"});
    CHECK(values(people, 2).empty());
    CHECK(values(people, 3) == std::vector<std::string>{"Bo Lind"});
    CHECK(people.covers(3));
    CHECK(!people.covers(4));

    FacetColumn days = FacetColumn::read(db, schema::kSlotPublished, FacetColumn::Split::day);
    CHECK(values(days, 1) == std::vector<std::string>{"19870301"});
    CHECK(values(days, 3).empty());
}

TEST_CASE("counting from columns gives the counts the documents give, for every query") {
    testing::TempDir tmp;
    Xapian::WritableDatabase db((tmp.path / "db").string(), Xapian::DB_CREATE);
    add_documents(db, 600, 1);
    // A few deleted documents leave holes in the docids.
    for (Xapian::docid did = 5; did < 600; did += 97) db.delete_document(did);
    db.commit();
    Xapian::Database reader((tmp.path / "db").string());
    FacetColumnCache cache;
    check_same_counts(reader, cache);
    // Three facets and the days, each read once for all the queries.
    CHECK(cache.reads() == 4);
}

TEST_CASE("over several databases combined, columns follow the combined docids; the spy counts right") {
    testing::TempDir tmp;
    Xapian::Database combined;
    for (int shard = 0; shard < 3; ++shard) {
        std::string path = (tmp.path / ("shard-" + std::to_string(shard))).string();
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
        add_documents(db, 150 + 40 * static_cast<std::size_t>(shard), 10 + static_cast<unsigned long long>(shard));
        db.commit();
        combined.add_database(Xapian::Database(path));
    }
    // A column read from the combined database is keyed by the combined docid: docid 2 is the
    // first document of the second shard.
    FacetColumn sources = FacetColumn::read(combined, schema::kSlotSource, FacetColumn::Split::list);
    REQUIRE(sources.ids_end(2) - sources.ids_begin(2) == 1);
    CHECK(sources.value(*sources.ids_begin(2)) == combined.get_document(2).get_value(schema::kSlotSource));
    // A spy sees each shard's own docids (Xapian 1.4), so it counts from the documents there,
    // and the counts are still right.
    FacetColumnCache cache;
    check_same_counts(combined, cache);
    CHECK(cache.reads() == 0);
    // The state names each shard.
    auto state = index_state(combined);
    REQUIRE(state);
    CHECK(std::count(state->begin(), state->end(), ';') == 3);
}

TEST_CASE("the cache reads a column once per state and again after a commit to any shard") {
    testing::TempDir tmp;
    std::string first = (tmp.path / "a").string(), second = (tmp.path / "b").string();
    Xapian::WritableDatabase writer(first, Xapian::DB_CREATE);
    add_documents(writer, 50, 3);
    writer.commit();
    {
        Xapian::WritableDatabase other(second, Xapian::DB_CREATE);
        add_documents(other, 50, 4);
        other.commit();
    }
    Xapian::Database db(first);
    db.add_database(Xapian::Database(second));
    FacetColumnCache cache;
    auto before = cache.column(db, schema::kSlotPeople, FacetColumn::Split::list);
    REQUIRE(before);
    CHECK(cache.column(db, schema::kSlotPeople, FacetColumn::Split::list) == before);
    CHECK(cache.reads() == 1);

    // A document of the first shard now names someone new.
    Xapian::Document changed;
    changed.add_value(schema::kSlotPeople, "Zed Newcomer");
    writer.replace_document(1, changed);
    writer.commit();
    db.reopen();
    auto after = cache.column(db, schema::kSlotPeople, FacetColumn::Split::list);
    REQUIRE(after);
    CHECK(after != before);
    CHECK(cache.reads() == 2);
    // Docid 1 of the first shard is combined docid 1.
    REQUIRE(after->ids_end(1) - after->ids_begin(1) == 1);
    CHECK(after->value(*after->ids_begin(1)) == "Zed Newcomer");
    check_same_counts(db, cache);
}

TEST_CASE("databases read in turn keep their columns: shards counted one by one do not push each other out") {
    testing::TempDir tmp;
    std::vector<Xapian::Database> shards;
    for (int i = 0; i < 4; ++i) {
        std::string path = (tmp.path / ("shard-" + std::to_string(i))).string();
        Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
        add_documents(writer, 20, static_cast<unsigned>(3 + i));
        writer.commit();
        shards.emplace_back(path);
    }
    FacetColumnCache cache;
    for (int round = 0; round < 3; ++round) {
        for (const Xapian::Database& shard : shards) CHECK(cache.column(shard, schema::kSlotPeople, FacetColumn::Split::list));
    }
    CHECK(cache.reads() == 4);
}

namespace {

// Three shards on disk, their documents drawn from different seeds (so one name has different
// ids in different shards), and the database that searches them together.
struct ThreeShards {
    testing::TempDir tmp;
    std::vector<Xapian::Database> shards;
    Xapian::Database set;
    ThreeShards() {
        for (int i = 0; i < 3; ++i) {
            std::string path = (tmp.path / ("shard-" + std::to_string(i))).string();
            Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
            add_documents(writer, 60 + 25 * static_cast<std::size_t>(i), 21 + static_cast<unsigned long long>(i));
            writer.commit();
            shards.emplace_back(path);
            set.add_database(Xapian::Database(path));
        }
    }
};

}  // namespace

TEST_CASE("shards' columns share ids: each shard's id maps to the set's id of the same value, kept per state") {
    ThreeShards three;
    FacetColumnCache cache;
    auto shared = cache.shard_columns(three.set, three.shards, schema::kSlotPeople, FacetColumn::Split::list);
    REQUIRE(shared);
    REQUIRE(shared->shards.size() == 3);
    std::set<std::string> all;
    bool ids_differ = false;
    for (std::size_t k = 0; k < 3; ++k) {
        const FacetColumn& column = *shared->shards[k];
        REQUIRE(shared->to_set[k].size() == column.value_count());
        for (std::uint32_t id = 0; id < column.value_count(); ++id) {
            CHECK(shared->values->value(shared->to_set[k][id]) == column.value(id));
            ids_differ = ids_differ || shared->to_set[k][id] != id;
            all.insert(column.value(id));
        }
    }
    CHECK(ids_differ);  // else the mapping would not be tested
    CHECK(shared->values->value_count() == all.size());  // each value once
    CHECK(!shared->values->covers(1));
    // Made once per state, from the shards' own columns (one read each).
    CHECK(cache.shard_columns(three.set, three.shards, schema::kSlotPeople, FacetColumn::Split::list) == shared);
    CHECK(cache.reads() == 3);
}

TEST_CASE("shards counted one by one add up, id by id, to the counts of the set's documents") {
    ThreeShards three;
    FacetColumnCache cache;
    for (const Xapian::Query& q : queries()) {
        CAPTURE(q.get_description());
        FacetSpy plain(kFacets, true), set(kFacets, true);
        run(three.set, q, plain);
        set.count_shards_from(cache, three.set, three.shards);
        for (std::size_t k = 0; k < three.shards.size(); ++k) {
            FacetSpy shard(kFacets, true);
            shard.count_from(cache, three.shards[k]);
            run(three.shards[k], q, shard);
            set.add_shard(shard, k);
        }
        check_same_facets(plain, set);
    }
    // Three facets and the days, per shard, read once for all the queries.
    CHECK(cache.reads() == 12);
}

TEST_CASE("a story with copies in two shards counts once, by shared id or, without columns, by key") {
    testing::TempDir tmp;
    // Story keys per shard ("" is an article of no story): b has copies in shards 0 and 1. A
    // key starting with "*" is also an article of the narrower search.
    const std::vector<std::vector<std::string>> keys{{"*00000000000000a1", "*00000000000000b2", "00000000000000c3", "00000000000000b2"},
                                                     {"00000000000000d4", "*00000000000000b2"},
                                                     {"*00000000000000e5", ""}};
    std::vector<Xapian::Database> shards;
    Xapian::Database set;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        std::string path = (tmp.path / ("shard-" + std::to_string(i))).string();
        Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
        for (std::string key : keys[i]) {
            Xapian::Document doc;
            doc.add_term("Wall");
            if (!key.empty() && key[0] == '*') {
                doc.add_term("Wsome");
                key.erase(0, 1);
            }
            if (!key.empty()) doc.add_value(schema::kSlotStory, key);
            writer.add_document(doc);
        }
        writer.commit();
        shards.emplace_back(path);
        set.add_database(Xapian::Database(path));
    }
    auto count = [&](StoryCounter& counter, const Xapian::Database& db, const std::string& word) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(word));
        enquire.add_matchspy(&counter);
        enquire.get_mset(0, 0, db.get_doccount());
    };
    FacetColumnCache cache;
    // 0: every shard by its column; 1: shard 1 read from its documents (no column): joined by key.
    for (int mixed = 0; mixed < 2; ++mixed) {
        for (const std::string word : {"Wall", "Wsome"}) {
            CAPTURE(mixed);
            CAPTURE(word);
            StoryCounter whole, by_shard;
            count(whole, set, word);
            by_shard.count_shards_from(cache, set, shards);
            for (std::size_t k = 0; k < shards.size(); ++k) {
                StoryCounter one;
                if (!(mixed && k == 1)) one.count_from(cache, shards[k]);
                count(one, shards[k], word);
                by_shard.add_shard(one, k);
            }
            // a, b, c, d, e and the article of no story; a, b (twice) and e.
            CHECK(whole.articles() == (word == "Wall" ? 8u : 4u));
            CHECK(whole.stories() == (word == "Wall" ? 6u : 3u));
            CHECK(by_shard.articles() == whole.articles());
            CHECK(by_shard.stories() == whole.stories());
        }
    }
}

TEST_CASE("a database without revisions (in memory) gets no columns: the spy counts from the documents") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    add_documents(db, 40, 5);
    FacetColumnCache cache;
    CHECK(!index_state(db));
    CHECK(cache.column(db, schema::kSlotPeople, FacetColumn::Split::list) == nullptr);
    FacetSpy plain(kFacets, true), columns(kFacets, true);
    columns.count_from(cache, db);
    run(db, Xapian::Query::MatchAll, plain);
    run(db, Xapian::Query::MatchAll, columns);
    CHECK(*plain.counts("people") == *columns.counts("people"));
    CHECK(plain.per_day() == columns.per_day());
}

TEST_CASE("a searcher with facet columns answers as one without, and sees a commit") {
    testing::TempDir tmp;
    std::string db = (tmp.path / "db").string();
    Draw draw(7);
    std::vector<Article> articles;
    for (int i = 0; i < 120; ++i) {
        Article a;
        a.id = "s" + std::to_string(i);
        a.title = "Story " + std::to_string(i) + " on the " + kWords[draw(kWords.size())];
        a.body = "The " + kWords[draw(kWords.size())] + " and the " + kWords[draw(kWords.size())] + " were news.";
        // Long enough for the copy finder to compare (it needs 40 words), and unlike the others.
        for (int w = 0; w < 45; ++w) a.body += " w" + std::to_string(draw(500));
        a.published = dates::parse("198" + std::to_string(draw(3)) + "-0" + std::to_string(1 + draw(9)) + "-1" + std::to_string(draw(9)));
        a.people = pick(draw, kPeople, 3);
        a.places = pick(draw, kPlaces, 2);
        a.source = kSources[draw(kSources.size())];
        a.curated_people = a.curated_organizations = a.curated_places = true;
        // Every tenth article is a copy of the one before, sent by another source, so that the
        // collapsed story totals (counted from the story column) differ from the articles.
        if (i % 10 == 9) {
            a = articles.back();
            a.id = "s" + std::to_string(i);
            a.source = a.source == kSources[0] ? kSources[1] : kSources[0];
        }
        articles.push_back(a);
    }
    testing::index_articles(db, articles);

    Searcher plain(db), with_columns(db);
    FacetColumnCache cache;
    with_columns.use_facet_columns(&cache);
    auto answer = [](Searcher& s, const SearchRequest& r) {
        nlohmann::json j = response_json(s.search(r));
        j.erase("took_ms");
        return j.dump();
    };
    std::vector<SearchRequest> requests;
    for (const char* q : {"", "markets", "storm OR treaty", "harvest -election", "person:\"Ada Quinn\"", "nothingatall"}) {
        SearchRequest r;
        r.query = q;
        r.histogram = true;
        requests.push_back(r);
        r.related = 5;
        r.timeline = TimelineUnit::month;
        requests.push_back(r);
        r.collapse = false;
        r.offset = 3;
        requests.push_back(r);
    }
    for (const SearchRequest& r : requests) {
        CAPTURE(r.query);
        CHECK(answer(plain, r) == answer(with_columns, r));
    }
    // The default facets (people, organizations, places, sources, years), the days and the stories.
    CHECK(cache.reads() == 7);
    SearchRequest all_stories;
    all_stories.query = "news";
    SearchResponse collapsed = with_columns.search(all_stories);
    CHECK(collapsed.total_articles == articles.size());
    CHECK(collapsed.total == articles.size() - articles.size() / 10);
    std::size_t reads = cache.reads();

    // A new article naming a new person: the next search counts it.
    Article extra = articles[0];
    extra.id = "s-new";
    extra.people = {"Zed Newcomer"};
    testing::index_articles(db, {extra}, "/archive/more");
    SearchRequest everything;
    everything.facets = {"people"};
    everything.facet_limit = 100;
    SearchResponse r = with_columns.search(everything);
    CHECK(cache.reads() == reads + 2);  // the people and the stories (copies collapsed) of the new state
    REQUIRE(r.facets.size() == 1);
    bool counted = false;
    for (const FacetValue& v : r.facets[0].values) counted = counted || (v.value == "Zed Newcomer" && v.count == 1);
    CHECK(counted);
    CHECK(answer(plain, everything) == answer(with_columns, everything));
}
