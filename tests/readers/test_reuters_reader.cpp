#include <doctest/doctest.h>

#include "dates.h"
#include "reuters_reader.h"
#include "test_paths.h"

using namespace dateline;

namespace {
std::vector<Article> read_sgml(const std::string& data) {
    std::vector<Article> out;
    ReutersReader().read({"reut.sgm", data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}

const char* kStory =
    "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" NEWID=\"17\">\n"
    "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    "<TOPICS><D>cocoa</D></TOPICS>\n"
    "<PLACES><D>el-salvador</D><D>usa</D></PLACES>\n"
    "<PEOPLE><D>james-baker</D></PEOPLE>\n"
    "<ORGS><D>opec</D><D>worldbank</D></ORGS>\n"
    "<UNKNOWN>&#5;&#5;&#5;C T\n&#22;&#22;&#1;f0704&#31;reute</UNKNOWN>\n"
    "<TEXT>&#2;\n<TITLE>BAHIA COCOA REVIEW</TITLE>\n"
    "<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout\n"
    "the week in the Bahia cocoa zone.\n"
    "    Smith & Co said prices < 350 were &lt;fair&gt;.\n"
    " Reuter\n&#3;</BODY></TEXT>\n"
    "</REUTERS>\n";
}  // namespace

TEST_CASE("one story: id, date, title, dateline, body and curated lists") {
    auto articles = read_sgml(kStory);
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.id == "reuters-17");
    CHECK(dates::to_iso8601(*a.published) == "1987-02-26T15:01:01Z");
    CHECK(a.title == "BAHIA COCOA REVIEW");
    CHECK(a.dateline == "SALVADOR, Feb 26");
    CHECK(a.body == "Showers continued throughout the week in the Bahia cocoa zone.\n\nSmith & Co said prices < 350 were <fair>.");
    CHECK(a.people == std::vector<std::string>{"James Baker"});
    CHECK(a.organizations == std::vector<std::string>{"OPEC", "World Bank"});
    CHECK(a.places == std::vector<std::string>{"El Salvador", "USA"});
    CHECK(a.keywords == std::vector<std::string>{"cocoa"});
    CHECK(a.source == "Reuters");
    CHECK(a.curated_people);
}

TEST_CASE("control-character references vanish; nothing invalid is passed on") {
    auto articles = read_sgml(kStory);
    REQUIRE(articles.size() == 1);
    for (char c : articles[0].body) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
}

TEST_CASE("display names of codes") {
    CHECK(reuters_display_name("people", "james-baker") == "James Baker");
    CHECK(reuters_display_name("orgs", "opec") == "OPEC");
    CHECK(reuters_display_name("orgs", "ico-coffee") == "ICO Coffee");
    CHECK(reuters_display_name("places", "west-germany") == "West Germany");
    CHECK(reuters_display_name("places", "uk") == "UK");
}

TEST_CASE("a title-only story is an article too") {
    std::string brief =
        "<REUTERS NEWID=\"5\"><DATE>1-MAR-1987 10:00:00.00</DATE><TEXT TYPE=\"BRIEF\">&#2;\n"
        "******<TITLE>GOLD FIXED AT 408.50 DLRS</TITLE>Blah blah blah.\n&#3;\n</TEXT></REUTERS>";
    auto articles = read_sgml(brief);
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "GOLD FIXED AT 408.50 DLRS");
}

TEST_CASE("a truncated file fails after the complete stories, naming the line") {
    std::string data = std::string(kStory) + "<REUTERS NEWID=\"18\">\n<DATE>26-FEB-1987</DATE>\n<TEXT><TITLE>CUT OFF";
    std::vector<Article> got;
    bool threw = false;
    try {
        ReutersReader().read({"reut.sgm", data}, {}, [&](Article&& a) { got.push_back(std::move(a)); });
    } catch (const ReadError& e) {
        threw = true;
        CHECK(e.line() == 18);
        CHECK(std::string(e.what()).find("NEWID=18") != std::string::npos);
    }
    CHECK(threw);
    CHECK(got.size() == 1);
}

TEST_CASE("a file without stories is not Reuters") {
    CHECK_THROWS_AS(read_sgml("just some text"), ReadError);
    CHECK(ReutersReader().sniff("x.sgm", kStory) > 50);
    CHECK(ReutersReader().sniff("x.txt", "plain text") == 0);
}

TEST_CASE("the project's sample file") {
    auto articles = read_sgml(testing::read_file(testing::samples_dir() / "reuters" / "dateline-sample.sgm"));
    REQUIRE(articles.size() == 3);
    CHECK(articles[0].people == std::vector<std::string>{"Sumita"});
    CHECK(articles[1].organizations == std::vector<std::string>{"OPEC"});
    CHECK(articles[2].title == "LONDON GOLD FIXED AT 408.50 DLRS AN OUNCE");
}

TEST_CASE("the whole Reuters-21578 collection: 21,578 stories, all with titles") {
    DATELINE_REQUIRE_SHARED();
    std::size_t stories = 0, titled = 0, dated = 0;
    for (int i = 0; i <= 21; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "reut2-%03d.sgm", i);
        std::string data = testing::read_file(testing::shared_dir() / "corpora" / "reuters21578" / name);
        ReutersReader().read({name, data}, {}, [&](Article&& a) {
            ++stories;
            titled += a.title.empty() ? 0 : 1;
            dated += a.published ? 1 : 0;
        });
    }
    CHECK(stories == 21578);
    CHECK(titled == 21578);
    CHECK(dated == 21578);
}

TEST_CASE("hard-wrapped stories, briefs and earnings tables have their kind") {
    auto sample = read_sgml(testing::read_file(testing::samples_dir() / "reuters" / "dateline-sample.sgm"));
    REQUIRE(sample.size() == 3);
    CHECK(sample[0].kind == "story");
    CHECK(sample[1].kind == "brief");
    auto earnings = read_sgml("<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT><TITLE>ACME CORP 4TH QTR NET</TITLE>"
                              "<BODY>    Shr 1.20 dlrs vs 1.10 dlrs\n    Net 12.4 mln vs 11.1 mln\n    Revs 310.2 mln vs 295.0 mln\n"
                              "    Year shr 4.50 dlrs vs 4.05 dlrs\n Reuter\n&#3;</BODY></TEXT></REUTERS>");
    REQUIRE(earnings.size() == 1);
    CHECK(earnings[0].kind == "table");
}
