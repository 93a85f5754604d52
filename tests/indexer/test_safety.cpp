// Data safety end to end (issue "Trust", points 1 and 2): dateline-index writes only into a
// folder that is new, empty or an index, never reads an index as articles, and refuses a prune
// that looks like an unmounted or emptied archive. Uses the built programs.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "test_paths.h"
#include "test_paths_bin.h"
#include "text.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;

using dateline::testing::write;

std::string story(int n) {
    return "Harbour story number " + std::to_string(n) + " from Port Ellery\n2024-03-" + std::to_string(1 + n % 28) +
           "\n\nThe quaymaster of Port Ellery said on Sunday that ferry number " + std::to_string(n) +
           " would sail again after the storm, and that the harbour board would meet on Monday.\n";
}

// Every entry under `dir` (hidden ones too) with its type, size and content hash: two listings
// are equal only when nothing was added, removed or changed.
std::map<std::string, std::string> listing(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        std::string rel = fs::relative(e.path(), dir).string();
        if (e.is_symlink()) out[rel] = "link " + fs::read_symlink(e.path()).string();
        else if (e.is_directory()) out[rel] = "dir";
        else out[rel] = std::to_string(e.file_size()) + " " + dateline::text::hash_hex(dateline::testing::read_file(e.path()));
    }
    return out;
}

// An archive of `count` one-story text files, with a subfolder and a hidden file.
void make_archive(const fs::path& dir, int count) {
    for (int n = 0; n < count; ++n) write(dir / ("story-" + std::to_string(n) + ".txt"), story(n));
    write(dir / "notes" / "desk.txt", story(1000));
    write(dir / ".hidden", "not an article");
}

std::size_t documents(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

std::string in(const fs::path& dir, const std::string& command) { return "cd " + quote(dir.string()) + " && " + command; }

}  // namespace

TEST_CASE("a --db folder that is not an index is refused with exit 3 and left byte for byte as it was") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    make_archive(archive, 6);
    auto before = listing(archive);
    for (const char* jobs : {"-j 1", "-j 2", "-j 2 --full"}) {
        CAPTURE(jobs);
        auto r = run(kIndex + " " + jobs + " --db " + quote(archive.string()) + " " + quote(archive.string()), true);
        CHECK(r.status == 3);
        CHECK(r.out.find("--db " + archive.string() + ": is not a Dateline index and is not empty") != std::string::npos);
        CHECK(r.out.find("nothing in it was touched") != std::string::npos);
        CHECK(listing(archive) == before);
    }
    // A folder beside the index named like the old work folder is not Dateline's either.
    fs::path db = tmp.path / "db";
    write(tmp.path / "db.build" / "keep.txt", "mine");
    auto parent_before = listing(tmp.path / "db.build");
    CHECK(run(kIndex + " -q -j 2 --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    CHECK(listing(tmp.path / "db.build") == parent_before);
    CHECK(listing(archive) == before);

    SUBCASE("a file, a missing parent, a dangling link") {
        auto file = run(kIndex + " --db " + quote((archive / "story-1.txt").string()) + " " + quote(archive.string()), true);
        CHECK(file.status == 3);
        CHECK(file.out.find("story-1.txt: is a file, not an index folder") != std::string::npos);
        auto parent = run(kIndex + " --db " + quote((tmp.path / "nowhere" / "db").string()) + " " + quote(archive.string()), true);
        CHECK(parent.status == 3);
        CHECK(parent.out.find("the folder " + (tmp.path / "nowhere").string() + " that would hold the index does not exist") !=
              std::string::npos);
        CHECK_FALSE(fs::exists(tmp.path / "nowhere"));
        fs::create_directory_symlink(tmp.path / "gone", tmp.path / "link");
        auto link = run(kIndex + " --db " + quote((tmp.path / "link").string()) + " " + quote(archive.string()), true);
        CHECK(link.status == 3);
        CHECK(link.out.find("is a symbolic link to " + (tmp.path / "gone").string() + ", which does not exist") != std::string::npos);
        CHECK_FALSE(fs::exists(tmp.path / "gone"));
        CHECK(listing(archive) == before);
    }
    SUBCASE("the default location is Dateline's own: its parents are made, and --print-db names it") {
        fs::path deep = tmp.path / "data" / "dateline" / "index";
        std::string env = "DATELINE_DB=" + quote(deep.string()) + " ";
        CHECK(run(env + kIndex + " --print-db").out == deep.string() + "\n");
        CHECK_FALSE(fs::exists(tmp.path / "data"));
        CHECK(run(env + kIndex + " -q " + quote(archive.string())).status == 0);
        CHECK(documents(deep) == 7);
    }
    SUBCASE("Xapian's companion files (v.tmp, changesets) are Xapian's beside an index, a stranger's alone") {
        // Killed between writing v.tmp and renaming it to iamglass: the next night must go on.
        CHECK(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
        write(db / "v.tmp", "half a version file");
        write(archive / "story-late.txt", story(77));
        auto again = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string()), true);
        CHECK_MESSAGE(again.status == 0, again.out);
        CHECK(documents(db) == 8);
        CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
        // A run with XAPIAN_MAX_CHANGESETS set (a replication master) leaves changesets.
        write(archive / "story-later.txt", story(78));
        CHECK(run("XAPIAN_MAX_CHANGESETS=2 " + kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
        bool changesets = false;
        for (const auto& e : fs::directory_iterator(db)) changesets |= e.path().filename().string().rfind("changes", 0) == 0;
        CHECK(changesets);
        write(archive / "story-latest.txt", story(79));
        auto after = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string()), true);
        CHECK_MESSAGE(after.status == 0, after.out);
        CHECK(documents(db) == 10);
        // Killed while Xapian created the database: tables and v.tmp, no version file yet.
        fs::remove(db / "iamglass");
        write(db / "v.tmp", "half a version file");
        auto remade = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string()), true);
        CHECK_MESSAGE(remade.status == 0, remade.out);
        CHECK(documents(db) == 10);
        CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
        // The same name alone in a folder is somebody's file: refused, kept.
        fs::path lone = tmp.path / "lone";
        write(lone / "v.tmp", "my notes");
        auto lone_before = listing(lone);
        auto r = run(kIndex + " --db " + quote(lone.string()) + " " + quote(archive.string()), true);
        CHECK(r.status == 3);
        CHECK(r.out.find("is not a Dateline index and is not empty (it holds v.tmp)") != std::string::npos);
        CHECK(listing(lone) == lone_before);
    }
    SUBCASE("a Xapian database Dateline did not write is not emptied by --full") {
        fs::path other = tmp.path / "other";
        {
            Xapian::WritableDatabase w(other.string(), Xapian::DB_CREATE);
            Xapian::Document d;
            d.add_term("someone-elses");
            w.add_document(d);
            w.commit();
        }
        auto other_before = listing(other);
        auto r = run(kIndex + " --full --db " + quote(other.string()) + " " + quote(archive.string()), true);
        CHECK(r.status == 3);
        CHECK(r.out.find("Dateline did not write") != std::string::npos);
        CHECK(listing(other) == other_before);
    }
}

TEST_CASE("--db . from inside a folder, and an index kept inside the archive") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    make_archive(archive, 6);

    SUBCASE("--db . in an empty folder: the first build (on two cores) writes in place") {
        fs::path here = tmp.path / "index";
        fs::create_directory(here);
        auto parent_before = listing(tmp.path / "archive");
        auto r = run(in(here, kIndex + " -q -j 2 --db . " + quote(archive.string())), true);
        CHECK_MESSAGE(r.status == 0, r.out);
        CHECK(documents(here) == 7);
        // Nothing left beside it or in it but the database.
        for (const auto& [name, what] : listing(tmp.path)) {
            CAPTURE(name);
            CHECK((name.rfind("archive", 0) == 0 || name.rfind("index", 0) == 0));
        }
        for (const auto& e : fs::directory_iterator(here)) CHECK(e.path().filename().string().rfind(".dateline-work-", 0) != 0);
        auto again = run(in(here, kIndex + " --db . " + quote(archive.string())), true);
        CHECK(again.status == 0);
        CHECK(again.out.find("0 files read (0 new, 0 changed), 7 unchanged") == 0);
        CHECK(listing(tmp.path / "archive") == parent_before);
    }
    SUBCASE("--db . inside the archive itself is refused, and nothing moves") {
        auto before = listing(archive);
        auto r = run(in(archive, kIndex + " -j 2 --db . ."), true);
        CHECK(r.status == 3);
        CHECK(r.out.find("is not a Dateline index and is not empty") != std::string::npos);
        CHECK(listing(archive) == before);
    }
    SUBCASE("an index folder inside the archive is never read as articles") {
        fs::path db = archive / "index";
        auto first = run(kIndex + " -j 2 --db " + quote(db.string()) + " " + quote(archive.string()), true);
        CHECK_MESSAGE(first.status == 0, first.out);
        CHECK(documents(db) == 7);
        auto second = run(kIndex + " -j 2 --db " + quote(db.string()) + " " + quote(archive.string()), true);
        CHECK(second.status == 0);
        CHECK(second.out.find("0 files read (0 new, 0 changed), 7 unchanged, 0 touched, 0 vanished, 0 skipped, 0 failed") == 0);
        CHECK(documents(db) == 7);
        // The index named as a path to index is refused, not read.
        auto own = run(kIndex + " --db " + quote((tmp.path / "db2").string()) + " " + quote(db.string()), true);
        CHECK(own.status == 1);
        CHECK(own.out.find("is a search index, not a folder of articles") != std::string::npos);
    }
    SUBCASE("a work folder left by a killed first build is removed by the next run") {
        fs::path db = tmp.path / "db";
        REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
        write(db / ".dateline-work-abc123" / "shard-0" / "postlist.glass", "left over");
        // Killed between moving the merged tables in and their version file: no version file.
        fs::remove(db / "iamglass");
        auto r = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string()), true);
        CHECK_MESSAGE(r.status == 0, r.out);
        CHECK(documents(db) == 7);
        CHECK_FALSE(fs::exists(db / ".dateline-work-abc123"));
    }
}

TEST_CASE("the prune guard: an emptied or missing root removes nothing") {
    dateline::testing::TempDir tmp;
    fs::path mnt = tmp.path / "mnt";
    make_archive(mnt, 6);
    fs::path db = tmp.path / "db";
    REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(mnt.string())).status == 0);
    REQUIRE(documents(db) == 7);

    // Unmounted: the mount point is there, empty.
    fs::rename(mnt, tmp.path / "elsewhere");
    fs::create_directory(mnt);
    auto empty = run(kIndex + " --db " + quote(db.string()) + " " + quote(mnt.string()), true);
    CHECK(empty.status == 4);
    CHECK(empty.out.find("nothing pruned: " + mnt.string() + " holds no files (not mounted?): the 7 files indexed under it "
                         "(7 articles) are kept") != std::string::npos);
    CHECK(empty.out.find("--allow-prune") != std::string::npos);
    CHECK(empty.out.find("0 vanished") != std::string::npos);
    CHECK(documents(db) == 7);

    // Not there at all.
    fs::remove(mnt);
    auto missing = run(kIndex + " --db " + quote(db.string()) + " " + quote(mnt.string()), true);
    CHECK(missing.status == 4);
    CHECK(missing.out.find(mnt.string() + " does not exist (not mounted?)") != std::string::npos);
    CHECK(documents(db) == 7);

    // Really emptied: allowed once.
    fs::create_directory(mnt);
    auto allowed = run(kIndex + " --allow-prune --db " + quote(db.string()) + " " + quote(mnt.string()), true);
    CHECK(allowed.status == 0);
    CHECK(allowed.out.find("7 vanished") != std::string::npos);
    CHECK(documents(db) == 0);
}

TEST_CASE("the prune guard: a prune over the limit is refused, the rest of the run is done") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    make_archive(archive, 59);  // 60 stories with notes/desk.txt
    fs::path db = tmp.path / "db";
    REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    REQUIRE(documents(db) == 60);

    // Two deleted files (3%) are under the limit.
    for (int n : {0, 1}) fs::remove(archive / ("story-" + std::to_string(n) + ".txt"));
    auto small = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(small.status == 0);
    CHECK(small.out.find("2 vanished") != std::string::npos);
    CHECK(documents(db) == 58);

    // Twelve more (21%) are not; a new story in the same run is still indexed.
    for (int n = 2; n < 14; ++n) fs::remove(archive / ("story-" + std::to_string(n) + ".txt"));
    write(archive / "story-new.txt", story(2000));
    auto refused = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(refused.status == 4);
    CHECK(refused.out.find("nothing pruned: 12 vanished files under " + archive.string() +
                           " would remove 12 of its 58 articles (20.7%, over the limit of 5%): they are kept") != std::string::npos);
    CHECK(refused.out.find("1 files read (1 new, 0 changed)") != std::string::npos);
    CHECK(documents(db) == 59);

    // A higher limit lets it through.
    auto raised = run(kIndex + " --prune-limit 25 --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(raised.status == 0);
    CHECK(raised.out.find("12 vanished") != std::string::npos);
    CHECK(documents(db) == 47);

    // So does --allow-prune, once.
    for (int n = 14; n < 40; ++n) fs::remove(archive / ("story-" + std::to_string(n) + ".txt"));
    CHECK(run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string())).status == 4);
    CHECK(documents(db) == 47);
    CHECK(run(kIndex + " --allow-prune --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    CHECK(documents(db) == 21);

    CHECK(run(kIndex + " --prune-limit 120 --db " + quote(db.string()) + " " + quote(archive.string())).status == 2);
    auto help = run(kIndex + " --help");
    CHECK(help.out.find("4 the prune guard kept") != std::string::npos);
    CHECK(help.out.find("--prune-limit") != std::string::npos);
}
