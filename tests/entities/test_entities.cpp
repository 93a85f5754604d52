#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "entities.h"
#include "entity_tagger.h"
#include "test_paths.h"
#include "text_reader.h"

using dateline::Article;
using dateline::Entities;
using dateline::EntityExtractor;
using dateline::ExtractMode;

namespace {

const EntityExtractor& extractor() {
    static const EntityExtractor shared;
    return shared;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool has_word(const std::vector<std::string>& names, const std::string& word) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return n.find(word) != std::string::npos; });
}

Entities body(const std::string& text) { return extractor().extract("", text); }

}  // namespace

TEST_CASE("a title before a name is dropped and the person kept") {
    Entities e = body(
        "Defense Secretary Pete Hegseth met President Donald Trump on Friday. NATO Secretary General "
        "Mark Rutte and Russian President Vladimir Putin were not there.");
    CHECK(has(e.people, "Pete Hegseth"));
    CHECK(has(e.people, "Donald Trump"));
    CHECK(has(e.people, "Mark Rutte"));
    CHECK(has(e.people, "Vladimir Putin"));
    CHECK(has(e.organizations, "NATO"));
    CHECK_FALSE(has_word(e.people, "Secretary"));
    CHECK_FALSE(has_word(e.people, "President"));
    CHECK(e.places.empty());  // "Russian" is a nationality, not a place
}

TEST_CASE("later mentions by surname, Mr. and possessive are the same person") {
    Entities e = body(
        "Pete Hegseth spoke in Brussels. Hegseth said allies must pay more. Mr. Hegseth's remarks "
        "drew criticism, and Hegseth\xE2\x80\x99s aides declined to comment.");
    CHECK(e.people == std::vector<std::string>{"Pete Hegseth"});
    CHECK(has(e.places, "Brussels"));
}

TEST_CASE("a surname in the first sentence joins the full name given later") {
    Entities e = body("Hegseth, speaking on Wednesday, was blunt. Later, Defense Secretary Pete Hegseth left.");
    CHECK(e.people == std::vector<std::string>{"Pete Hegseth"});
}

TEST_CASE("particles, hyphens and initials stay in the name") {
    Entities e = body(
        "The talks were chaired by Charles de Gaulle's grandson and attended by Jean-Pierre Raffarin, "
        "Syrian President Bashar al-Assad and George W. Bush.");
    CHECK(has(e.people, "Charles de Gaulle"));
    CHECK(has(e.people, "Jean-Pierre Raffarin"));
    CHECK(has(e.people, "Bashar al-Assad"));
    CHECK(has(e.people, "George W. Bush"));
}

TEST_CASE("organizations by acronym, alias and shape") {
    Entities e = body(
        "The North Atlantic Treaty Organization met as the International Monetary Fund and the "
        "Ministry of Defence reviewed budgets. Shares of Acme Widget Corp rose while the Labour Party "
        "met at the University of Chicago. OPEC and the IMF said nothing.");
    CHECK(has(e.organizations, "NATO"));
    CHECK(!has(e.organizations, "North Atlantic Treaty Organization"));
    CHECK(has(e.organizations, "IMF"));
    CHECK(!has(e.organizations, "International Monetary Fund"));
    CHECK(has(e.organizations, "Ministry of Defence"));
    CHECK(has(e.organizations, "Acme Widget Corp"));
    CHECK(has(e.organizations, "Labour Party"));
    CHECK(has(e.organizations, "University of Chicago"));
    CHECK(has(e.organizations, "OPEC"));
    CHECK(std::count(e.organizations.begin(), e.organizations.end(), "IMF") == 1);
    CHECK(e.people.empty());
}

TEST_CASE("known places and organizations are reported once, under their canonical name") {
    Entities e = body("The United States and Canada agreed, U.S. officials said on Friday.\n"
                      "The European Community said EC farm ministers would meet.");
    CHECK(has(e.places, "U.S."));
    CHECK(!has(e.places, "United States"));
    CHECK(has(e.organizations, "EC"));
    CHECK(std::count(e.organizations.begin(), e.organizations.end(), "EC") == 1);
    CHECK(!has(e.organizations, "European Community"));
}

TEST_CASE("a title opening a sentence still marks the person") {
    Entities e = body("President Reagan's approval rating fell after the Tower Commission report.\n"
                      "The poll found 42 pct approved Reagan's handling of his job.");
    CHECK(has(e.people, "Reagan"));
}

TEST_CASE("headlines in capitals: public figures and names after a title") {
    Entities e = extractor().extract("WHITE HOUSE'S BAKER SAYS REAGAN TO ADDRESS NATION WEDNESDAY", "Blah blah blah.");
    CHECK(has(e.people, "Baker"));
    CHECK(has(e.people, "Reagan"));
    CHECK(has(e.organizations, "White House"));
    Entities titled = extractor().extract("BRAZIL'S PRESIDENT SARNEY ANNOUNCES DEBT MORATORIUM", "");
    CHECK(has(titled.people, "Sarney"));
    CHECK_FALSE(has_word(titled.people, "Announces"));
}

TEST_CASE("a bare surname of a public figure in prose is a person") {
    Entities e = body("Volcker said the dollar had fallen far enough, and markets listened.");
    CHECK(has(e.people, "Volcker"));
}

TEST_CASE("a headline figure is no dateline") {
    Entities e = extractor().extract("EC AWARDS 123,000 TONNES BARLEY EXPORT LICENCES - TRADERS", "Blah blah blah.");
    CHECK(has(e.organizations, "EC"));
    CHECK(e.places.empty());
}

TEST_CASE("a ministry's name starts at its portfolio, after the nationality") {
    Entities e = body("The statement was issued by the Russian Interior Ministry on Tuesday, while British Airways "
                      "flights were delayed.");
    CHECK(has(e.organizations, "Interior Ministry"));
    CHECK(has(e.organizations, "British Airways"));
}

TEST_CASE("Reuters ORGS names of commodity bodies match the bodies' own names") {
    Entities e = body("International Coffee Organization (ICO) producers will meet in London.");
    CHECK(has(e.organizations, "ICO"));
    CHECK(e.organizations.size() == 1);
}

TEST_CASE("team sports: clubs by city, county and club word; venues and individual sports keep places") {
    Entities soccer = extractor().extract(
        "SOCCER - GERMAN FIRST DIVISION RESULTS.",
        "Results of German first division matches on Saturday:\n"
        "Hansa Rostock 2 Bayer Leverkusen 1\n"
        "Tranmere 3 Oldham 0\n");
    CHECK(has(soccer.organizations, "Hansa Rostock"));
    CHECK(has(soccer.organizations, "Bayer Leverkusen"));
    CHECK(has(soccer.organizations, "Tranmere"));
    CHECK(soccer.people.empty());
    Entities baseball = extractor().extract("BASEBALL - MAJOR LEAGUE SCHEDULE.", "PITTSBURGH AT HOUSTON\n");
    CHECK(has(baseball.organizations, "Pittsburgh"));
    CHECK(has(baseball.places, "Houston"));
    Entities athletics = extractor().extract(
        "ATHLETICS - MITCHELL DEFEATS BAILEY IN BERLIN.",
        "Dennis Mitchell beat Donovan Bailey at the meeting in Berlin, a week after Zurich.");
    CHECK(has(athletics.places, "Berlin"));
    CHECK(has(athletics.places, "Zurich"));
    CHECK(athletics.organizations.empty());
}

TEST_CASE("places: countries, cities, regions; nationalities are not places") {
    Entities e = body("Russian troops moved from Moscow toward Kyiv as Ukraine asked the Middle East and "
                      "New York for help. Chinese officials stayed silent.");
    CHECK(has(e.places, "Moscow"));
    CHECK(has(e.places, "Kyiv"));
    CHECK(has(e.places, "Ukraine"));
    CHECK(has(e.places, "Middle East"));
    CHECK(has(e.places, "New York"));
    CHECK_FALSE(has_word(e.places, "Russian"));
    CHECK_FALSE(has_word(e.places, "Chinese"));
}

TEST_CASE("wire datelines name a place") {
    SUBCASE("given as the article's dateline") {
        Entities e = extractor().extract("BAHIA COCOA REVIEW", "Showers continued throughout the week.", "SALVADOR, Feb 26");
        CHECK(e.places == std::vector<std::string>{"Salvador"});
    }
    SUBCASE("at the start of the body") {
        Entities e = body("WASHINGTON, Feb 14 (Reuters) - The Federal Reserve left rates unchanged.");
        CHECK(has(e.places, "Washington"));
        CHECK(has(e.organizations, "Federal Reserve"));
    }
    SUBCASE("CoNLL style, a date after the place") {
        Entities e = body("LONDON 1996-08-30\nBritish shares rose.");
        CHECK(e.places == std::vector<std::string>{"London"});
    }
}

TEST_CASE("headlines, sentence starts, months and weekdays are not entities") {
    Entities e = extractor().extract(
        "SHOWERS CONTINUE TO HIT BAHIA COCOA ZONE",
        "Showers continued throughout the week. Arrivals for the week ended February 22 were "
        "155,221 bags. Again it seems that cocoa was included. On Monday, traders said prices "
        "would rise in March.");
    CHECK(e.people.empty());
    CHECK(e.organizations.empty());
    CHECK(e.places.empty());
}

TEST_CASE("a title-case headline yields only known names") {
    Entities e = extractor().extract("U.S. Says Ukraine NATO Membership Unrealistic, Shifts Focus to Borders", "");
    CHECK(has(e.places, "U.S."));
    CHECK(has(e.places, "Ukraine"));
    CHECK(e.organizations == std::vector<std::string>{"NATO"});
    CHECK(e.people.empty());
}

TEST_CASE("extract_entities respects curated lists") {
    Article a;
    a.title = "Hegseth visits NATO";
    a.body = "Defense Secretary Pete Hegseth arrived in Brussels for talks at NATO.";
    a.people = {"Curated Person"};
    a.curated_people = true;

    SUBCASE("missing fills only the kinds that were not curated") {
        extract_entities(a, extractor(), ExtractMode::missing);
        CHECK(a.people == std::vector<std::string>{"Curated Person"});
        CHECK(has(a.organizations, "NATO"));
        CHECK(has(a.places, "Brussels"));
    }
    SUBCASE("always merges into curated lists") {
        extract_entities(a, extractor(), ExtractMode::always);
        CHECK(a.people == std::vector<std::string>{"Curated Person", "Pete Hegseth"});
    }
    SUBCASE("never leaves the article alone") {
        extract_entities(a, extractor(), ExtractMode::never);
        CHECK(a.people == std::vector<std::string>{"Curated Person"});
        CHECK(a.organizations.empty());
        CHECK(a.places.empty());
    }
}

TEST_CASE("the seed story") {
    DATELINE_REQUIRE_SHARED();
    auto path = dateline::testing::shared_dir() / "seed" / "hegseth-nato-2025-02-14.txt";
    dateline::SourceFile file{path.string(), dateline::testing::read_file(path)};
    std::vector<Article> articles;
    dateline::TextReader().read(file, {}, [&](Article&& a) { articles.push_back(std::move(a)); });
    REQUIRE(articles.size() == 1);
    Article& a = articles.front();
    extract_entities(a, extractor(), ExtractMode::missing);
    for (const char* person : {"Pete Hegseth", "Donald Trump", "Vladimir Putin", "Volodymyr Zelensky",
                               "Mark Rutte", "John Healey", "Matthew Miller"})
        CHECK_MESSAGE(has(a.people, person), person);
    for (const char* org : {"NATO", "European Union", "Kremlin"}) CHECK_MESSAGE(has(a.organizations, org), org);
    for (const char* place : {"Ukraine", "Russia", "Moscow", "Kyiv"}) CHECK_MESSAGE(has(a.places, place), place);
    CHECK(std::count_if(a.people.begin(), a.people.end(),
                        [](const std::string& p) { return p.find("Hegseth") != std::string::npos; }) == 1);
    CHECK_FALSE(has_word(a.places, "Russian"));
}

TEST_CASE("the tagger's model is compiled in and loads") {
    dateline::entity_text::Tagger tagger;
    CHECK(tagger.feature_count() > 10000);
    CHECK_THROWS_AS(dateline::entity_text::Tagger("labels O B-PER\nscale 1\n1 0:1\n"), std::runtime_error);
    CHECK_THROWS_AS(dateline::entity_text::Tagger(""), std::runtime_error);
    const std::string labels = "labels O B-PER I-PER B-ORG I-ORG B-LOC I-LOC B-MISC I-MISC\n";
    CHECK_THROWS_AS(dateline::entity_text::Tagger(labels + "scale x\n1 0:1\n"), std::runtime_error);
    CHECK_THROWS_AS(dateline::entity_text::Tagger(labels + "scale 1\n1 0:1\n1 2:3\n"), std::runtime_error);
    CHECK_THROWS_AS(dateline::entity_text::Tagger(labels + "scale 1\n1 9:1\n"), std::runtime_error);
    CHECK(dateline::entity_text::Tagger(labels + "scale 0.5\n1 0:1\nff 3:-2\n").feature_count() == 2);
    // Weights are kept in 16 bits: the file's integers must fit, and a larger one is an error.
    CHECK(dateline::entity_text::Tagger(labels + "scale 0.05\n1 0:32767 1:-32768\n").feature_count() == 1);
    CHECK_THROWS_AS(dateline::entity_text::Tagger(labels + "scale 0.05\n1 0:32768\n"), std::runtime_error);
    CHECK_THROWS_AS(dateline::entity_text::Tagger(labels + "scale 0.05\n1 4:-40000\n"), std::runtime_error);
}

TEST_CASE("the tagger: clubs, companies, public bodies and abbreviations") {
    Entities sport = extractor().extract("SOCCER - ENGLISH PREMIER LEAGUE RESULTS",
                                         "Aston Villa beat Leeds United 2-0 at Villa Park on Saturday, while "
                                         "Tottenham drew with Sheffield Wednesday.\n");
    CHECK(has(sport.organizations, "Aston Villa"));
    CHECK(has(sport.organizations, "Leeds United"));
    CHECK(has(sport.organizations, "Sheffield Wednesday"));
    CHECK(sport.people.empty());

    Entities business = body(
        "Shares of Grumman Corp rose after the Agriculture Department said it would buy more wheat. "
        "Itar-Tass news agency said the Kremlin had not been told. El Mundo, a Madrid daily, said "
        "the Christian Democratic Union would vote against the plan.");
    CHECK(has(business.organizations, "Grumman Corp"));
    CHECK(has(business.organizations, "Agriculture Department"));
    CHECK(has(business.organizations, "Tass"));  // the lists' canonical name of Itar-Tass
    CHECK(has(business.organizations, "El Mundo"));
    CHECK(has(business.organizations, "Christian Democratic Union"));
    CHECK(has(business.places, "Madrid"));

    Entities places = body(
        "The company, based in Albuquerque, N.M., has plants in Tulsa, Okla, and in Auckland, NZ. "
        "A London-based trader said tankers in the Gulf of Mexico were waiting.");
    CHECK(has(places.places, "Albuquerque"));
    CHECK(has(places.places, "New Mexico"));  // N.M., under the lists' canonical name
    CHECK(has(places.places, "Oklahoma"));
    CHECK(has(places.places, "New Zealand"));
    CHECK(has(places.places, "Tulsa"));
    CHECK(has(places.places, "London"));
    CHECK(has(places.places, "Gulf of Mexico"));
}

TEST_CASE("German: capitalised nouns are no names; people, known places and companies are") {
    Entities e = extractor().extract(
        "Regierung plant Millionen Euro für Schulen",
        "Bundeskanzlerin Angela Merkel sagte am Montag in Berlin, die Regierung wolle 500 Millionen Euro "
        "bereitstellen. Die Deutsche Bahn AG begrüßte den Plan. In Österreich hieß es, Wien prüfe ihn.",
        "", "de");
    CHECK(e.people == std::vector<std::string>{"Angela Merkel"});
    CHECK(has(e.organizations, "Deutsche Bahn"));
    CHECK(has(e.places, "Berlin"));
    CHECK(has(e.places, "Austria"));
    CHECK(has(e.places, "Vienna"));
    CHECK_FALSE(has_word(e.people, "Millionen"));
    CHECK_FALSE(has_word(e.organizations, "Regierung"));
}

TEST_CASE("Russian: names in any case are one person; a place in the genitive is a place") {
    Entities e = extractor().extract(
        "Глава Республики Алтай встретился с Виталием Кичинековым",
        "Виталий Кичинеков рассказал о работе. По словам Виталия Кичинекова, в Горно-Алтайске и в "
        "Москве ждут решения. Ольга Рогозиной не было.",
        "", "ru");
    CHECK(has(e.people, "Виталий Кичинеков"));
    CHECK(std::count_if(e.people.begin(), e.people.end(),
                        [](const std::string& p) { return p.find("Кичинек") != std::string::npos; }) == 1);
    CHECK(has(e.places, "Altai Republic"));
    CHECK(has(e.places, "Gorno-Altaysk"));
    CHECK(has(e.places, "Moscow"));
    CHECK_FALSE(has_word(e.people, "Республик"));
    CHECK_FALSE(has_word(e.people, "Глава"));
    // Only inflected forms: the genitive and the instrumental give the nominative.
    Entities inflected = extractor().extract("", "По словам Виталия Кичинекова, Ольга Рогозина встретилась с Сергеем Иванцовым.", "", "ru");
    CHECK(has(inflected.people, "Виталий Кичинеков"));
    CHECK(has(inflected.people, "Ольга Рогозина"));
    CHECK(has(inflected.people, "Сергей Иванцов"));
}

TEST_CASE("languages without lists, and Cyrillic read as English, give nothing rather than noise") {
    Entities greek = extractor().extract("Η Αθήνα", "Ο Κώστας Παπαδόπουλος είπε ότι η Αθήνα περιμένει.", "", "el");
    CHECK(greek.people.empty());
    CHECK(greek.organizations.empty());
    CHECK(greek.places.empty());
    Entities undeclared = extractor().extract("", "Пресс-служба МВД по Республике Алтай сообщает, что Иван Петров задержан.");
    CHECK(undeclared.people.empty());
    CHECK(undeclared.organizations.empty());
    CHECK(undeclared.places.empty());
}
