// One index searched in parts, a thread each (searcher/part_search.h, docid_range.h,
// index_parts.h, on_every_core.h): every job runs once and the first failure is thrown; a docid range keeps exactly the matches in it; the parts' handles read the
// searcher's revision or none are given; and the answer in parts is the answer of one search,
// byte for byte: the same page in the same order (ties broken by docid), the same totals,
// facets, timeline and related names, with copies of one story in different parts collapsed.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "dates.h"
#include "docid_range.h"
#include "facet_columns.h"
#include "index_articles.h"
#include "index_parts.h"
#include "on_every_core.h"
#include "render_json.h"
#include "searcher.h"
#include "temp_dir.h"

using namespace dateline;

TEST_CASE("on_every_core runs every job once, then throws the lowest-numbered job's failure") {
    std::vector<std::atomic<int>> runs(7);
    on_every_core(runs.size(), [&](std::size_t k) { ++runs[k]; });
    for (const auto& n : runs) CHECK(n == 1);
    std::atomic<int> done{0};
    try {
        on_every_core(5, [&](std::size_t k) {
            ++done;
            if (k == 3 || k == 1) throw std::runtime_error("job " + std::to_string(k));
        });
        FAIL("nothing was thrown");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "job 1");
    }
    CHECK(done == 5);  // the others ran to the end
    on_every_core(0, [](std::size_t) { FAIL("a job of none ran"); });
}

TEST_CASE("docids split into nearly equal ranges; a range keeps exactly the matches in it") {
    using Ranges = std::vector<std::pair<Xapian::docid, Xapian::docid>>;
    CHECK(split_docids(10, 3) == Ranges{{1, 3}, {4, 6}, {7, 10}});
    CHECK(split_docids(2, 3) == Ranges{{1, 1}, {2, 2}});
    CHECK(split_docids(0, 2).empty());

    testing::TempDir tmp;
    Xapian::WritableDatabase db((tmp.path / "db").string(), Xapian::DB_CREATE);
    for (int i = 1; i <= 30; ++i) {
        Xapian::Document doc;
        doc.add_term(i % 3 == 0 ? "Wthree" : "Wother");
        db.add_document(doc);
    }
    db.delete_document(9);  // a hole in the range
    db.commit();
    auto matches = [&](const Xapian::Query& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        std::vector<Xapian::docid> out;
        Xapian::MSet mset = enquire.get_mset(0, 100);
        for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
        std::sort(out.begin(), out.end());
        return out;
    };
    auto in_range = [](Xapian::Query q, Xapian::docid first, Xapian::docid last) {
        return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query((new DocidRange(first, last))->release()));
    };
    CHECK(matches(in_range(Xapian::Query("Wthree"), 4, 20)) == std::vector<Xapian::docid>{6, 12, 15, 18});
    CHECK(matches(in_range(Xapian::Query::MatchAll, 8, 11)) == std::vector<Xapian::docid>{8, 10, 11});
    CHECK(matches(in_range(Xapian::Query::MatchAll, 29, 40)) == std::vector<Xapian::docid>{29, 30});
    CHECK(matches(in_range(Xapian::Query("Wthree"), 31, 40)).empty());
}

TEST_CASE("the parts' handles read the searcher's revision, or there are none") {
    testing::TempDir tmp;
    std::string path = (tmp.path / "db").string();
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE);
    writer.add_document(Xapian::Document());
    writer.commit();
    Xapian::Database reader(path);
    IndexParts parts;
    CHECK(parts.handles(reader, path, 1).empty());
    std::vector<Xapian::Database> handles = parts.handles(reader, path, 3);
    REQUIRE(handles.size() == 3);
    for (const Xapian::Database& h : handles) CHECK(h.get_revision() == reader.get_revision());
    // A commit the searcher has not seen: handles kept still read its revision; handles opened
    // now would read the commit, not the searcher's revision, so there are none.
    writer.add_document(Xapian::Document());
    writer.commit();
    CHECK(parts.handles(reader, path, 3).size() == 3);
    IndexParts fresh;
    CHECK(fresh.handles(reader, path, 2).empty());
    // The searcher sees the commit: the kept handles are reopened to it.
    reader.reopen();
    handles = parts.handles(reader, path, 2);
    REQUIRE(handles.size() == 2);
    CHECK(handles[1].get_doccount() == 2);
    CHECK(fresh.handles(reader, path, 2).size() == 2);
}

TEST_CASE("searched in parts, the answer is that of one search, byte for byte") {
    testing::TempDir tmp;
    std::string db = (tmp.path / "db").string();
    const std::vector<std::string> words{"harvest", "storm", "treaty", "markets"};
    std::vector<Article> articles;
    for (int i = 0; i < 90; ++i) {
        Article a;
        a.id = "p" + std::to_string(i);
        a.title = "Report " + std::to_string(i % 7) + " on the " + words[i % 4];
        a.body = "The " + words[i % 4] + " and the " + words[(i / 4) % 4] + " made news.";
        for (int w = 0; w < 45; ++w) a.body += " w" + std::to_string((i * 7919 + w * 104729) % 600);
        // Few dates and few texts: many articles tie on weight and date, so docids break ties.
        a.published = dates::parse("1987-03-0" + std::to_string(1 + i % 3));
        if (i >= 40 && i < 60) a.body = articles[static_cast<std::size_t>(i % 4)].body;
        a.people = {i % 2 ? "Ada Quinn" : "Bo Lind"};
        a.places = {i % 3 ? "Oslo" : "Lima"};
        a.source = i % 5 ? "Nordwire" : "Agence";
        a.curated_people = a.curated_organizations = a.curated_places = true;
        // Copies of the first stories at the end: the story spans the parts.
        if (i >= 80) {
            a = articles[static_cast<std::size_t>(i - 80)];
            a.id = "p" + std::to_string(i);
            a.source = "Agence";
        }
        articles.push_back(a);
    }
    testing::index_articles(db, articles);

    FacetColumnCache columns;
    Searcher whole(db);
    whole.use_facet_columns(&columns);
    whole.use_parallel_search(0, 1);
    auto answer = [](Searcher& s, const SearchRequest& r) {
        nlohmann::json j = response_json(s.search(r));
        j.erase("took_ms");
        return j.dump();
    };
    std::vector<SearchRequest> requests;
    for (const char* q : {"", "harvest", "storm OR treaty", "markets -harvest", "news"}) {
        for (SortOrder sort : {SortOrder::relevance, SortOrder::newest, SortOrder::oldest}) {
            SearchRequest r;
            r.query = q;
            r.sort = sort;
            r.histogram = true;
            r.related = 3;
            requests.push_back(r);
            // With a time limit (the HTTP API's way), far from reached: each part its deadline.
            r.time_limit_ms = 60000;
            requests.push_back(r);
            r.time_limit_ms = 0;
            r.offset = 4;
            r.limit = 6;
            requests.push_back(r);
            r.collapse = false;
            requests.push_back(r);
            // Nothing to count but the total: the parts' pages alone count it.
            r.facets.clear();
            r.histogram = false;
            r.related = 0;
            requests.push_back(r);
        }
    }
    for (std::size_t threads : {2, 3, 4}) {
        Searcher in_parts(db);
        in_parts.use_facet_columns(&columns);
        in_parts.use_parallel_search(1, threads);
        for (const SearchRequest& r : requests) {
            CAPTURE(threads);
            CAPTURE(r.query);
            CAPTURE(static_cast<int>(r.sort));
            CAPTURE(r.offset);
            CHECK(answer(in_parts, r) == answer(whole, r));
        }
    }
    // The copies at the end were collapsed into the stories at the start.
    SearchRequest all;
    all.query = "news";
    all.limit = 100;
    SearchResponse collapsed = whole.search(all);
    CHECK(collapsed.total_articles == articles.size());
    CHECK(collapsed.total < articles.size() - 10);
}
