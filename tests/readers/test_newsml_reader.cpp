// NewsmlReader: NewsML-G2 messages and items, NewsML 1.x.
#include <doctest/doctest.h>

#include "dates.h"
#include "newsml_reader.h"
#include "test_paths.h"

using namespace dateline;

namespace {
std::vector<Article> read_newsml(const std::string& data) {
    std::vector<Article> out;
    NewsmlReader().read({"item.xml", data}, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    return out;
}
std::vector<Article> read_sample(const std::string& name) {
    return read_newsml(testing::read_file(testing::samples_dir() / "newsml" / name));
}
}  // namespace

TEST_CASE("a NewsML-G2 message with two items gives two articles") {
    auto articles = read_sample("g2-two-items.xml");
    REQUIRE(articles.size() == 2);
    const Article& a = articles[0];
    CHECK(a.format == "newsml");
    CHECK(a.id == "urn:newsml:dateline.example:20240502:rail-001");
    CHECK(a.title == "New night trains to link Brennick with the coast");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2024-05-02T14:40:00Z");  // firstCreated wins
    CHECK(a.authors == std::vector<std::string>{"Owen Pryce"});
    CHECK(a.source == "Dateline Wire");
    CHECK(a.language == "en");
    CHECK(a.people == std::vector<std::string>{"Lise Marten"});
    CHECK(a.organizations == std::vector<std::string>{"Northern Rail Board"});
    CHECK(a.places == std::vector<std::string>{"East Coast", "Brennick"});
    CHECK(a.keywords == std::vector<std::string>{"rail transport", "night trains"});
    CHECK(a.body.starts_with("Sleeper trains will run"));
    CHECK(a.body.find("\n\nLise Marten, the board's") != std::string::npos);
    CHECK(a.body.find("New night trains") == std::string::npos);  // the XHTML <head><title>

    const Article& b = articles[1];
    CHECK(b.title == "Fact box: the night train timetable");
    REQUIRE(b.published);
    CHECK(dates::to_iso8601(*b.published) == "2024-05-02T16:01:00Z");  // versionCreated
    CHECK(b.authors == std::vector<std::string>{"Owen Pryce"});
    CHECK(b.body == "Trains leave Brennick Central at 22:10 on Mondays, Wednesdays, Fridays and Sundays.\n\n"
                    "The return journey departs from the coast at 21:45 the following evening.");
    CHECK(b.people.empty());
}

TEST_CASE("a NewsML 1.2 item maps NewsLines, metadata and escaped HTML content") {
    auto articles = read_sample("newsml1-story.xml");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.id == "urn:newsml:dateline.example:20220614:museum-4471:1");
    CHECK(a.title == "Museum reopens after five-year restoration");
    CHECK(a.authors == std::vector<std::string>{"Petra Lindqvist"});
    CHECK(a.dateline == "ESKERBY, June 14");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2022-06-14T11:30:00Z");
    CHECK(a.source == "Dateline Wire");
    CHECK(a.places == std::vector<std::string>{"Norland", "Eskerby"});
    CHECK(a.keywords == std::vector<std::string>{"Museums"});
    CHECK(a.body.starts_with("The Eskerby city museum opened its doors again"));
    CHECK(a.body.find("<p>") == std::string::npos);
    CHECK(a.body.find("\n\nVisitors queued") != std::string::npos);
}

TEST_CASE("items without text yield no article, and a fragment is refused") {
    CHECK(read_newsml(R"(<conceptItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="c1"/>)").empty());
    CHECK_THROWS_AS(read_newsml("<groupSet root=\"G1\"/>"), ReadError);
}

TEST_CASE("NITF carried in a G2 item gives body and entities") {
    auto articles = read_newsml(R"(<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g1">
        <itemMeta><versionCreated>2016-10-19T16:15:00Z</versionCreated></itemMeta>
        <contentMeta><headline>Match preview</headline></contentMeta>
        <contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
        <body><body.content><p><person>Ada Quinn</person> starts for <org>Harbour City</org>.</p></body.content></body></nitf>
        </inlineXML></contentSet></newsItem>)");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].body == "Ada Quinn starts for Harbour City.");
    CHECK(articles[0].people == std::vector<std::string>{"Ada Quinn"});
    CHECK(articles[0].organizations == std::vector<std::string>{"Harbour City"});
}

TEST_CASE("a G2 picture with remote content only gives no article; an XHTML story gives one") {
    auto articles = read_sample("g2-remote-and-xhtml.xml");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Ice halts ferries across the Gulf of Riga");
    CHECK(a.body.starts_with("Ferries across the Gulf of Riga stayed in port"));
    CHECK(a.body.find("\n\nThe operator said") != std::string::npos);
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2025-03-03T06:30:00Z");
    CHECK(a.authors == std::vector<std::string>{"Andris Kalnins"});
    CHECK(a.source == "Baltic Press Service");  // no provider: the credit line
    CHECK(a.places == std::vector<std::string>{"Riga"});
    CHECK(a.organizations == std::vector<std::string>{"Gulf Ferry Lines"});
    CHECK(a.keywords == std::vector<std::string>{"transport"});
    CHECK(a.dateline == "RIGA, March 3");
    CHECK(a.language == "en");
}

TEST_CASE("NewsML 1: plain-text DataContent in a nested component, basic ISO dates") {
    auto articles = read_newsml(R"(<NewsML><NewsEnvelope><DateAndTime>20250214T062300+0000</DateAndTime></NewsEnvelope>
      <NewsItem><Identification><NewsIdentifier><PublicIdentifier>urn:newsml:nordwire:1</PublicIdentifier></NewsIdentifier></Identification>
        <NewsManagement><ThisRevisionCreated>20250214T071500+0100</ThisRevisionCreated></NewsManagement>
        <NewsComponent><NewsLines><HeadLine>Snow closes mountain passes</HeadLine><CreditLine>Nordwire</CreditLine></NewsLines>
          <NewsComponent><ContentItem><MediaType FormalName="Text"/><Format FormalName="Text"/>
            <DataContent>Three passes closed on Friday.

Ploughs will clear them by the weekend.</DataContent></ContentItem></NewsComponent>
        </NewsComponent></NewsItem></NewsML>)");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Snow closes mountain passes");
    CHECK(articles[0].body == "Three passes closed on Friday.\n\nPloughs will clear them by the weekend.");
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "2025-02-14T06:15:00Z");
    CHECK(articles[0].source == "Nordwire");
}

TEST_CASE("a G2 item's main headline is its title, whatever the order of its headlines") {
    auto articles = read_newsml(R"(<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g2">
        <itemMeta><versionCreated>2021-05-04T09:00:00+02:00</versionCreated></itemMeta>
        <contentMeta><headline role="hlrole:sub">Work to take two seasons</headline>
        <headline role="hlrole:main">Channel dredging approved</headline></contentMeta>
        <contentSet><inlineData contenttype="text/plain">The harbour board approved the dredging.</inlineData></contentSet></newsItem>)");
    REQUIRE(articles.size() == 1);
    CHECK(articles[0].title == "Channel dredging approved");
    REQUIRE(articles[0].published);
    CHECK(dates::to_iso8601(*articles[0].published) == "2021-05-04T07:00:00Z");
}

TEST_CASE("NewsML 1.2 with NITF in a text component and a picture beside it") {
    auto articles = read_sample("newsml1-nitf-components.xml");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Harbour pilots strike over night shifts");
    CHECK(a.body == "Harbour pilots walked out on Wednesday over new night shifts, leaving ships waiting offshore.\n\n"
                    "The port said talks would resume on Friday.");
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2003-01-15T14:21:00Z");
    CHECK(a.authors == std::vector<std::string>{"Maren Holt"});
    CHECK(a.source == "Example Wire");
    CHECK(a.language == "en");
    CHECK(a.id == "urn:newsml:example.com:20030115:LON123456:1");
}

TEST_CASE("a French G2 item carrying NITF: headline, text, creation date, creator, place") {
    auto articles = read_sample("g2-nitf-french.xml");
    REQUIRE(articles.size() == 1);
    const Article& a = articles[0];
    CHECK(a.title == "Les pilotes du port en gr\xC3\xA8ve");
    CHECK(a.body.starts_with("Les pilotes du port ont cess\xC3\xA9 le travail"));
    REQUIRE(a.published);
    CHECK(dates::to_iso8601(*a.published) == "2025-02-14T05:50:00Z");
    CHECK(a.authors == std::vector<std::string>{"L\xC3\xA9" "a Martin"});
    CHECK(a.places == std::vector<std::string>{"Paris"});
    CHECK(a.source == "Agence Exemple");
    CHECK(a.language == "fr");
}
