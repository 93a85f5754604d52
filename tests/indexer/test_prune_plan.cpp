// The prune plan (prune_plan.h): which vanished files go, and when a whole run's prune is refused.
#include <doctest/doctest.h>

#include <algorithm>

#include "prune_plan.h"

using namespace dateline;

namespace {

// An index of `count` one-article files under `root`, of which the first `present` are found.
struct Case {
    std::map<std::string, FileRecord> records;
    Discovery found;

    void add(const std::string& root, int count, int present, std::size_t articles = 1) {
        if (std::find(found.roots.begin(), found.roots.end(), root) == found.roots.end()) found.roots.push_back(root);
        for (int i = 0; i < count; ++i) {
            FileRecord r;
            r.path = root + "/f" + std::to_string(i);
            r.articles = articles;
            records[r.path] = r;
            if (i < present) found.files.push_back({r.path, 1, 1, ""});
        }
    }
    PrunePlan plan(PrunePolicy policy = {}) const { return plan_prune(records, found, policy); }
};

}  // namespace

TEST_CASE("vanished files within the limit are pruned; files outside the roots are not") {
    Case c;
    c.add("/a", 100, 95);
    c.records["/elsewhere/x"] = FileRecord{"/elsewhere/x", 0, 0, "", 3, false, ""};
    PrunePlan p = c.plan();
    CHECK(p.refusals.empty());
    CHECK(p.remove.size() == 5);
    CHECK(p.remove.front() == "/a/f95");
}

TEST_CASE("a few files of a small archive go; more than the limit and the floor do not") {
    Case small;
    small.add("/a", 12, 2);  // 10 articles vanish: the floor
    CHECK(small.plan().remove.size() == 10);
    Case over;
    over.add("/a", 12, 1);  // 11
    PrunePlan p = over.plan();
    CHECK(p.remove.empty());
    REQUIRE(p.refusals.size() == 1);
    CHECK(p.refusals[0].find("11 vanished files under /a would remove 11 of its 12 articles") == 0);
    CHECK(over.plan({95, false}).remove.size() == 11);
    CHECK(over.plan({5, true}).remove.size() == 11);
    // Counted in articles: one vanished file of a 20-file collection holding most stories.
    Case heavy;
    heavy.add("/a", 19, 19);
    heavy.add("/a/big", 1, 0, 500);
    CHECK_FALSE(heavy.plan().refusals.empty());
}

TEST_CASE("an empty, emptied or missing root refuses the whole run's prune") {
    Case empty;
    empty.add("/mnt", 3, 0);
    empty.add("/b", 100, 99);
    PrunePlan p = empty.plan();
    CHECK(p.remove.empty());  // /b's one vanished file waits too
    REQUIRE(p.refusals.size() == 1);
    CHECK(p.refusals[0].find("/mnt holds no files (not mounted?): the 3 files indexed under it (3 articles) are kept") == 0);
    CHECK(empty.plan({5, true}).remove.size() == 4);

    Case replaced;  // every indexed file gone, other files there
    replaced.add("/a", 3, 0);
    replaced.found.files.push_back({"/a/new", 1, 1, ""});
    CHECK(replaced.plan().refusals.at(0).find("every file indexed under /a vanished") == 0);

    Case missing;
    missing.add("/mnt", 3, 0);
    missing.found.roots.clear();
    missing.found.missing_roots.push_back("/mnt");
    PrunePlan m = missing.plan({5, true});
    CHECK(m.remove.empty());
    CHECK(m.refusals.at(0).find("/mnt does not exist") == 0);
}

TEST_CASE("each file belongs to the deepest root holding it") {
    Case nested;
    nested.add("/a", 100, 100);
    nested.add("/a/sub", 4, 0);  // emptied: refused, though few of /a's articles
    CHECK(nested.plan().refusals.at(0).find("/a/sub holds no files") == 0);
    Case sibling;
    sibling.add("/a", 100, 100);
    sibling.add("/ab", 100, 98);  // "/ab/..." is not under "/a"
    CHECK(sibling.plan().remove == std::vector<std::string>{"/ab/f98", "/ab/f99"});
}
