// A shard folder (indexer/shard_folder.h, indexer/shard_run.h) against one index: the layout and
// the stub, every article in exactly one shard (its file's), the union equal to one index built
// from the same files, incremental runs shard by shard, the refusals, and the prune guard judged
// per shard. The archives are the samples (copied) and files the tests write.
#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "index_error.h"
#include "index_folder.h"
#include "index_writer.h"
#include "pipeline.h"
#include "schema.h"
#include "shard_folder.h"
#include "temp_dir.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

struct Run {
    RunSummary summary;
    std::string err;
};

Run index(const fs::path& archive, const fs::path& db, std::size_t shards, unsigned jobs = 2, bool allow_prune = false) {
    IndexOptions options;
    options.paths = {archive.string()};
    options.db = db.string();
    options.shards = shards;
    options.jobs = jobs;
    options.quiet = true;
    options.prune_policy.allow = allow_prune;
    std::ostringstream out, err;
    Run r{run_index(options, out, err, false), err.str()};
    CHECK(!r.summary.interrupted);
    return r;
}

const std::string& id_prefix() {
    static const std::string p(schema::field(schema::FieldId::id).filter_prefix);
    return p;
}
const std::string& path_prefix() {
    static const std::string p(schema::field(schema::FieldId::path).filter_prefix);
    return p;
}

// The id terms of a database, each with how many documents hold it.
std::map<std::string, Xapian::doccount> ids(const Xapian::Database& db) {
    std::map<std::string, Xapian::doccount> all;
    for (auto t = db.allterms_begin(id_prefix()); t != db.allterms_end(id_prefix()); ++t) all[*t] = t.get_termfreq();
    return all;
}

// The bytes of a database's Xapian tables.
std::uintmax_t table_bytes(const fs::path& db) {
    std::uintmax_t total = 0;
    for (const fs::directory_entry& e : fs::directory_iterator(db)) {
        if (e.path().extension() == ".glass") total += e.file_size();
    }
    return total;
}

// Every document of a database as text (terms, values but the added stamp, data), by id term.
std::map<std::string, std::string> documents(const Xapian::Database& db) {
    std::map<std::string, std::string> all;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document doc = db.get_document(*p);
        std::string text, id;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            text += *t + " ";
            if ((*t).rfind(id_prefix(), 0) == 0) id = *t;
        }
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
            if (v.get_valueno() != static_cast<Xapian::valueno>(schema::kSlotAdded)) text += *v + " ";
        }
        all[id] = text + doc.get_data();
    }
    return all;
}

std::vector<std::string> lines_of(const fs::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// An archive of `files` JSON Lines files of `per_file` articles each, their ids starting `tag`.
void write_archive(const fs::path& dir, int files, int per_file, const std::string& tag = "f") {
    fs::create_directories(dir);
    for (int f = 0; f < files; ++f) {
        std::ofstream out(dir / ("feed-" + std::to_string(f) + ".jsonl"));
        for (int a = 0; a < per_file; ++a) {
            std::string id = tag + std::to_string(f) + "-a" + std::to_string(a);
            out << R"({"id": ")" << id << R"(", "title": "Report )" << id << R"(", "date": "2024-03-0)" << (1 + a % 9)
                << R"(", "body": "Harbour dispatch )" << id << " about tides number " << f * 1000 + a
                << R"( and the fleet that sailed on the morning of the storm."})" << "\n";
        }
    }
}

}  // namespace

TEST_CASE("shard names and the hash that places files are stable") {
    CHECK(shard_name(0) == "shard-00");
    CHECK(shard_name(7) == "shard-07");
    CHECK(shard_name(99) == "shard-99");
    // Pinned: a new hash would move indexed files to other shards, where runs would not find them.
    CHECK(shard_of("/archive/2024/03/harbour.txt", 4) == 2u);
    CHECK(shard_of("/archive/2024/03/tides.jsonl", 16) == 7u);
    CHECK(shard_of("anything", 1) == 0);
    // Spread: 400 paths over 4 shards, none far from a quarter.
    std::vector<int> per(4);
    for (int i = 0; i < 400; ++i) ++per[shard_of("/news/file-" + std::to_string(i) + ".xml", 4)];
    for (int n : per) CHECK((n > 60 && n < 140));
}

TEST_CASE("--shards writes the layout and the stub, and the union is the one index") {
    testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(testing::samples_dir(), archive, fs::copy_options::recursive);
    Run one = index(archive, tmp.path / "one", 0);

    for (unsigned jobs : {1u, 3u}) {  // one shard after the other, and in parallel
        CAPTURE(jobs);
        fs::path db = tmp.path / ("sharded-" + std::to_string(jobs));
        Run sharded = index(archive, db, 3, jobs);
        INFO("stderr: " << sharded.err);
        CHECK(lines_of(db / "XAPIANDB") == std::vector<std::string>{"auto shard-00", "auto shard-01", "auto shard-02"});
        CHECK(!fs::exists(db / "shard-03"));
        CHECK(!fs::exists(db / "iamglass"));
        CHECK(sharded.summary.files_read == one.summary.files_read);
        CHECK(sharded.summary.articles_read == one.summary.articles_read);

        Xapian::Database whole(db.string());  // through the stub
        Xapian::Database single((tmp.path / "one").string());
        REQUIRE(single.get_doccount() > 20);

        // Where each article of the one index must be: in the shard of every file holding it.
        // A story saved in two files whose paths hash to two shards is in both (DESIGN.md);
        // every other article is in exactly one shard, as it is in the one index.
        std::vector<std::set<std::string>> expected(3);
        std::map<std::string, std::string> alone_in_one_shard;
        std::size_t copies = 0;
        for (const auto& [id, text] : documents(single)) {
            Xapian::Document doc = single.get_document(*single.postlist_begin(id));
            std::set<std::size_t> homes;
            for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
                if ((*t).rfind(path_prefix(), 0) == 0) homes.insert(shard_of((*t).substr(path_prefix().size()), 3));
            }
            REQUIRE(!homes.empty());
            for (std::size_t h : homes) expected[h].insert(id);
            copies += homes.size();
            if (homes.size() == 1) alone_in_one_shard[id] = text;
        }
        CHECK(whole.get_doccount() == copies);
        CHECK(sharded.summary.documents == copies);
        REQUIRE(alone_in_one_shard.size() > 20);
        std::map<std::string, std::string> sharded_documents = documents(whole);
        for (const auto& [id, text] : alone_in_one_shard) {
            CAPTURE(id);
            CHECK(sharded_documents[id] == text);
        }

        std::set<std::string> seen;
        std::size_t records = 0;
        for (std::size_t s = 0; s < 3; ++s) {
            CAPTURE(s);
            fs::path shard = db / shard_name(s);
            Xapian::Database part(shard.string());
            // Each shard is a complete index of its own.
            CHECK(part.get_metadata(std::string(schema::kVersionKey)) == std::to_string(schema::kVersion));
            CHECK(part.get_doccount() > 0);
            // And compacted, as a first build of one index is: compacting it again gains nothing
            // (written directly, the samples' shards were a fifth larger), and no work is left.
            fs::path again = tmp.path / ("again-" + std::to_string(jobs) + "-" + std::to_string(s));
            part.compact(again.string(), Xapian::Compactor::FULL);
            CHECK(table_bytes(shard) == table_bytes(again));
            for (const fs::directory_entry& e : fs::directory_iterator(shard))
                CHECK(e.path().filename().string().rfind(kWorkFolderPrefix, 0) != 0);
            std::set<std::string> here;
            for (const auto& [id, n] : ids(part)) {
                CHECK(n == 1);
                here.insert(id);
                seen.insert(id);
            }
            CHECK(here == expected[s]);
            // Its files are those that hash to it, and so are the files its documents belong to.
            for (const auto& [path, record] : load_file_records(part)) {
                CHECK(shard_of(path, 3) == s);
                ++records;
            }
            for (auto t = part.allterms_begin(path_prefix()); t != part.allterms_end(path_prefix()); ++t) {
                CHECK(shard_of((*t).substr(path_prefix().size()), 3) == s);
            }
        }
        CHECK(records == load_file_records(single).size());
        // The same articles as the one index.
        std::set<std::string> single_ids;
        for (const auto& [id, n] : ids(single)) single_ids.insert(id);
        CHECK(seen == single_ids);
    }
}

TEST_CASE("a one-shard folder built on two cores reports the documents it holds") {
    // Its one shard's first build goes through the per-core merge, which closes the writer.
    testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(testing::samples_dir(), archive, fs::copy_options::recursive);
    Run one = index(archive, tmp.path / "one", 0);
    Run folder = index(archive, tmp.path / "folder", 1, 2);
    INFO("stderr: " << folder.err);
    Xapian::Database single((tmp.path / "one").string());
    REQUIRE(single.get_doccount() > 20);
    CHECK(folder.summary.documents == single.get_doccount());
    CHECK(Xapian::Database((tmp.path / "folder").string()).get_doccount() == single.get_doccount());
    CHECK(one.summary.documents == single.get_doccount());
}

TEST_CASE("incremental runs on a shard folder: nothing, a changed file, a vanished file") {
    testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(testing::samples_dir(), archive, fs::copy_options::recursive);
    fs::path db = tmp.path / "db";
    Run first = index(archive, db, 4);
    REQUIRE(first.summary.documents > 20);

    auto snapshot = [&] {
        std::vector<std::map<std::string, std::string>> all;
        for (std::size_t s = 0; s < 4; ++s) all.push_back(documents(Xapian::Database((db / shard_name(s)).string())));
        return all;
    };
    std::vector<std::map<std::string, std::string>> before = snapshot();

    SUBCASE("a second run changes nothing, and takes the count from the folder") {
        Run again = index(archive, db, 0);
        CHECK(again.summary.files_read == 0);
        CHECK(again.summary.articles_added + again.summary.articles_replaced + again.summary.articles_removed == 0);
        CHECK(again.summary.files_unchanged == first.summary.files_read - first.summary.files_skipped);
        CHECK(again.summary.documents == first.summary.documents);
        CHECK(snapshot() == before);
    }

    SUBCASE("a changed file is read again into its own shard, and only there") {
        fs::path changed = archive / "text" / "ecb-holds-rates-2024-10-17.txt";
        REQUIRE(fs::exists(changed));
        { std::ofstream(changed, std::ios::app) << "\nA late paragraph mentions the zebrafish quota.\n"; }
        const std::size_t home = shard_of(changed.string(), 4);
        Run again = index(archive, db, 0);
        INFO("stderr: " << again.err);
        CHECK(again.summary.files_read == 1);
        CHECK(again.summary.files_changed == 1);
        CHECK(again.summary.documents == first.summary.documents);
        std::vector<std::map<std::string, std::string>> after = snapshot();
        for (std::size_t s = 0; s < 4; ++s) {
            CAPTURE(s);
            if (s != home) CHECK(after[s] == before[s]);
            else CHECK(after[s] != before[s]);
            Xapian::Database part((db / shard_name(s)).string());
            CHECK(part.get_termfreq("Zzebrafish") == (s == home ? 1u : 0u));
        }
    }

    SUBCASE("a vanished file is pruned from its shard") {
        fs::path gone = archive / "text" / "ecb-holds-rates-2024-10-17.txt";
        const std::size_t home = shard_of(gone.string(), 4);
        const std::string term = path_prefix() + gone.string();
        REQUIRE(Xapian::Database((db / shard_name(home)).string()).get_termfreq(term) == 1);
        fs::remove(gone);
        Run again = index(archive, db, 0);
        INFO("stderr: " << again.err);
        CHECK(!again.summary.prune_refused);
        CHECK(again.summary.files_vanished == 1);
        CHECK(again.summary.articles_removed == 1);
        CHECK(again.summary.documents + 1 == first.summary.documents);
        Xapian::Database part((db / shard_name(home)).string());
        CHECK(part.get_termfreq(term) == 0);
        CHECK(load_file_records(part).count(gone.string()) == 0);
        std::vector<std::map<std::string, std::string>> after = snapshot();
        for (std::size_t s = 0; s < 4; ++s) {
            if (s != home) CHECK(after[s] == before[s]);
        }
    }
}

TEST_CASE("a shard count that does not match, and --shards on a single index, are refused") {
    testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    write_archive(archive, 6, 3);
    fs::path sharded = tmp.path / "sharded";
    index(archive, sharded, 3);
    fs::path single = tmp.path / "single";
    index(archive, single, 0);

    IndexOptions options;
    options.paths = {archive.string()};
    options.quiet = true;
    std::ostringstream out, err;
    options.db = sharded.string();
    options.shards = 2;
    CHECK_THROWS_WITH_AS(run_index(options, out, err, false), doctest::Contains("folder of 3 shards, not 2"), IndexUnusable);
    CHECK(lines_of(sharded / "XAPIANDB").size() == 3);
    CHECK(!fs::exists(sharded / "shard-03"));
    options.shards = 3;  // the same count is fine
    CHECK(run_index(options, out, err, false).files_unchanged == 6);

    options.db = single.string();
    options.shards = 2;
    CHECK_THROWS_WITH_AS(run_index(options, out, err, false), doctest::Contains("is a single index"), IndexUnusable);
    CHECK(!fs::exists(single / "XAPIANDB"));
    CHECK(!fs::exists(single / "shard-00"));
    CHECK(Xapian::Database(single.string()).get_doccount() == 18);

    // A folder holding something else is left alone.
    fs::create_directories(tmp.path / "busy");
    { std::ofstream(tmp.path / "busy" / "notes.txt") << "mine\n"; }
    options.db = (tmp.path / "busy").string();
    CHECK_THROWS_AS(run_index(options, out, err, false), IndexUnusable);
    CHECK(!fs::exists(tmp.path / "busy" / "XAPIANDB"));

    // A stub someone else wrote is not taken for a shard folder of ours.
    fs::create_directories(tmp.path / "other");
    { std::ofstream(tmp.path / "other" / "XAPIANDB") << "remote 127.0.0.1:7001\n"; }
    options.db = (tmp.path / "other").string();
    options.shards = 0;
    CHECK_THROWS_WITH_AS(run_index(options, out, err, false), doctest::Contains("not a shard list"), IndexUnusable);
}

TEST_CASE("the prune guard is judged per shard and for the whole") {
    testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    // 40 files of 12 articles over 4 shards: one file gone is 2.5% of the whole (under the 5%
    // limit) but about a tenth of its shard's articles (over it), and over the 10 always allowed.
    write_archive(archive, 40, 12);
    fs::path db = tmp.path / "db";
    Run first = index(archive, db, 4);
    REQUIRE(first.summary.documents == 480);

    fs::path gone = archive / "feed-7.jsonl";
    const std::size_t home = shard_of(gone.string(), 4);
    Xapian::Database part((db / shard_name(home)).string());
    REQUIRE(part.get_doccount() < 200);  // so 12 is over 5% of the shard
    fs::remove(gone);
    // New files are still indexed when the prune is refused.
    write_archive(tmp.path / "more", 1, 2, "late");
    fs::copy_file(tmp.path / "more" / "feed-0.jsonl", archive / "late.jsonl");

    Run refused = index(archive, db, 0);
    CHECK(refused.summary.prune_refused);
    CHECK(refused.err.find(shard_name(home) + ": 1 vanished files under") != std::string::npos);
    CHECK(refused.summary.articles_removed == 0);
    CHECK(refused.summary.files_new == 1);
    CHECK(refused.summary.documents == 482);
    CHECK(Xapian::Database(db.string()).get_termfreq(path_prefix() + gone.string()) == 12);

    Run allowed = index(archive, db, 0, 2, true);
    CHECK(!allowed.summary.prune_refused);
    CHECK(allowed.summary.files_vanished == 1);
    CHECK(allowed.summary.articles_removed == 12);
    CHECK(Xapian::Database(db.string()).get_termfreq(path_prefix() + gone.string()) == 0);

    // The whole's root rules still hold: an emptied root prunes nothing.
    for (const auto& e : fs::directory_iterator(archive)) fs::remove(e.path());
    Run emptied = index(archive, db, 0);
    CHECK(emptied.summary.prune_refused);
    CHECK(emptied.err.find("holds no files") != std::string::npos);
    CHECK(Xapian::Database(db.string()).get_doccount() == 470);
}
