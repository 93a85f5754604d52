#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "dates.h"
#include "text.h"
#include "test_paths.h"
#include "sidecar.h"
#include "text_reader.h"

using namespace dateline;

namespace {
std::vector<Article> read_text(const std::string& data, const std::string& path = "story.txt") {
    std::vector<Article> out;
    TextReader().read({path, data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
std::string date_of(const Article& a) { return a.published ? dates::to_iso8601(*a.published) : "none"; }
}  // namespace

TEST_CASE("headline, date, byline and source from the lines under the headline") {
    auto articles = read_text(
        "Bank of Japan ends negative rates\n"
        "Tue, 19 Mar 2024 04:30:00 GMT\n"
        "By Kenji Ota and Mary Roe\n"
        "Source: Example Wire\n"
        "\n"
        "The Bank of Japan raised its short-term interest rate on Tuesday for the first time in seventeen years.\n");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Bank of Japan ends negative rates");
    CHECK(date_of(a) == "2024-03-19T04:30:00Z");
    CHECK(a.authors == std::vector<std::string>{"Kenji Ota", "Mary Roe"});
    CHECK(a.source == "Example Wire");
    CHECK(a.body.rfind("The Bank of Japan raised", 0) == 0);
    CHECK(a.format == "text");
}

TEST_CASE("a short name line under the headline is the source; a standfirst stays in the body") {
    auto articles = read_text(
        "Coffee prices climb\n"
        "Reuters\n"
        "Dry weather worries traders?\n"
        "\n"
        "Arabica coffee futures rose to their highest level in two years as traders worried about the harvest.\n");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].source == "Reuters");
    CHECK(articles[0].body.rfind("Dry weather worries traders?", 0) == 0);
    CHECK(!articles[0].published);
}

TEST_CASE("page furniture stays out of the headline, date and body") {
    auto articles = read_text(
        "Allies meet in Brussels\n"
        "\n"
        "  \xE2\x80\xA2 Example.com bureau\n"
        "  \xE2\x80\xA2 06:23 AM, February 14, 2025\n"
        "  \xE2\x80\xA2 939\n"
        "Allies meet in Brussels\n"
        "@NATO\n"
        "\n"
        "Defence ministers from the alliance met in Brussels on Wednesday to discuss support for Ukraine and spending.\n"
        "\n"
        "Also Read\n"
        "\n"
        "Another story headline\n"
        "September 24, 2024 @ 12:19 PM\n"
        "\xC2\xA9 2025 Example.com - ALL RIGHTS RESERVED\n");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Allies meet in Brussels");
    CHECK(date_of(a) == "2025-02-14T06:23:00Z");
    CHECK(a.source == "Example.com");
    CHECK(a.body.find("939") == std::string::npos);
    CHECK(a.body.find("@NATO") == std::string::npos);
    CHECK(a.body.find("Also Read") == std::string::npos);
    CHECK(a.body.find("Another story") == std::string::npos);
    CHECK(a.body.find("RESERVED") == std::string::npos);
}

TEST_CASE("a file with no date has none; Latin-1 is converted") {
    auto articles = read_text("Gen\xE8ve talks resume\n\nDiplomats returned to Gen\xE8ve on Monday to resume talks on the ceasefire and prisoner exchanges.\n");
    REQUIRE(articles.size() == 1);
    CHECK(!articles[0].published);
    CHECK(articles[0].title == "Gen\xC3\xA8ve talks resume");
}

TEST_CASE("an empty file is an error, not an article") {
    CHECK_THROWS_AS(read_text("   \n\n"), ReadError);
}

TEST_CASE("sniffing prefers .txt and leaves markup to other readers") {
    TextReader r;
    CHECK(r.sniff("a.txt", "Hello") > r.sniff("a", "Hello"));
    CHECK(r.sniff("page", "<html><head><title>x</title></head><body><p>y</p></body></html>") < 10);
    CHECK(r.sniff("a.txt", std::string("\0\0\0", 3)) == 0);
}

TEST_CASE("the project's samples read with their dates") {
    for (const auto& [file, date] : std::vector<std::pair<std::string, std::string>>{
             {"nato-ukraine-membership-2025-02-14.txt", "2025-02-14T18:10:00Z"},
             {"climate-summit-dubai-2023-12-13.txt", "2023-12-13T07:20:00Z"},
             {"wildfire-los-angeles-2025-01-09.txt", "2025-01-09T22:05:00Z"},
             {"no-date-market-note.txt", "none"}}) {
        CAPTURE(file);
        auto articles = read_text(testing::read_file(testing::samples_dir() / "text" / file), file);
        REQUIRE(articles.size() == 1);
        CHECK(date_of(articles[0]) == date);
        CHECK(!articles[0].body.empty());
    }
}

TEST_CASE("the seed story: headline, date, source and body come out right") {
    DATELINE_REQUIRE_SHARED();
    auto path = testing::shared_dir() / "seed" / "hegseth-nato-2025-02-14.txt";
    auto articles = read_text(testing::read_file(path), path.string());
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "U.S. Says Ukraine NATO Membership \xE2\x80\x98Unrealistic,\xE2\x80\x99 Shifts Focus to U.S. Borders");
    CHECK(date_of(a).substr(0, 10) == "2025-02-14");
    CHECK(text::equals_ci(a.source, "DefenseMirror.com"));
    CHECK(a.body.find("U.S. Secretary of Defense Pete Hegseth said Wednesday") != std::string::npos);
    CHECK(a.body.find("Hegseth insisted that the U.S. remains committed to NATO.") != std::string::npos);
    CHECK(a.body.find("Also Read") == std::string::npos);
    CHECK(a.body.find("ALL RIGHTS RESERVED") == std::string::npos);
    CHECK(a.body.find("939") == std::string::npos);
    CHECK(a.body.find("Key to Victory") == std::string::npos);
}

TEST_CASE("a one-sentence brief is an article, marked brief") {
    auto articles = read_text("Quaymaster named at Port Ellery\nMarch 3, 2024\nThe quaymaster of Port Ellery was named on Sunday.\n");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Quaymaster named at Port Ellery");
    CHECK(date_of(articles[0]) == "2024-03-03T00:00:00Z");
    CHECK(articles[0].body == "The quaymaster of Port Ellery was named on Sunday.");
    CHECK(articles[0].kind == "brief");
}

TEST_CASE("results, standings and price tables are articles, marked table; stories stay stories") {
    auto results = read_text(testing::read_file(testing::samples_dir() / "text" / "alpine-skiing-tignes-results.txt"));
    REQUIRE(results.size() == 1);
    CHECK(results[0].kind == "table");
    CHECK(results[0].body.find("Maren Solvik (Norway) 2:03.45") != std::string::npos);
    auto standings = read_text(testing::read_file(testing::samples_dir() / "text" / "harbour-league-standings-2024-03-03.txt"));
    REQUIRE(standings.size() == 1);
    CHECK(standings[0].kind == "table");
    auto prices = read_text("HARBOUR FISH PRICES\n\nCod 2.45 2.50 -0.05\nHaddock 1.90 1.85 +0.05\nPlaice 3.10 3.10 0.00\nSole 8.75 8.60 +0.15\n");
    REQUIRE(prices.size() == 1);
    CHECK(prices[0].kind == "table");
    auto story = read_text(testing::read_file(testing::samples_dir() / "text" / "nato-ukraine-membership-2025-02-14.txt"));
    CHECK(story[0].kind == "story");
}

TEST_CASE("a word list or a table of bare figures is no article") {
    CHECK_THROWS_AS(read_text("afghanistan\nalbania\nalgeria\namerican-samoa\nandorra\n"), NotAnArticle);
    CHECK_THROWS_AS(read_text("Harbour prices\n\n2.45 2.50\n1.90 1.85\n3.10 3.10\n"), NotAnArticle);
    CHECK_THROWS_AS(read_text("Only a headline\n"), NotAnArticle);
}

TEST_CASE("a wire dateline gives date, place and agency, and leaves the body") {
    auto tignes = read_text("SKIING - WORLD CUP RESULTS\nTIGNES, France 1996-12-06\nResults of the women's giant slalom on Friday:\n"
                            "1. Deborah Compagnoni (Italy) 2:03.45\n2. Katja Seizinger (Germany) 2:03.91\n");
    REQUIRE(tignes.size() == 1);
    CHECK(date_of(tignes[0]) == "1996-12-06T00:00:00Z");
    CHECK(tignes[0].source.empty());  // a place, not a source
    CHECK(tignes[0].dateline == "TIGNES, France 1996-12-06");
    CHECK(std::count(tignes[0].places.begin(), tignes[0].places.end(), "Tignes") == 1);
    CHECK(std::count(tignes[0].places.begin(), tignes[0].places.end(), "France") == 1);
    CHECK(tignes[0].body.rfind("Results of the women's", 0) == 0);

    auto bangkok = read_text("Thais hunt for jail breaker\nBANGKOK\nThailand has launched a manhunt for an Australian who "
                             "escaped from a high security prison in Bangkok, officials said on Thursday.\n");
    CHECK(bangkok[0].source.empty());
    CHECK(bangkok[0].dateline == "BANGKOK");
    CHECK(bangkok[0].places.front() == "Bangkok");
    CHECK(read_text("Coffee prices climb\nREUTERS\nArabica coffee futures rose on Monday.\n")[0].source == "REUTERS");

    auto melbourne = read_text("TENNIS - AUSTRALIAN OPEN DRAW\nMELBOURNE 1996-12-06\nThe draw for the Australian Open was made on Friday.\n");
    CHECK(date_of(melbourne[0]) == "1996-12-06T00:00:00Z");
    CHECK(melbourne[0].source.empty());
    CHECK(melbourne[0].places == std::vector<std::string>{"Melbourne"});

    // Opening the first paragraph; the year from the archive's folders.
    auto london = read_text("Bank holds rates\n\nLONDON, March 3 (Reuters) - The Bank of England held interest rates on Thursday, "
                            "as policymakers waited for clearer signs that inflation was easing.\n",
                            "/archive/2022/03/rates.txt");
    CHECK(date_of(london[0]) == "2022-03-03T00:00:00Z");
    CHECK(london[0].source == "Reuters");
    CHECK(london[0].body.rfind("The Bank of England held", 0) == 0);
    CHECK(london[0].places == std::vector<std::string>{"London"});

    auto washington = read_text("Senate passes budget\nWASHINGTON (AP) -- The Senate passed the budget on Tuesday.\n");
    CHECK(washington[0].source == "AP");
    CHECK(!washington[0].published);
    CHECK(washington[0].body == "The Senate passed the budget on Tuesday.");

    auto paris = read_text("Le gouvernement annonce un plan\nPARIS, 3 mars (AFP) - Le gouvernement a annonc\xC3\xA9 un plan.\n",
                           "/archive/2024/paris.txt");
    CHECK(date_of(paris[0]) == "2024-03-03T00:00:00Z");
    CHECK(paris[0].source == "AFP");
}

TEST_CASE("the year of a day and month: the story's other date, its path, its copyright line, its file's time") {
    auto header = read_text("Rates held\n2019-03-04 10:00\nLONDON, March 3 (Reuters) - Rates were held.\n");
    CHECK(date_of(header[0]) == "2019-03-04T10:00:00Z");  // the header's own date, with its time, wins
    auto copyright = read_text("Rates held\nLONDON, March 3 (Reuters) - Rates were held.\n\n"
                               "The decision was unanimous, the bank said in a statement on its web site on Friday.\n\n"
                               "Related\n\xC2\xA9 2018 Example News\n");
    CHECK(date_of(copyright[0]) == "2018-03-03T00:00:00Z");
    ReaderOptions options;
    options.file_modified = dates::parse("2016-03-20");
    std::vector<Article> out;
    TextReader().read({"rates.txt", "Rates held\nLONDON, March 3 (Reuters) - Rates were held.\n"}, options,
                      [&](Article&& a) { out.push_back(std::move(a)); });
    CHECK(date_of(out[0]) == "2016-03-03T00:00:00Z");
    auto nothing = read_text("Rates held\nLONDON, March 3 (Reuters) - Rates were held.\n");
    CHECK(!nothing[0].published);  // no year is ever made up
    CHECK(nothing[0].places == std::vector<std::string>{"London"});
}

TEST_CASE("date lines in German, Russian and Ukrainian; one that cannot be read stays in the body") {
    auto kiel = read_text(testing::read_file(testing::samples_dir() / "text" / "hafenmeister-kiel-ernannt.txt"));
    CHECK(date_of(kiel[0]) == "2024-03-03T00:00:00Z");
    CHECK(kiel[0].places == std::vector<std::string>{"Kiel"});
    // МОСКВА, 3 марта 2024 (ТАСС) - Правительство ...
    auto moscow = read_text("\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x81\xD1\x82\xD0\xB8\n"
                            "\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90, 3 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 2024 "
                            "(\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1) - \xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE "
                            "\xD0\xBE\xD0\xB4\xD0\xBE\xD0\xB1\xD1\x80\xD0\xB8\xD0\xBB\xD0\xBE \xD0\xBF\xD0\xBB\xD0\xB0\xD0\xBD.\n");
    CHECK(date_of(moscow[0]) == "2024-03-03T00:00:00Z");
    CHECK(moscow[0].places == std::vector<std::string>{"\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"});
    // КИЇВ, 3 березня 2024 - ...
    auto kyiv = read_text("\xD0\x9D\xD0\xBE\xD0\xB2\xD0\xB8\xD0\xBD\xD0\xB8\n"
                          "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92, 3 \xD0\xB1\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB7\xD0\xBD\xD1\x8F 2024 - "
                          "\xD0\xA3\xD1\x80\xD1\x8F\xD0\xB4 \xD1\x83\xD1\x85\xD0\xB2\xD0\xB0\xD0\xBB\xD0\xB8\xD0\xB2 \xD0\xBF\xD0\xBB\xD0\xB0\xD0\xBD.\n");
    CHECK(date_of(kyiv[0]) == "2024-03-03T00:00:00Z");
    auto typo = read_text("Shares fall\nLONDON, Marhc 3 (Reuters) - Shares fell.\n");
    CHECK(!typo[0].published);
    CHECK(typo[0].body == "LONDON, Marhc 3 (Reuters) - Shares fell.");
    CHECK(typo[0].source.empty());
}

// CoNLL-2003 (Reuters RCV1, August to December 1996): briefs, stories, results, standings and
// price tables, each rebuilt from its tokens (one sentence a line, as the wire sent them).
TEST_CASE("every CoNLL-2003 wire story with a date line is read with its date, whatever its kind") {
    DATELINE_REQUIRE_SHARED();
    std::ifstream in(testing::shared_dir() / "corpora" / "conll2003" / "eng.testa");
    std::vector<std::string> docs;
    std::string doc, sentence, line;
    auto end_sentence = [&] {
        if (!sentence.empty()) doc += sentence + "\n";
        sentence.clear();
    };
    while (std::getline(in, line)) {
        if (line.rfind("-DOCSTART-", 0) == 0) {
            end_sentence();
            if (!doc.empty()) docs.push_back(doc);
            doc.clear();
        } else if (line.empty()) {
            end_sentence();
        } else {
            sentence += (sentence.empty() ? "" : " ") + line.substr(0, line.find(' '));
        }
    }
    end_sentence();
    if (!doc.empty()) docs.push_back(doc);
    REQUIRE(docs.size() == 216);
    std::map<std::string, int> kinds;
    int with_date_line = 0, dated = 0;
    for (const std::string& d : docs) {
        CAPTURE(d.substr(0, 200));
        auto articles = read_text(d, "conll/eng.testa.txt");
        REQUIRE(articles.size() == 1);
        ++kinds[articles[0].kind];
        // The date line is under the headline, after a byline in some: "LONDON 1996-08-30",
        // "TIGNES , France 1996-12-06".
        std::string date_line;
        std::size_t iso = std::string::npos;
        std::istringstream top(d);
        for (int k = 0; k < 4 && std::getline(top, date_line); ++k) {
            iso = date_line.find(" 1996-");
            if (k > 0 && iso != std::string::npos && iso + 11 == date_line.size()) break;
            iso = std::string::npos;
        }
        if (iso == std::string::npos) continue;
        ++with_date_line;
        dated += articles[0].published ? 1 : 0;
        CHECK(date_of(articles[0]).substr(0, 10) == date_line.substr(iso + 1, 10));
        CHECK(!articles[0].places.empty());
        CHECK(articles[0].source.find("1996") == std::string::npos);
    }
    MESSAGE("eng.testa: " << docs.size() << " documents, " << with_date_line << " with a date line, all read; kinds: "
                          << kinds["story"] << " stories, " << kinds["brief"] << " briefs, " << kinds["table"] << " tables, "
                          << kinds["list"] << " lists");
    CHECK(with_date_line > 200);
    CHECK(dated == with_date_line);
    CHECK(kinds["table"] > 10);
    CHECK(kinds["brief"] > 10);
}

TEST_CASE("a sidecar's dateline gives the story's place and, with no other, its date") {
    Article side = read_sidecar(R"({"title": "Dam opens", "dateline": "TIGNES, France 1996-12-06"})", {});
    ReaderOptions options;
    options.known_title = side.title;
    std::vector<Article> out;
    TextReader().read({"dam.txt", "The dam opened on Friday after two years of work on the valley road.\n"}, options,
                      [&](Article&& a) { out.push_back(std::move(a)); });
    REQUIRE(out.size() == 1);
    apply_sidecar(side, out[0]);
    CHECK(out[0].title == "Dam opens");
    CHECK(out[0].places == std::vector<std::string>{"Tignes", "France"});
    CHECK(date_of(out[0]) == "1996-12-06T00:00:00Z");
}
