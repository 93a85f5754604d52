// Hostile and odd input for every reader: external entities, entity bombs, encodings, limits,
// format detection, garbage. Readers never crash and never let anything else escape: they emit
// articles within the field limits, or throw ReadError (NotAnArticle included).
#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <typeinfo>

#include "charset.h"
#include "reader.h"
#include "test_paths.h"
#include "text.h"
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

namespace {

// Every reader the registry has, by --format name: a reader added or dropped there must be added
// or dropped here too, so that no reader escapes the cases below.
const std::set<std::string> kEveryReader = {"reuters", "newsml", "nitf", "feed", "html", "jsonl", "csv", "text"};

// What a reader did with `data`, read as `path`; a throw other than ReadError fails the test.
Outcome read_as(const Reader& r, const std::string& path, const std::string& data) {
    Outcome o;
    try {
        SourceFile file{path, data, nullptr,
                        [&](std::size_t line, const std::string& why) { o.warnings.push_back(std::to_string(line) + ": " + why); }};
        r.read(file, {}, [&](Article&& a) { o.articles.push_back(std::move(a)); });
    } catch (const ReadError& e) {
        o.error = e.what();
        CHECK_MESSAGE(!o.error.empty(), "a ReadError must say why");
    } catch (const std::exception& e) {
        FAIL_CHECK(std::string(r.name()) << " let " << std::string(typeid(e).name()) << " escape: " << std::string(e.what()));
    }
    return o;
}

// The contract's bounds on whatever a reader emitted from `data`.
void check_bounded(const Outcome& o, const std::string& data) {
    // Every article needs some bytes of its own: garbage cannot turn into an avalanche.
    CHECK(o.articles.size() <= data.size() / 8 + 1);
    for (const Article& a : o.articles) {
        CHECK(a.title.size() <= xml::max_title_bytes);
        CHECK(a.body.size() <= xml::max_body_bytes);
        CHECK(text::is_valid_utf8(a.title));
        CHECK(text::is_valid_utf8(a.body));
    }
}

// One story in the given reader's format: its path and its bytes. `doctype` goes where the
// format allows a DOCTYPE (the markup formats); the others carry the title and body as text.
std::pair<std::string, std::string> story_in(std::string_view format, const std::string& title, const std::string& body,
                                             const std::string& doctype = "") {
    if (format == "reuters") {
        return {"x.sgm", doctype + "<REUTERS TOPICS=\"NO\" NEWID=\"7\">\n<DATE> 3-MAR-1987 09:12:44.10</DATE>\n<TEXT>\n<TITLE>" +
                             title + "</TITLE>\n<BODY>" + body + "\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n"};
    }
    if (format == "nitf") {
        return {"x.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype + "<nitf><head><title>" + title +
                             "</title></head><body><body.head><hedline><hl1>" + title +
                             "</hl1></hedline></body.head><body.content><p>" + body + "</p></body.content></body></nitf>\n"};
    }
    if (format == "newsml") {
        return {"x.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype +
                             "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"g7\"><itemMeta><versionCreated>"
                             "2021-05-04T09:00:00Z</versionCreated></itemMeta><contentMeta><headline>" + title +
                             "</headline></contentMeta><contentSet><inlineData contenttype=\"text/plain\">" + body +
                             "</inlineData></contentSet></newsItem>\n"};
    }
    if (format == "feed") {
        return {"x.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + doctype +
                             "<rss version=\"2.0\"><channel><title>City desk</title><item><title>" + title +
                             "</title><pubDate>Tue, 03 Mar 2020 09:00:00 GMT</pubDate><description>" + body +
                             "</description></item></channel></rss>\n"};
    }
    if (format == "html") {
        return {"x.html", doctype + "<html><head><title>" + title + "</title></head><body><article><h1>" + title +
                              "</h1><p>" + body + "</p></article></body></html>\n"};
    }
    auto quoted = [](const std::string& s, char q, const std::string& doubled) {
        std::string out(1, q);
        for (char c : s) out += c == q ? doubled : std::string(1, c);
        return out + q;
    };
    if (format == "jsonl") return {"x.jsonl", "{\"title\": " + quoted(title, '"', "\\\"") + ", \"body\": " + quoted(body, '"', "\\\"") + "}\n"};
    if (format == "csv") return {"x.csv", "title,text\n" + quoted(title, '"', "\"\"") + "," + quoted(body, '"', "\"\"") + "\n"};
    return {"x.txt", title + "\n\n" + body + "\n"};
}

const std::string kProse =
    "Harbour officials said on Tuesday that the ferry strike had ended after two days of talks. "
    "The first boats sailed at dawn, and the port expects a normal timetable by the weekend. ";

}  // namespace

TEST_CASE("the registry has every reader these cases cover") {
    std::set<std::string> names;
    for (const auto& r : all_readers()) names.insert(std::string(r->name()));
    CHECK(names == kEveryReader);
}

TEST_CASE("every reader reads its own story, and gives up nothing to an external or declared entity") {
    dateline::testing::TempDir tmp;
    const std::string secret = "SECRET-7731-FROM-DISK";
    testing::write(tmp.path / "secret.txt", secret + "\n");
    const std::string doctype = "<!DOCTYPE root [\n<!ENTITY xxe SYSTEM \"file://" + (tmp.path / "secret.txt").string() +
                                "\">\n<!ENTITY inner \"DECLARED-INSIDE\">\n]>\n";
    for (const std::string& format : kEveryReader) {
        CAPTURE(format);
        auto [path, data] = story_in(format, "Ferry strike &xxe; ends &inner;", kProse + "Crews &xxe; returned &inner; to work.", doctype);
        Outcome o = read_as(*reader_named(format), path, data);
        CHECK(o.error.empty());
        REQUIRE(o.articles.size() == 1);
        const Article& a = o.articles[0];
        CHECK(a.title.find("Ferry strike") != std::string::npos);
        CHECK(a.body.find("first boats sailed") != std::string::npos);
        for (const std::string& field : {a.title, a.body}) {
            CHECK(field.find(secret) == std::string::npos);
            CHECK(field.find("DECLARED-INSIDE") == std::string::npos);
        }
    }
}

TEST_CASE("every reader cuts an overlong headline and body to the field limits") {
    std::string long_title = "Ferry strike";
    while (long_title.size() < 3 * xml::max_title_bytes) long_title += " talks go on";
    std::string long_body;
    while (long_body.size() < xml::max_body_bytes + 200000) long_body += kProse;
    for (const std::string& format : kEveryReader) {
        CAPTURE(format);
        auto [path, data] = story_in(format, long_title, long_body);
        Outcome o = read_as(*reader_named(format), path, data);
        CHECK(o.error.empty());
        REQUIRE(o.articles.size() == 1);
        check_bounded(o, data);
        // Cut, not dropped: the limit is reached.
        CHECK(o.articles[0].body.size() > xml::max_body_bytes - 1000);
    }
}

TEST_CASE("garbage never crashes a reader: every reader refuses it or emits bounded articles") {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<div>";
    std::string long_line(3u << 20, 'x');
    std::string quote_never_closed = "title,text\n\"Ferry strike,\"" + kProse;
    for (int i = 0; i < 2000; ++i) quote_never_closed += "\nmore, text";
    std::string wide_row = "title,text";
    for (int i = 0; i < 20000; ++i) wide_row += ",c" + std::to_string(i);
    wide_row += "\nFerry strike," + kProse + "\n";
    const std::string inputs[] = {"", "<", "<?xml", "<rss><channel><item>", "<html><body><p>", "{\"title\":",
                                  std::string("\0\xFF\xFE<a>", 5), "<nitf><body><body.content><p>&#0;</p>",
                                  "<NewsML><NewsItem><NewsComponent><NewsComponent>", std::string(10000, '<'),
                                  "<REUTERS NEWID=\"1\"><TEXT><BODY>never closed", "<REUTERS NEWID=\"x\"></REUTERS>&#99999999;",
                                  "[{\"body\": 1e999}, {\"body\": []}, 7, null]", "{\"title\": \"Ferry\", \"body\": 1e999}\n{\"body\": \"Ships moved.\"}\n", "\xC3\x28\xA0\xA1\xE2\x28\xA1 \xF0\x90\x28\xBC\n\n\x80\x81",
                                  std::string(5000, '\n'), std::string(20000, '"'), std::string(20000, ','),
                                  deep, long_line, quote_never_closed, wide_row};
    std::set<std::string> covered;
    for (const auto& r : all_readers()) {
        covered.insert(std::string(r->name()));
        for (const std::string& in : inputs) {
            CAPTURE(r->name());
            CAPTURE(in.substr(0, 40));
            auto start = std::chrono::steady_clock::now();
            Outcome o = read_as(*r, "garbage", in);
            CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
            check_bounded(o, in);
        }
    }
    CHECK(covered == kEveryReader);
}

TEST_CASE("a Reuters story cut short fails the file after the complete stories before it") {
    auto [path, whole] = story_in("reuters", "Ferry strike ends", kProse);
    Outcome o = read_as(*reader_named("reuters"), path, whole + "<REUTERS NEWID=\"8\">\n<TEXT><TITLE>Cut off</TITLE><BODY>The file en");
    CHECK(!o.error.empty());
    REQUIRE(o.articles.size() == 1);
    CHECK(o.articles[0].title.find("Ferry strike") != std::string::npos);
}

TEST_CASE("a word list is not an article for the plain-text and table readers") {
    std::string words = "harbour\nferry\nstrike\ntalks\nport\nboats\ncrews\ndawn\n";
    for (const char* format : {"text", "csv"}) {
        CAPTURE(format);
        bool not_article = false;
        try {
            reader_named(format)->read({std::string("words.") + (format == std::string("csv") ? "csv" : "txt"), words}, {},
                                       [](Article&&) {});
        } catch (const NotAnArticle&) {
            not_article = true;
        } catch (const ReadError& e) {
            FAIL_CHECK("a ReadError, not NotAnArticle: " << e.what());
        }
        CHECK(not_article);
    }
}
