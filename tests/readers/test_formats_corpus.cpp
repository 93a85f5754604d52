// Every file of the shared real-world format corpora (../shared/corpora/formats) read by the
// reader detection picks: no failures except the files that are broken or fragments on purpose,
// every article titled, bodies and dates present where the files give them, one article per
// feed item. Skipped when ../shared is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>

#include "reader.h"
#include "test_paths.h"

using namespace dateline;
namespace fs = std::filesystem;

namespace {

struct Sweep {
    int files = 0, failures = 0, articles = 0, with_body = 0, with_date = 0;
    std::map<std::string, int> per_file;
    std::vector<std::string> failed;
};

// Files that must fail, or that are not documents of the format at all.
const std::set<std::string> expected_failures{
    "rss_2.0_invalid_1.xml",  // truncated on purpose (README)
    "compressed.xml",         // gzip bytes: the file loader unpacks, not the reader
    // IPTC specification excerpts: a contentSet, contentMeta and groupSets cut from documents
    "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml",
    "LISTING_28_Illustrating_Located_Subject_and_Dateline.xml",
    "LISTING_7_Group_Set_example_showing_Hierarchical_Package_Structure.xml",
    "LISTING_8_Group_Set_example_showing_an_ALT_Package_Mode.xml",
    "LISTING_9_Group_Set_example_showing_a_SEQ_Package_Mode.xml",
};

Sweep sweep(const fs::path& dir, const std::set<std::string>& formats) {
    Sweep s;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::string name = e.path().filename().string();
        if (name == "README.md" || name.ends_with(".json") || name.ends_with(".gz")) continue;
        ++s.files;
        std::string data = testing::read_file(e.path());
        const Reader* r = detect_reader(e.path().string(), std::string_view(data).substr(0, 65536));
        bool ok = r != nullptr && formats.count(std::string(r->name()));
        int n = 0;
        if (ok) {
            try {
                r->read({e.path().string(), data}, {}, [&](Article&& a) {
                    ++n;
                    ++s.articles;
                    INFO(e.path().string());
                    CHECK_FALSE(a.title.empty());
                    s.with_body += !a.body.empty();
                    s.with_date += a.published.has_value();
                });
            } catch (const ReadError& err) {
                ok = false;
                MESSAGE(e.path().string() << ": " << std::string(err.what()));
            }
        }
        s.per_file[name] = n;
        if (!ok) {
            ++s.failures;
            s.failed.push_back(name);
            INFO(e.path().string() << " read by " << (r ? std::string(r->name()) : "no reader"));
            CHECK(expected_failures.count(name) == 1);
        }
    }
    return s;
}

fs::path formats_dir() { return testing::shared_dir() / "corpora" / "formats"; }

}  // namespace

TEST_CASE("NITF corpus: every file reads, every story has a date") {
    DATELINE_REQUIRE_SHARED();
    Sweep s = sweep(formats_dir() / "nitf", {"nitf"});
    MESSAGE("nitf: " << s.files << " files, " << s.failures << " failures, " << s.articles << " articles");
    CHECK(s.files == 19);
    CHECK(s.failures == 0);
    CHECK(s.articles == 18);  // aap-finance-lite.xml is an empty shell
    CHECK(s.with_body == s.articles);
    CHECK(s.with_date == s.articles);
}

TEST_CASE("NewsML corpus: text items become articles, fragments alone fail") {
    DATELINE_REQUIRE_SHARED();
    Sweep s = sweep(formats_dir() / "newsml", {"newsml"});
    MESSAGE("newsml: " << s.files << " files, " << s.failures << " failures, " << s.articles << " articles");
    CHECK(s.failures == 5);
    CHECK(s.per_file["ap.xml"] == 3);
    CHECK(s.articles >= 130);
    CHECK(s.with_body == s.articles);
    CHECK(s.with_date == s.articles);
}

TEST_CASE("feed corpus: one article per item, the malformed feed alone fails") {
    DATELINE_REQUIRE_SHARED();
    Sweep s = sweep(formats_dir() / "feeds", {"feed"});
    MESSAGE("feeds: " << s.files << " files, " << s.failures << " failures, " << s.articles << " articles");
    CHECK(s.failures == 2);  // the malformed feed, and the gzip bytes the loader would unpack
    CHECK(s.per_file["iconv.xml"] == 10);
    CHECK(s.per_file["illegally-nested.xml"] == 10);  // plus 10 empty <item/> nested inside them
    CHECK(s.per_file["tpm.atom"] == 20);
    CHECK(s.per_file["wapowellness.xml"] == 29);
    CHECK(s.per_file["encoding.rss"] == 40);
    CHECK(s.per_file["guardian.rss"] == 55);
    CHECK(s.per_file["heise.atom"] == 15);
    CHECK(s.per_file["uolNoticias.rss"] == 15);
    CHECK(s.per_file["wenn.xml"] == 2);
    // Two RSS 0.91 feeds carry no dates at all; every other item has one.
    CHECK(s.with_date == s.articles - 2);
    CHECK(s.with_body == s.articles);  // headline-only items have their headline as text
}

TEST_CASE("HTML corpus: every page reads with a title and a body") {
    DATELINE_REQUIRE_SHARED();
    Sweep s = sweep(formats_dir() / "html", {"html"});
    MESSAGE("html: " << s.files << " files, " << s.failures << " failures, " << s.with_date << " dated");
    CHECK(s.files == 75);
    CHECK(s.failures == 0);
    CHECK(s.with_body == s.articles);
}

TEST_CASE("Russian HTML pages in the multilingual corpus read as HTML") {
    DATELINE_REQUIRE_SHARED();
    Sweep s = sweep(formats_dir() / "multilingual" / "ru-zvezdaaltaya" / "html", {"html"});
    CHECK(s.failures == 0);
    CHECK(s.articles == 10);
    CHECK(s.with_date == 10);
    CHECK(s.with_body == 10);
}
