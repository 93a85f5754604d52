// Hostile and odd input for the markup readers: external entities, entity bombs, encodings,
// limits, format detection. Readers never crash: they emit or throw ReadError.
#include <doctest/doctest.h>

#include <chrono>

#include "charset.h"
#include "reader.h"
#include "test_paths.h"
#include "xml_document.h"

using namespace dateline;

namespace {
struct Outcome {
    std::vector<Article> articles;
    std::string error;
    std::vector<std::string> warnings;  // "LINE: why"
};

Outcome read_detected(const std::string& path, const std::string& data) {
    Outcome o;
    const Reader* r = detect_reader(path, std::string_view(data).substr(0, 65536));
    REQUIRE(r != nullptr);
    try {
        SourceFile file{path, data, nullptr,
                        [&](std::size_t line, const std::string& why) { o.warnings.push_back(std::to_string(line) + ": " + why); }};
        r->read(file, {}, [&](Article&& a) { o.articles.push_back(std::move(a)); });
    } catch (const ReadError& e) {
        o.error = e.what();
    }
    return o;
}

Outcome read_hostile(const std::string& name) {
    auto p = testing::samples_dir() / "hostile" / name;
    return read_detected(p.string(), testing::read_file(p));
}
}  // namespace

TEST_CASE("an external entity pointing at /etc/passwd is never read") {
    Outcome o = read_hostile("xxe-passwd.xml");
    REQUIRE(o.articles.size() == 1);
    const Article& a = o.articles[0];
    CHECK(a.title == "Quarterly figures");
    CHECK(a.body.find("Leading text before the entity.") != std::string::npos);
    for (const std::string& field : {a.title, a.body}) {
        CHECK(field.find("root:") == std::string::npos);
        CHECK(field.find("/bin/") == std::string::npos);
        CHECK(field.find("attacker") == std::string::npos);
    }
}

TEST_CASE("the billion laughs are not expanded") {
    auto start = std::chrono::steady_clock::now();
    Outcome o = read_hostile("billion-laughs.xml");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    // The story is indexed, without the entities: the bomb never goes off.
    CHECK(o.error.empty());
    REQUIRE(o.articles.size() == 1);
    CHECK(o.articles[0].title == "Expansion test");
    CHECK(o.articles[0].body.find("lol") == std::string::npos);
}

TEST_CASE("a malformed feed is recovered with a warning, not a crash") {
    Outcome o = read_hostile("malformed-feed.xml");
    CHECK(o.error.empty());
    REQUIRE(o.articles.size() == 1);
    CHECK(o.articles[0].title == "An item whose markup never closes");
    REQUIRE(o.warnings.size() == 1);
    CHECK(o.warnings[0].find("malformed XML") != std::string::npos);
    CHECK(!o.warnings[0].starts_with("0:"));  // names its line
}

TEST_CASE("markup with nothing recoverable is an error") {
    Outcome o = read_detected("broken.rss", "<?xml version=\"1.0\"?>\n<<rss>>&&\n");
    CHECK(o.articles.empty());
    CHECK(o.error.find("malformed XML") != std::string::npos);
}

TEST_CASE("the recovery mode does not let an entity bomb or an external entity through") {
    // A bare '&' makes the document malformed, so that it is read in recovery mode.
    for (const char* name : {"billion-laughs.xml", "xxe-passwd.xml"}) {
        CAPTURE(name);
        std::string data = testing::read_file(testing::samples_dir() / "hostile" / name);
        std::size_t body = data.rfind("</");
        REQUIRE(body != std::string::npos);
        data.insert(body, " AT&T ");
        auto start = std::chrono::steady_clock::now();
        Outcome o = read_detected(name, data);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
        CHECK(o.error.empty());
        REQUIRE(o.articles.size() == 1);
        CHECK(!o.warnings.empty());
        for (const std::string& field : {o.articles[0].title, o.articles[0].body}) {
            CHECK(field.find("lol") == std::string::npos);
            CHECK(field.find("root:") == std::string::npos);
        }
    }
}

TEST_CASE("files over the size limit are refused with a clear message") {
    std::string big(kMaxParsedBytes + 100, ' ');
    big.replace(0, 20, "<rss version=\"2.0\">");
    Outcome o = read_detected("big.xml", big);
    INFO(o.error);
    CHECK(o.error.find("MiB limit") != std::string::npos);
}

TEST_CASE("titles and bodies are cut to the field limits") {
    std::string data = "{\"title\": \"" + std::string(5000, 'x') + "\", \"body\": \"short\"}\n";
    Outcome o = read_detected("a.jsonl", data);
    REQUIRE(o.articles.size() == 1);
    CHECK(o.articles[0].title.size() == xml::max_title_bytes);
}

TEST_CASE("encodings: declared, detected, repaired") {
    CHECK(charset::declared_in_xml("<?xml version='1.0' encoding='ISO-8859-1'?><a/>") == "ISO-8859-1");
    CHECK(charset::declared_in_html("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">") == "windows-1251");
    CHECK(charset::declared_in_html("<META CHARSET=\"gb2312\">") == "gb2312");
    CHECK(charset::to_utf8("caf\xE9", "iso-8859-1") == "caf\xC3\xA9");
    CHECK(charset::to_utf8("\x93quoted\x94", "") == "\xE2\x80\x9Cquoted\xE2\x80\x9D");           // windows-1252
    CHECK(charset::to_utf8("\xCF\xF0\xE8\xE2\xE5\xF2 \xEC\xE8\xF0", "") == "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80");  // windows-1251
    CHECK(charset::to_utf8("d\xC3\xA9j\xC3\xA0 vu \xFF", "utf-8") == "d\xC3\xA9j\xC3\xA0 vu \xEF\xBF\xBD");  // mostly UTF-8: repaired
    CHECK(charset::to_utf8("\xEF\xBB\xBFhi", "") == "hi");
    CHECK(charset::to_utf8("d\xC3\xA9j\xC3\xA0", "iso-8859-1") == "d\xC3\xA9j\xC3\xA0");  // re-saved as UTF-8
}

TEST_CASE("every sample is claimed by the reader of its folder") {
    struct Case { const char* path; const char* reader; };
    for (Case c : {Case{"html/harbour-ferry-strike.html", "html"}, Case{"html/old-layout-latin1.html", "html"},
                   Case{"nitf/reservoir-levels.xml", "nitf"}, Case{"newsml/g2-two-items.xml", "newsml"},
                   Case{"newsml/newsml1-story.xml", "newsml"}, Case{"feeds/city-desk-rss2.xml", "feed"},
                   Case{"feeds/science-atom.xml", "feed"}, Case{"feeds/markets-rss1.rdf", "feed"},
                   Case{"feeds/latin1-rss2.xml", "feed"}, Case{"jsonl/wire-export.jsonl", "jsonl"}}) {
        auto p = testing::samples_dir() / c.path;
        std::string data = testing::read_file(p);
        const Reader* r = detect_reader(p.string(), std::string_view(data).substr(0, 65536));
        INFO(c.path);
        REQUIRE(r != nullptr);
        CHECK(r->name() == c.reader);
    }
}

TEST_CASE("garbage never crashes a reader") {
    const std::string inputs[] = {"", "<", "<?xml", "<rss><channel><item>", "<html><body><p>", "{\"title\":",
                                  std::string("\0\xFF\xFE<a>", 5), "<nitf><body><body.content><p>&#0;</p>",
                                  "<NewsML><NewsItem><NewsComponent><NewsComponent>", std::string(10000, '<')};
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    for (const char* name : {"html", "nitf", "newsml", "feed", "jsonl"}) {
        const Reader* r = reader_named(name);
        REQUIRE(r != nullptr);
        for (const std::string& in : inputs) {
            try {
                r->read({"x", in}, {}, [](Article&&) {});
            } catch (const ReadError&) {
            }
        }
        try {
            r->read({"deep.html", deep}, {}, [](Article&&) {});
        } catch (const ReadError&) {
        }
    }
    CHECK(true);
}
