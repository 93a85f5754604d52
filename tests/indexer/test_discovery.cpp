// Discovery: which files a run looks at, names that are never articles, and metadata sidecars
// paired with their text or page.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "discovery.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {
using dateline::testing::write;

std::vector<std::string> names(const Discovery& d) {
    std::vector<std::string> out;
    for (const DiscoveredFile& f : d.files) out.push_back(fs::path(f.path).filename().string());
    return out;
}
}  // namespace

TEST_CASE("names that are never articles are left out") {
    CHECK(is_ignored_by_name("README.md"));
    CHECK(is_ignored_by_name("photo.JPG"));
    CHECK(is_ignored_by_name("nitf-3-2.dtd"));
    CHECK_FALSE(is_ignored_by_name("story.txt"));
    CHECK_FALSE(is_ignored_by_name("feed.xml"));
}

TEST_CASE("the names a text or page's metadata sidecar may have") {
    CHECK(sidecar_name_candidates("story.txt") ==
          std::vector<std::string>{"story.json", "story.meta.json", "story_meta.json", "story-meta.json"});
    auto raw = sidecar_name_candidates("12_raw.txt");
    CHECK(std::find(raw.begin(), raw.end(), "12_meta.json") != raw.end());
    CHECK(std::find(raw.begin(), raw.end(), "12_raw.json") != raw.end());
    CHECK_FALSE(sidecar_name_candidates("page.HTML").empty());
    CHECK(sidecar_name_candidates("feed.xml").empty());
    CHECK(sidecar_name_candidates("export.json").empty());
}

TEST_CASE("a sidecar is paired with its file, not listed on its own, and counts in its size and time") {
    dateline::testing::TempDir tmp;
    write(tmp.path / "a" / "01_alone.txt", "A story without metadata.");
    write(tmp.path / "a" / "12_raw.txt", "Text of story twelve.");
    write(tmp.path / "a" / "12_meta.json", R"({"title": "Twelve"})");
    write(tmp.path / "a" / "13_meta.json", R"({"title": "No text for this one"})");
    write(tmp.path / "a" / "notes.json", R"({"title": "Notes", "body": "An export of its own."})");
    write(tmp.path / "a" / "page.html", "<html><body><p>Page.</p></body></html>");
    write(tmp.path / "a" / "page.json", R"({"title": "The page"})");
    Discovery d = discover({tmp.path.string()});
    CHECK(names(d) == std::vector<std::string>{"01_alone.txt", "12_raw.txt", "13_meta.json", "notes.json", "page.html"});
    CHECK(d.files[0].sidecar.empty());
    const DiscoveredFile& twelve = d.files[1];
    CHECK(fs::path(twelve.sidecar).filename() == "12_meta.json");
    CHECK(twelve.size == fs::file_size(tmp.path / "a" / "12_raw.txt") + fs::file_size(tmp.path / "a" / "12_meta.json"));
    CHECK(d.files[2].sidecar.empty());
    CHECK(fs::path(d.files[4].sidecar).filename() == "page.json");
}

TEST_CASE("a file named on its own brings its sidecar, as a walk pairs it") {
    dateline::testing::TempDir tmp;
    write(tmp.path / "a" / "story.txt", "Text of the story.");
    write(tmp.path / "a" / "story.json", R"({"title": "The story"})");
    write(tmp.path / "a" / "12_raw.txt", "Text of story twelve.");
    write(tmp.path / "a" / "12_meta.json", R"({"title": "Twelve"})");
    write(tmp.path / "a" / "alone.txt", "No metadata.");
    Discovery d = discover({(tmp.path / "a" / "story.txt").string(), (tmp.path / "a" / "12_raw.txt").string(),
                            (tmp.path / "a" / "alone.txt").string()});
    CHECK(names(d) == std::vector<std::string>{"12_raw.txt", "alone.txt", "story.txt"});
    CHECK(fs::path(d.files[0].sidecar).filename() == "12_meta.json");
    CHECK(d.files[1].sidecar.empty());
    CHECK(fs::path(d.files[2].sidecar).filename() == "story.json");
    CHECK(d.files[2].size == fs::file_size(tmp.path / "a" / "story.txt") + fs::file_size(tmp.path / "a" / "story.json"));
    // Named with its sidecar, or the sidecar alone: the same pairing, and a JSON file alone is
    // read as what it is.
    Discovery both = discover({(tmp.path / "a" / "story.txt").string(), (tmp.path / "a" / "story.json").string()});
    REQUIRE(both.files.size() == 1);
    CHECK(fs::path(both.files[0].sidecar).filename() == "story.json");
    Discovery side = discover({(tmp.path / "a" / "story.json").string()});
    REQUIRE(side.files.size() == 1);
    CHECK(side.files[0].sidecar.empty());
}
