// The run's plan (run_plan.h): which files are read and which are not, compared with the index's
// records by size and time; which vanished files are pruned.
#include <doctest/doctest.h>

#include <algorithm>

#include "run_plan.h"

using namespace dateline;

namespace {

// An archive under /a as discovery saw it, and the index's records of it.
struct Case {
    Discovery found{{}, {"/a"}, {}, {}, 0};
    std::map<std::string, FileRecord> records;

    void file(const std::string& name, std::uint64_t size, std::int64_t mtime) {
        found.files.push_back({"/a/" + name, size, mtime, ""});
    }
    FileRecord& record(const std::string& name, std::uint64_t size, std::int64_t mtime, std::size_t articles = 1) {
        FileRecord& r = records["/a/" + name];
        r = FileRecord{"/a/" + name, size, mtime, "hash", articles, false, ""};
        return r;
    }
    RunPlan plan(const IndexOptions& options = {}) const { return plan_run(found, records, options); }
};

std::vector<std::string> paths(const std::vector<FileTask>& tasks) {
    std::vector<std::string> out;
    for (const FileTask& t : tasks) out.push_back(t.file.path);
    return out;
}

}  // namespace

TEST_CASE("new and modified files are read, unchanged ones are not, vanished ones are pruned") {
    Case c;
    for (int i = 0; i < 30; ++i) {
        c.file("same" + std::to_string(i), 10, 1);
        c.record("same" + std::to_string(i), 10, 1);
    }
    c.file("new", 10, 1);
    c.file("resized", 11, 1);
    c.record("resized", 10, 1);
    c.file("touched", 10, 2);  // only its time moved: read, and its content hash says "touched"
    c.record("touched", 10, 1);
    c.record("vanished", 10, 1);
    std::sort(c.found.files.begin(), c.found.files.end(), [](auto& x, auto& y) { return x.path < y.path; });

    RunPlan p = c.plan();
    CHECK(paths(p.read) == std::vector<std::string>{"/a/new", "/a/resized", "/a/touched"});
    CHECK_FALSE(p.read[0].previous.has_value());
    REQUIRE(p.read[1].previous.has_value());
    CHECK(p.read[1].previous->size == 10);
    CHECK(p.read[2].previous->mtime_ns == 1);
    CHECK(p.unchanged == 30);
    CHECK(p.skipped == 0);
    CHECK(p.still_failing == 0);
    CHECK(p.prune.remove == std::vector<std::string>{"/a/vanished"});
    CHECK(p.prune.refusals.empty());
}

TEST_CASE("unchanged files recorded as not articles are skipped; failed ones are retried only when asked") {
    Case c;
    c.file("failed", 10, 1);
    c.record("failed", 10, 1).failed = true;
    c.file("notes", 10, 1);
    c.record("notes", 10, 1, 0).reason = "not a news article";
    c.file("story", 10, 1);
    c.record("story", 10, 1);

    RunPlan p = c.plan();
    CHECK(p.read.empty());
    CHECK(p.unchanged == 1);
    CHECK(p.skipped == 1);
    CHECK(p.still_failing == 1);

    IndexOptions retry;
    retry.retry_failed = true;
    p = c.plan(retry);
    CHECK(paths(p.read) == std::vector<std::string>{"/a/failed"});
    CHECK(p.read[0].previous->failed);
    CHECK(p.still_failing == 0);
}

TEST_CASE("a failed file that changed is read again without --retry-failed") {
    Case c;
    c.file("failed", 12, 2);
    c.record("failed", 10, 1).failed = true;
    RunPlan p = c.plan();
    CHECK(paths(p.read) == std::vector<std::string>{"/a/failed"});
    CHECK(p.still_failing == 0);
}

TEST_CASE("the prune list is the prune guard's: refused wholesale, or not planned at all") {
    Case c;
    for (int i = 0; i < 20; ++i) c.record("gone" + std::to_string(i), 10, 1);
    c.file("kept", 10, 1);
    c.record("kept", 10, 1);

    RunPlan p = c.plan();  // 20 of 21 articles vanished: over the limit
    CHECK(p.prune.remove.empty());
    REQUIRE(p.prune.refusals.size() == 1);
    CHECK(p.prune.refusals[0].find("20 vanished files under /a") == 0);

    IndexOptions allow;
    allow.prune_policy.allow = true;
    CHECK(c.plan(allow).prune.remove.size() == 20);

    IndexOptions no_prune;
    no_prune.prune = false;
    CHECK(c.plan(no_prune).prune.remove.empty());
    CHECK(c.plan(no_prune).prune.refusals.empty());

    IndexOptions dry;
    dry.dry_run = true;
    dry.prune_policy.allow = true;
    CHECK(c.plan(dry).prune.remove.empty());
}

TEST_CASE("with no records (--full, or a first build) every file found is new and nothing is pruned") {
    Case c;
    c.file("a", 10, 1);
    c.file("b", 10, 1);
    c.records.clear();
    RunPlan p = c.plan();
    CHECK(paths(p.read) == std::vector<std::string>{"/a/a", "/a/b"});
    CHECK_FALSE(p.read[0].previous.has_value());
    CHECK_FALSE(p.read[1].previous.has_value());
    CHECK(p.unchanged == 0);
    CHECK(p.prune.remove.empty());
    CHECK(p.prune.refusals.empty());
}
