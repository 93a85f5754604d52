// Saved searches and "new since": the added stamps the index writer gives each run, the saved
// searches' file, a check that stops before a run still writing, the Atom feed, and end to end
// dateline-index and dateline-search --save/--saved on files the test writes: exactly the new
// stories after a run, none after an unchanged run, none after a compaction.
#include <doctest/doctest.h>
#include <libxml/parser.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "added_stamp.h"
#include "atom_feed.h"
#include "dates.h"
#include "document_builder.h"
#include "index_writer.h"
#include "saved_searches.h"
#include "schema.h"
#include "searcher.h"
#include "temp_dir.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using namespace dateline;
using dateline::testing::quote;
using dateline::testing::run;
using nlohmann::json;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string story_file(const std::string& title, const std::string& body) { return title + "\n\n" + body + "\n"; }

// dateline-index on `sources` into `db`; fails the test unless it succeeded.
void index(const fs::path& db, const fs::path& sources) {
    auto r = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(sources.string()), true);
    REQUIRE_MESSAGE(r.status == 0, r.out);
}

// dateline-search --saved --json [--peek]: the one saved search's entry.
json check(const fs::path& db, bool peek = false) {
    auto r = run(kSearch + " --db " + quote(db.string()) + " --saved --json" + (peek ? " --peek" : ""));
    json j = json::parse(r.out);
    REQUIRE(j["saved"].size() == 1);
    CHECK(r.status == (j["saved"][0]["new"].get<std::size_t>() > 0 ? 0 : 1));
    return j["saved"][0];
}

std::vector<std::string> new_titles(const json& entry) {
    std::vector<std::string> out;
    for (const json& r : entry["results"]) out.push_back(r["title"].get<std::string>());
    return out;
}

Article article(const std::string& id, const std::string& title) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = title + ", the story.";
    a.published = dates::parse("2025-02-14");
    return a;
}

void write_articles(IndexWriter& writer, const std::string& path, const std::vector<Article>& articles) {
    DocumentBuilder builder;
    std::vector<BuiltArticle> built;
    for (const Article& a : articles) built.push_back({DocumentBuilder::id_term(a), builder.build(a), 0});
    FileRecord record;
    record.path = path;
    writer.apply_file(record, built);
}

}  // namespace

TEST_CASE("added stamps: fixed width, one microsecond apart at least, always growing") {
    using namespace std::chrono;
    auto t = sys_days{2026y / 12 / 2} + hours(2) + minutes(46) + seconds(52) + microseconds(123);
    std::string stamp = added::run_stamp(t, "");
    CHECK(stamp == "20261202024652000123");
    CHECK(added::is_stamp(stamp));
    CHECK(added::to_iso8601(stamp) == "2026-12-02T02:46:52.000123Z");
    // A clock behind the index's latest stamp still gives a later one.
    CHECK(added::run_stamp(t - hours(5), stamp) == "20261202024652000124");
    CHECK(added::run_stamp(t + seconds(1), stamp) == "20261202024653000123");
    CHECK(added::previous("20261202024653000000") == "20261202024652999999");
    CHECK(added::is_bound("20261202"));
    CHECK_FALSE(added::is_bound("2026-12-02"));
    CHECK_FALSE(added::is_bound(""));
    CHECK_FALSE(added::is_bound("202612020246520001234"));
}

TEST_CASE("the saved searches' file: kept beside the index, written whole, nothing else touched") {
    testing::TempDir tmp;
    CHECK(saved_searches_file((tmp.path / "db/").string()) == (tmp.path / "db.saved.json").string());
    const std::string file = saved_searches_file((tmp.path / "db").string());
    write_file(tmp.path / "neighbour.txt", "keep me");
    {
        SavedSearches saved(file);  // none yet: no file is needed
        CHECK(saved.all().empty());
        saved.put({"hegseth", "person:\"Pete Hegseth\" org:nato", "2026-12-02T02:46:52Z", "20261202024652000123"});
        saved.put({"oil", "opec", "2026-12-02T02:46:52Z", ""});
        saved.save();
    }
    SavedSearches again(file);
    REQUIRE(again.all().size() == 2);
    CHECK(again.find("hegseth")->query == "person:\"Pete Hegseth\" org:nato");
    CHECK(again.find("hegseth")->checked == "20261202024652000123");
    again.set_checked("oil", "20261202024652000124");
    CHECK(again.remove("hegseth"));
    CHECK_FALSE(again.remove("hegseth"));
    again.save();
    CHECK(SavedSearches(file).all().size() == 1);
    CHECK(SavedSearches(file).find("oil")->checked == "20261202024652000124");
    // Only the file itself and the neighbour: no temporary file left behind.
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(tmp.path)) entries += e.path().filename() == "neighbour.txt" || e.path() == file ? 1 : 100;
    CHECK(entries == 2);
    CHECK_THROWS_AS(again.put({"a/b", "x", "", ""}), std::invalid_argument);
    CHECK_THROWS_AS(again.put({"", "x", "", ""}), std::invalid_argument);
    write_file(file, "not json");
    CHECK_THROWS_AS(SavedSearches{file}, std::runtime_error);
}

TEST_CASE("a check stops before a run that is still writing, and sees it whole once it is done") {
    testing::TempDir tmp;
    const std::string db = (tmp.path / "db").string();
    std::string first_stamp;
    {
        IndexWriter writer(db);
        first_stamp = writer.added_stamp();
        write_articles(writer, "/a", {article("a1", "Glacier retreats"), article("a2", "Coffee prices")});
        writer.finish_run();
    }
    Searcher searcher(db);
    CHECK(searcher.added_through() == first_stamp);
    SavedSearch saved{"ice", "glacier", "", searcher.added_through()};
    CHECK(check_saved(searcher, saved, 10).response.total == 0);

    IndexWriter second(db);
    CHECK(second.added_stamp() > first_stamp);
    write_articles(second, "/b", {article("b1", "Glacier grows again")});
    second.commit();  // committed, but the run goes on
    CHECK(searcher.added_through() == added::previous(second.added_stamp()));
    SavedCheck during = check_saved(searcher, saved, 10);
    CHECK(during.response.total == 0);
    saved.checked = during.through;
    write_articles(second, "/c", {article("c1", "A glacier's last days")});
    second.finish_run();
    SavedCheck after = check_saved(searcher, saved, 10);
    CHECK(after.response.total == 2);  // both of the run's stories: neither was lost to the early check
    CHECK(after.through == second.added_stamp());
    for (const SearchResult& r : after.response.results) CHECK(r.added == second.added_stamp());
}

TEST_CASE("a run killed after a commit: the next run that finishes, even writing nothing, completes it") {
    testing::TempDir tmp;
    const std::string db = (tmp.path / "db").string();
    std::string killed_stamp;
    {
        IndexWriter killed(db);
        killed_stamp = killed.added_stamp();
        write_articles(killed, "/a", {article("a1", "Glacier retreats")});
        killed.commit();
    }  // never finished
    Searcher searcher(db);
    CHECK(searcher.added_through() == added::previous(killed_stamp));
    {
        IndexWriter next(db);
        next.finish_run();
    }
    CHECK(searcher.added_through() == killed_stamp);
}

TEST_CASE("the Atom feed is well-formed XML with one entry per result") {
    SearchResponse response;
    SearchResult r;
    r.article = article("reuters-1987-02-26-0001", "Bahia cocoa <review> & \"outlook\"");
    r.article.source = "Reuters";
    r.added = "20261202024652000123";
    r.snippet = "Showers <b>continued</b> \x01 throughout the week";
    response.results.push_back(r);
    FeedInfo info{"Dateline: cocoa & co", "cocoa", "urn:dateline:saved:cocoa", "http://localhost:8080/api/saved/cocoa/feed",
                  "http://localhost:8080", "http://localhost:8080/?q=cocoa", ""};
    std::string feed = atom_feed(info, response);
    xmlDocPtr doc = xmlReadMemory(feed.data(), static_cast<int>(feed.size()), "feed.xml", nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR);
    REQUIRE_MESSAGE(doc != nullptr, feed);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    CHECK(std::string(reinterpret_cast<const char*>(root->name)) == "feed");
    CHECK(std::string(reinterpret_cast<const char*>(root->ns->href)) == "http://www.w3.org/2005/Atom");
    std::size_t entries = 0;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char*>(n->name)) == "entry") ++entries;
    }
    CHECK(entries == 1);
    xmlFreeDoc(doc);
    CHECK(feed.find("<id>urn:dateline:article:reuters-1987-02-26-0001</id>") != std::string::npos);
    CHECK(feed.find("<updated>2026-12-02T02:46:52.000123Z</updated>") != std::string::npos);
    CHECK(feed.find("href=\"http://localhost:8080/?article=reuters-1987-02-26-0001\"") != std::string::npos);
}

TEST_CASE("a saved search reports exactly the new articles after an index run, and none after an unchanged run") {
    testing::TempDir tmp;
    const fs::path src = tmp.path / "archive", db = tmp.path / "db";
    fs::create_directories(src);
    write_file(src / "one.txt", story_file("Glacier retreats in the Alps", "The glacier lost a metre of ice this summer."));
    write_file(src / "two.txt", story_file("Glacier tours cancelled", "Tour operators cancelled glacier walks."));
    write_file(src / "three.txt", story_file("Coffee prices climb", "Arabica rose on dry weather in Brazil."));
    index(db, src);

    auto saved = run(kSearch + " --db " + quote(db.string()) + " --save ice glacier");
    REQUIRE(saved.status == 0);
    CHECK(saved.out.find("2 articles match now") != std::string::npos);
    REQUIRE(fs::exists(tmp.path / "db.saved.json"));  // beside the index folder, not in it

    // Saving marks what the index holds as seen.
    CHECK(check(db)["new"] == 0);

    index(db, src);  // nothing changed
    CHECK(check(db)["new"] == 0);

    write_file(src / "four.txt", story_file("Glacier melt sets record", "Scientists measured record glacier melt."));
    write_file(src / "five.txt", story_file("Markets close higher", "Shares rose in late trading."));
    index(db, src);
    json peeked = check(db, true);
    CHECK(peeked["new"] == 1);
    CHECK(new_titles(peeked) == std::vector<std::string>{"Glacier melt sets record"});
    CHECK(check(db, true)["new"] == 1);  // --peek leaves it unchecked
    json seen = check(db);
    CHECK(seen["new"] == 1);
    CHECK(seen["results"][0]["added"].get<std::string>().size() == std::string("2026-12-02T02:46:52.000123Z").size());
    CHECK(check(db)["new"] == 0);  // marked seen

    // A revised story is new again; its unchanged neighbours are not.
    write_file(src / "two.txt", story_file("Glacier tours cancelled for the season", "Tour operators cancelled glacier walks until spring."));
    index(db, src);
    json revised = check(db);
    CHECK(revised["new"] == 1);
    CHECK(new_titles(revised) == std::vector<std::string>{"Glacier tours cancelled for the season"});

    // Compacted (as scripts/nightly copies the index each night): still nothing new, and the next
    // run's story is new.
    auto compacted = run("xapian-compact " + quote(db.string()) + " " + quote((tmp.path / "compact").string()), true);
    REQUIRE_MESSAGE(compacted.status == 0, compacted.out);
    fs::rename(db, tmp.path / "db.before-compaction");
    fs::rename(tmp.path / "compact", db);
    CHECK(check(db)["new"] == 0);
    index(db, src);
    CHECK(check(db)["new"] == 0);
    write_file(src / "six.txt", story_file("Glacier museum opens", "A museum of the glacier opened in the valley."));
    index(db, src);
    json after = check(db);
    CHECK(after["new"] == 1);
    CHECK(new_titles(after) == std::vector<std::string>{"Glacier museum opens"});

    // --added-after, for any query: the stories added after a stamp.
    std::string stamp = after["checked_after"].get<std::string>();
    auto since = run(kSearch + " --db " + quote(db.string()) + " --json --added-after " + stamp + " glacier");
    CHECK(json::parse(since.out)["total"] == 1);

    auto forgot = run(kSearch + " --db " + quote(db.string()) + " --unsave ice");
    CHECK(forgot.status == 0);
    CHECK(SavedSearches((tmp.path / "db.saved.json").string()).all().empty());
    CHECK(run(kSearch + " --db " + quote(db.string()) + " --unsave ice").status == 2);
}

TEST_CASE("saves made at once by several programs are all kept (the file's lock)") {
    testing::TempDir tmp;
    const fs::path src = tmp.path / "archive", db = tmp.path / "db";
    fs::create_directories(src);
    write_file(src / "one.txt", story_file("Glacier retreats in the Alps", "The glacier lost a metre of ice this summer."));
    index(db, src);
    // Sixteen saves and a check started together: each reads the list, searches, then writes it
    // back. Without the lock, most of them write over the others' names.
    std::string command = "(";
    for (int k = 0; k < 16; ++k) {
        command += kSearch + " --db " + quote(db.string()) + " --save s" + std::to_string(k) + " glacier >/dev/null & ";
        if (k == 8) command += kSearch + " --db " + quote(db.string()) + " --saved >/dev/null & ";
    }
    command += "wait)";
    REQUIRE(run(command).status == 0);
    SavedSearches saved(saved_searches_file(db.string()));
    CHECK(saved.all().size() == 16);
    for (int k = 0; k < 16; ++k) CHECK_MESSAGE(saved.find("s" + std::to_string(k)) != nullptr, k);
    // The lock's file stays beside the list; nothing else was left.
    CHECK(fs::exists(tmp.path / "db.saved.json.lock"));
    for (const auto& e : fs::directory_iterator(tmp.path)) {
        std::string name = e.path().filename().string();
        CHECK_MESSAGE((name == "archive" || name == "db" || name == "db.saved.json" || name == "db.saved.json.lock"), name);
    }
}
