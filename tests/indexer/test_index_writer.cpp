// The writer's contract: a file's articles replace what it gave before, stories held by two
// files survive until both are gone, records survive reopening, locks and versions are checked.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

#include "document_builder.h"
#include "index_error.h"
#include "index_folder.h"
#include "index_writer.h"
#include "schema.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

// An index folder, not made yet, in a temporary folder.
struct TempDb {
    testing::TempDir dir;
    std::string path() const { return (dir.path / "db").string(); }
};

std::vector<BuiltArticle> built(const std::vector<std::string>& ids, const std::string& edited = "") {
    DocumentBuilder b;
    std::vector<BuiltArticle> out;
    for (const std::string& id : ids) {
        Article a;
        a.id = id;
        a.title = "Story " + id;
        a.body = "Body of " + id + (id == edited ? ", revised" : "");
        out.push_back({DocumentBuilder::id_term(a), b.build(a), 10});
    }
    return out;
}

FileRecord record(const std::string& path, const std::string& hash = "h") {
    FileRecord r;
    r.path = path;
    r.size = 10;
    r.mtime_ns = 1;
    r.content_hash = hash;
    return r;
}

}  // namespace

TEST_CASE("a changed file: new stories added, edited ones replaced, the same ones kept, gone ones removed") {
    TempDb t;
    IndexWriter w(t.path());
    auto first = built({"a", "b", "c"});
    ApplyCounts c = w.apply_file(record("/f.xml"), first);
    CHECK(c.added == 3);
    auto second = built({"a", "c", "d"}, "a");
    c = w.apply_file(record("/f.xml", "h2"), second);
    CHECK(c.added == 1);
    CHECK(c.replaced == 1);
    CHECK(c.unchanged == 1);
    CHECK(c.removed == 1);
    w.commit();
    CHECK(w.document_count() == 3);
    Xapian::Database db(t.path());
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query("Zrevis"));
    CHECK(e.get_mset(0, 10).size() == 1);
}

TEST_CASE("a story in two files is one document, gone only with the last file") {
    TempDb t;
    IndexWriter w(t.path());
    auto one = built({"shared", "only1"});
    auto two = built({"shared"});
    w.apply_file(record("/one"), one);
    w.apply_file(record("/two"), two);
    CHECK(w.document_count() == 2);
    ApplyCounts c = w.remove_file("/one");
    CHECK(c.removed == 1);  // only1; "shared" stays for /two
    CHECK(w.document_count() == 1);
    c = w.remove_file("/two");
    CHECK(c.removed == 1);
    CHECK(w.document_count() == 0);
    CHECK(w.records().empty());
}

TEST_CASE("records are committed with the documents and read back") {
    TempDb t;
    {
        IndexWriter w(t.path());
        auto docs = built({"a"});
        w.apply_file(record("/x", "abc"), docs);
        FileRecord bad = record("/bad");
        bad.reason = "the file is empty";
        w.record_failure(bad);
        w.commit();
    }
    IndexWriter again(t.path());
    REQUIRE(again.records().count("/x"));
    CHECK(again.records().at("/x").content_hash == "abc");
    CHECK(again.records().at("/x").articles == 1);
    CHECK(again.records().at("/bad").failed);
    CHECK(again.records().at("/bad").reason == "the file is empty");
}

TEST_CASE("a run that dies keeps the last commit, with records matching documents") {
    TempDb t;
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        IndexWriter w(t.path());
        auto docs = built({"a"});
        w.apply_file(record("/x"), docs);
        w.commit();
        auto more = built({"b"});
        w.apply_file(record("/y"), more);
        _exit(0);  // dies without committing or running destructors, like SIGKILL
    }
    int status = 0;
    waitpid(child, &status, 0);
    Xapian::Database db(t.path());
    CHECK(db.get_doccount() == 1);
    CHECK(load_file_records(db).count("/y") == 0);
}

TEST_CASE("a second writer is refused with a message naming the index") {
    TempDb t;
    IndexWriter w(t.path());
    try {
        IndexWriter second(t.path());
        FAIL("second writer opened");
    } catch (const IndexUnusable& e) {
        CHECK(std::string(e.what()).find(t.path()) != std::string::npos);
        CHECK(std::string(e.what()).find("locked") != std::string::npos);
    }
}

TEST_CASE("a Xapian database Dateline did not write is refused") {
    TempDb t;
    {
        Xapian::WritableDatabase other(t.path(), Xapian::DB_CREATE);
        other.add_document(Xapian::Document());
        other.commit();
    }
    CHECK_THROWS_AS(IndexWriter(t.path()), IndexUnusable);
}

TEST_CASE("WriterOptions: a full batch is committed; fresh empties a Dateline index, never another one") {
    TempDb t;
    {
        WriterOptions small;
        small.batch_documents = 2;
        IndexWriter w(t.path(), small);
        auto docs = built({"a", "b"});
        w.apply_file(record("/x"), docs);
        // Committed without commit(): another reader sees both stories.
        CHECK(Xapian::Database(t.path()).get_doccount() == 2);
    }
    WriterOptions fresh;
    fresh.fresh = true;
    {
        IndexWriter w(t.path(), fresh);
        CHECK(w.document_count() == 0);
        CHECK(w.records().empty());
    }
    TempDb other;
    {
        Xapian::WritableDatabase foreign(other.path(), Xapian::DB_CREATE);
        foreign.add_document(Xapian::Document());
        foreign.commit();
    }
    CHECK_THROWS_AS(IndexWriter(other.path(), fresh), IndexUnusable);
    CHECK(Xapian::Database(other.path()).get_doccount() == 1);
}

TEST_CASE("a first build's shards become the index, in shard order, a story two shards hold once") {
    TempDb t;
    IndexWriter w(t.path());
    REQUIRE(w.started_empty());
    std::vector<IndexWriter> shards = w.open_shards(2);
    REQUIRE(shards.size() == 2);
    auto first = built({"a", "b"});
    shards[0].apply_file(record("/1"), first);
    auto second = built({"b", "c"});
    shards[1].apply_file(record("/2"), second);
    for (IndexWriter& s : shards) s.commit();

    IndexWriter::Merged merged = w.merge_shards(shards);
    CHECK(merged.documents == 3);
    CHECK(merged.duplicates == 1);
    Xapian::Database db(t.path());
    CHECK(db.get_doccount() == 3);
    CHECK(load_file_records(db).size() == 2);
    // The story both files hold belongs to both, at the first shard's document id.
    Xapian::Document b = db.get_document(2);
    std::size_t path_terms = 0;
    const std::string prefix(schema::find("path")->filter_prefix);
    for (auto term = b.termlist_begin(); term != b.termlist_end(); ++term) path_terms += (*term).rfind(prefix, 0) == 0;
    CHECK(path_terms == 2);
    // The work folder went with the build: only Xapian's files are left.
    for (const fs::directory_entry& e : fs::directory_iterator(t.path())) {
        CHECK(std::string(e.path().filename()).rfind(kWorkFolderPrefix, 0) != 0);
    }
}

TEST_CASE("fresh over an index with stories builds aside: the old index serves until the new one is put in place") {
    TempDb t;
    {
        IndexWriter w(t.path());
        auto docs = built({"a", "b", "c"});
        w.apply_file(record("/old"), docs);
        w.finish_run();
    }
    const std::string old_stamp = Xapian::Database(t.path()).get_value_upper_bound(schema::kSlotAdded);
    auto work_folders = [&] {
        std::size_t n = 0;
        for (const fs::directory_entry& e : fs::directory_iterator(t.path())) {
            n += std::string(e.path().filename()).rfind(kWorkFolderPrefix, 0) == 0;
        }
        return n;
    };
    WriterOptions fresh;
    fresh.fresh = true;

    SUBCASE("one writer: put in place by compact_first_build") {
        IndexWriter w(t.path(), fresh);
        REQUIRE(w.rebuilding());
        CHECK(w.started_empty());
        CHECK(w.records().empty());
        CHECK(w.document_count() == 0);
        auto docs = built({"d", "e"});
        w.apply_file(record("/new"), docs);
        w.finish_run();
        // Committed, yet a searcher still opens the old index; a second writer is still refused.
        CHECK(Xapian::Database(t.path()).get_doccount() == 3);
        CHECK_THROWS_AS(IndexWriter(t.path()), IndexUnusable);
        CHECK(w.compact_first_build());
        CHECK(w.closed());
        Xapian::Database db(t.path());
        CHECK(db.get_doccount() == 2);
        auto records = load_file_records(db);
        CHECK(records.size() == 1);
        CHECK(records.count("/new") == 1);
        CHECK(db.get_metadata(std::string(schema::kVersionKey)) == std::to_string(schema::kVersion));
        // Stamped later than every story of the index it replaced (saved searches rely on it).
        CHECK(db.get_value_lower_bound(schema::kSlotAdded) > old_stamp);
        CHECK(work_folders() == 0);
    }
    SUBCASE("dropped before it is put in place: the old index, whole, and no work folder") {
        {
            IndexWriter w(t.path(), fresh);
            auto docs = built({"d"});
            w.apply_file(record("/new"), docs);
            w.commit();
            CHECK(work_folders() == 1);
        }
        Xapian::Database db(t.path());
        CHECK(db.get_doccount() == 3);
        CHECK(load_file_records(db).count("/old") == 1);
        CHECK(work_folders() == 0);
    }
    SUBCASE("an index of another schema version (what --full is for) is rebuilt the same way") {
        {
            Xapian::WritableDatabase old(t.path(), Xapian::DB_OPEN);
            old.set_metadata(std::string(schema::kVersionKey), "1");
            old.commit();
        }
        CHECK_THROWS_AS(IndexWriter(t.path()), IndexUnusable);
        IndexWriter w(t.path(), fresh);
        REQUIRE(w.rebuilding());
        auto docs = built({"d"});
        w.apply_file(record("/new"), docs);
        w.finish_run();
        CHECK(w.compact_first_build());
        Xapian::Database db(t.path());
        CHECK(db.get_doccount() == 1);
        CHECK(db.get_metadata(std::string(schema::kVersionKey)) == std::to_string(schema::kVersion));
    }
    SUBCASE("a first build on every core: merge_shards puts the rebuild in place") {
        IndexWriter w(t.path(), fresh);
        std::vector<IndexWriter> shards = w.open_shards(2);
        auto first = built({"x"});
        shards[0].apply_file(record("/1"), first);
        auto second = built({"y"});
        shards[1].apply_file(record("/2"), second);
        for (IndexWriter& s : shards) s.commit();
        CHECK(Xapian::Database(t.path()).get_doccount() == 3);
        CHECK(w.merge_shards(shards).documents == 2);
        CHECK(Xapian::Database(t.path()).get_doccount() == 2);
        CHECK(work_folders() == 0);
    }
}

TEST_CASE("a first build finds copies with the band postings in memory, and after its bound drops them") {
    // Six stories and a copy of each under another id; the copies come after all six, so with a
    // small bound they are looked up in Xapian's postings, the memory table having been dropped.
    auto body_of = [](int story) {
        std::string text = "Report " + std::to_string(story) + " from the desk:";
        for (int w = 0; w < 60; ++w) text += " word" + std::to_string(story) + "x" + std::to_string(w);
        return text;
    };
    auto articles = [&] {
        DocumentBuilder b;
        std::vector<BuiltArticle> out;
        for (const char* prefix : {"first-", "copy-"}) {
            for (int story = 0; story < 6; ++story) {
                Article a;
                a.id = prefix + std::to_string(story);
                a.title = "Story " + std::to_string(story);
                a.body = body_of(story);
                out.push_back({DocumentBuilder::id_term(a), b.build(a), 10});
            }
        }
        return out;
    };
    for (std::size_t bound : {std::size_t{1} << 20, std::size_t{20}}) {
        CAPTURE(bound);
        TempDb db;
        {
            WriterOptions options;
            options.memo_bands = bound;
            IndexWriter w(db.path(), options);
            auto batch = articles();
            w.apply_file(record("a.jsonl"), batch);
            w.commit();
        }
        Xapian::Database r(db.path());
        auto story_of = [&](const std::string& id) {
            Article a;
            a.id = id;
            auto p = r.postlist_begin(DocumentBuilder::id_term(a));
            REQUIRE(p != r.postlist_end(DocumentBuilder::id_term(a)));
            return r.get_document(*p).get_value(schema::kSlotStory);
        };
        std::set<std::string> stories;
        for (int story = 0; story < 6; ++story) {
            CHECK(story_of("copy-" + std::to_string(story)) == story_of("first-" + std::to_string(story)));
            stories.insert(story_of("first-" + std::to_string(story)));
        }
        CHECK(stories.size() == 6);
    }
}
