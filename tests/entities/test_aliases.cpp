// One canonical name per thing: the alias table (built-in and a user's file), what the indexer
// makes of every reader's entity names, the dateline's places and people's titles in the
// extractor, and queries, filters and suggestions that find an entity by any of its names, in the
// search core, the CLI and the HTTP API.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "entities.h"
#include "entity_aliases.h"
#include "http_api.h"
#include "searcher.h"
#include "test_paths.h"
#include "test_paths_bin.h"

using namespace dateline;
using dateline::testing::quote;
using dateline::testing::run;
using json = nlohmann::json;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

bool has(const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

std::string write(const std::filesystem::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
}

// The index of samples/aliases: Reuters tags (usa, uk, un, volcker) and JSON lists ("United
// States", "USA", "U.S.", "United Nations", "WFP", "Federal Reserve Chairman Paul Volcker").
struct AliasIndex {
    dateline::testing::TempDir tmp;
    std::string db = (tmp.path / "db").string();
    AliasIndex() {
        auto r = run(kIndex + " --db " + quote(db) + " " + quote((dateline::testing::samples_dir() / "aliases").string()), true);
        REQUIRE_MESSAGE(r.status == 0, r.out);
    }
    json search(const std::string& args) const { return json::parse(run(kSearch + " --db " + quote(db) + " --json " + args).out); }
};

std::vector<std::string> ids(const json& response) {
    std::vector<std::string> out;
    for (const json& r : response["results"]) out.push_back(r["id"].get<std::string>());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the built-in alias table names each thing once, found by every name") {
    const EntityAliases& a = *EntityAliases::built_in();
    auto place = [&](const char* n) { return a.canonical_or_self(EntityKind::place, n); };
    auto org = [&](const char* n) { return a.canonical_or_self(EntityKind::organization, n); };
    for (const char* n : {"U.S.", "USA", "US", "United States", "America", "u.s.", "united states of america"}) CHECK(place(n) == "U.S.");
    for (const char* n : {"U.K.", "UK", "Britain", "United Kingdom", "Great Britain"}) CHECK(place(n) == "Britain");
    for (const char* n : {"U.N.", "UN", "United Nations", "united nations"}) CHECK(org(n) == "U.N.");
    for (const char* n : {"EU", "E.U.", "European Union"}) CHECK(org(n) == "European Union");
    for (const char* n : {"Fed", "Federal Reserve", "Federal Reserve Board"}) CHECK(org(n) == "Federal Reserve");
    for (const char* n : {"NATO", "Nato", "North Atlantic Treaty Organization"}) CHECK(org(n) == "NATO");
    for (const char* n : {"WFP", "World Food Program", "World Food Programme"}) CHECK(org(n) == "World Food Programme");
    CHECK(place("Calif") == "California");
    CHECK(place("N.H.") == "New Hampshire");
    // Kinds are apart, and an unknown name stays as written.
    CHECK(a.canonical(EntityKind::place, "NATO") == nullptr);
    CHECK(org("Solvik Energy") == "Solvik Energy");
    const std::vector<std::string>* names = a.names(EntityKind::place, "usa");
    REQUIRE(names);
    CHECK(names->front() == "U.S.");
    CHECK(has(*names, "United States"));
    CHECK(has(a.completing(EntityKind::place, "united st"), "U.S."));
}

TEST_CASE("a user's alias file adds groups, renames and joins built-in ones, and names its errors") {
    dateline::testing::TempDir tmp;
    std::string path = write(tmp.path / "aliases.txt",
                             "# the newsroom's names\n"
                             "org: Programme alimentaire mondial | WFP\n"
                             "person: Vladimir Putin | Wladimir Putin | Poutine\n"
                             "place: United States   # our style\n"
                             "\n"
                             "org: Bundesbank | Deutsche Bundesbank | Buba\n");
    auto a = EntityAliases::with_file(path);
    CHECK(a->canonical_or_self(EntityKind::organization, "World Food Programme") == "Programme alimentaire mondial");
    CHECK(a->canonical_or_self(EntityKind::person, "poutine") == "Vladimir Putin");
    CHECK(a->canonical_or_self(EntityKind::place, "USA") == "United States");
    CHECK(a->canonical_or_self(EntityKind::place, "u.s.") == "United States");
    CHECK(a->canonical_or_self(EntityKind::organization, "Buba") == "Bundesbank");
    // The built-in table itself is untouched.
    CHECK(EntityAliases::built_in()->canonical_or_self(EntityKind::place, "USA") == "U.S.");

    std::string bad = write(tmp.path / "bad.txt", "org: Fine | Name\n\ncolour: red | rouge\n");
    try {
        EntityAliases::with_file(bad);
        FAIL("no error");
    } catch (const AliasFileError& e) {
        CHECK(std::string(e.what()).find(bad + ":3:") == 0);
    }
    CHECK_THROWS_AS(EntityAliases::with_file((tmp.path / "missing.txt").string()), AliasFileError);
    CHECK_THROWS_AS(EntityAliases::with_file(write(tmp.path / "empty.txt", "place: | \n")), AliasFileError);
}

TEST_CASE("every article's entities get their canonical names: curated lists too, titles out, surnames joined") {
    EntityExtractor extractor;
    Article a;
    a.title = "Leaders meet";
    a.body = "They met.";
    a.people = {"President Nelson Mandela", "Mandela", "Bundeskanzlerin Angela Merkel", "Federal Reserve Chairman Paul Volcker",
                "Earl Woods"};
    a.organizations = {"United Nations", "U.N.", "Fed"};
    a.places = {"USA", "United States", "U.S.", "america"};
    a.curated_people = a.curated_organizations = a.curated_places = true;
    extract_entities(a, extractor, ExtractMode::never);
    CHECK(a.people == std::vector<std::string>{"Nelson Mandela", "Angela Merkel", "Paul Volcker", "Earl Woods"});
    CHECK(a.organizations == std::vector<std::string>{"U.N.", "Federal Reserve"});
    CHECK(a.places == std::vector<std::string>{"U.S."});

    // Curated names win; with --extract always the extractor's are added under the same names.
    Article b;
    b.title = "Talks";
    b.body = "President Nelson Mandela met United Nations officials in the United States on Friday.";
    b.places = {"USA"};
    b.curated_places = true;
    extract_entities(b, extractor, ExtractMode::always);
    CHECK(b.places == std::vector<std::string>{"U.S."});
    CHECK(has(b.people, "Nelson Mandela"));
    CHECK(has(b.organizations, "U.N."));
}

TEST_CASE("titles and honorifics are not part of a name the extractor finds") {
    EntityExtractor extractor;
    Entities e = extractor.extract("Talks in Berlin", "Bundeskanzlerin Angela Merkel met President Nelson Mandela. "
                                                      "Merkel said Monsieur Jacques Chirac would join them.");
    CHECK(has(e.people, "Angela Merkel"));
    CHECK(has(e.people, "Nelson Mandela"));
    CHECK(has(e.people, "Jacques Chirac"));
    CHECK_FALSE(has(e.people, "Bundeskanzlerin Angela Merkel"));
}

TEST_CASE("the dateline's city and country are places of the story (CoNLL-style text)") {
    EntityExtractor extractor;
    Entities plain = extractor.extract("SOUTH AFRICA SAYS RAND TO STAY FIRM .",
                                       "DURBAN, South Africa 1996-12-06\nThe rand will stay firm, the finance ministry said.\n");
    CHECK(has(plain.places, "Durban"));
    CHECK(has(plain.places, "South Africa"));
    Entities irvine = extractor.extract("PROFIT RISES .", "IRVINE, Calif 1996-08-30\nProfit rose in the quarter.\n");
    CHECK(has(irvine.places, "Irvine"));
    CHECK(has(irvine.places, "California"));
    Entities london = extractor.extract("BONDS SLIP .", "LONDON 1996-12-06\nGilts slipped in thin trade.\n");
    CHECK(has(london.places, "London"));
    // In a team sport a city is its club, except the city of the dateline and its county.
    Entities sport = extractor.extract("SOCCER - LEEDS BEAT ARSENAL .",
                                       "WIGAN, England 1996-08-31\nLeeds beat Arsenal 2-1 on Saturday.\n");
    CHECK(has(sport.places, "Wigan"));
    CHECK(has(sport.places, "England"));
    CHECK_FALSE(has(sport.organizations, "Wigan"));
    // Wire copy in lower case: the city before an agency and a dash.
    Entities wire = extractor.extract("Rand steady", "Kwadukuza, South Africa (Reuters) - The rand held steady on Friday.\n\n"
                                                     "Emeryville (AP) \xE2\x80\x94 Dockers walked out.");
    CHECK(has(wire.places, "Kwadukuza"));
    CHECK(has(wire.places, "South Africa"));
    CHECK(has(wire.places, "Emeryville"));
    Entities ticker = extractor.extract("Shares rise", "Zorblax (ZBX) shares rose on Friday.");
    CHECK_FALSE(has(ticker.places, "Zorblax"));
    Entities table = extractor.extract("SOCCER - YUGOSLAV LEAGUE FIXTURES .", "Zemunac (N) - Spartak\n");
    CHECK_FALSE(has(table.places, "Zemunac"));
    // A dateline field ("HERZLIYA, Israel") names both too.
    Entities field = extractor.extract("Talks resume", "Talks resumed on Saturday.", "HERZLIYA, Israel, Aug 31");
    CHECK(has(field.places, "Herzliya"));
    CHECK(has(field.places, "Israel"));
}

TEST_CASE("readers' names for one country or body are one facet value, and every name finds it (CLI)") {
    AliasIndex index;
    json all = index.search("--facets places,organizations,people --facet-limit 20 'place:usa'");
    CHECK(ids(all) == std::vector<std::string>{"jsonl-al-1", "jsonl-al-2", "reuters-91001", "reuters-91002"});
    std::vector<std::string> places;
    for (const json& f : all["facets"]["places"]) places.push_back(f["value"]);
    CHECK(places == std::vector<std::string>{"U.S.", "Britain"});
    for (const char* q : {"'place:\"united states\"'", "'place:u.s.'", "'place:US'", "'place:america'"})
        CHECK_MESSAGE(index.search(q)["total"] == 4, q);
    CHECK(ids(index.search("'org:\"united nations\"'")) == std::vector<std::string>{"jsonl-al-2", "reuters-91002"});
    CHECK(ids(index.search("'org:un'")) == std::vector<std::string>{"jsonl-al-2", "reuters-91002"});
    CHECK(ids(index.search("'org:wfp'")) == std::vector<std::string>{"jsonl-al-2"});
    CHECK(ids(index.search("'org:fed'")) == std::vector<std::string>{"jsonl-al-1"});
    CHECK(ids(index.search("--org 'united nations'")) == std::vector<std::string>{"jsonl-al-2", "reuters-91002"});
    CHECK(ids(index.search("--place usa --place 'united kingdom'")) == std::vector<std::string>{"jsonl-al-2", "reuters-91002"});
    // Operators keep their meaning around a clause with aliases.
    CHECK(ids(index.search("'place:usa -org:\"united nations\"'")) == std::vector<std::string>{"jsonl-al-1", "reuters-91001"});
    CHECK(ids(index.search("'convoy OR org:fed'")) == std::vector<std::string>{"jsonl-al-1", "jsonl-al-2"});
    // Reuters tags Volcker by surname; the JSON story gives the full name: both are his.
    CHECK(ids(index.search("'person:\"paul volcker\"'")) == std::vector<std::string>{"jsonl-al-1", "reuters-91001"});
    CHECK(ids(index.search("--person 'Paul Volcker'")) == std::vector<std::string>{"jsonl-al-1", "reuters-91001"});
    // A surname-only tag is not taken for a full name the index does not know.
    CHECK(index.search("'person:\"karen volcker\"'")["total"] == 0);
}

TEST_CASE("a surname-only tag is found by the full name the public figures list gives for it") {
    dateline::testing::TempDir tmp;
    std::string db = (tmp.path / "db").string();
    auto r = run(kIndex + " --db " + quote(db) + " " + quote((dateline::testing::samples_dir() / "aliases" / "reuters-tags.sgm").string()), true);
    REQUIRE_MESSAGE(r.status == 0, r.out);
    CHECK(EntityAliases::built_in()->is_listed_full_name("Paul Volcker"));
    CHECK_FALSE(EntityAliases::built_in()->is_listed_full_name("Karen Volcker"));
    Searcher searcher(db);
    SearchRequest request;
    request.query = "person:\"paul volcker\"";
    CHECK(searcher.search(request).total == 1);
    request.query = "person:\"karen volcker\"";
    CHECK(searcher.search(request).total == 0);
}

TEST_CASE("aliases in the HTTP API and in suggestions, and --aliases on every program") {
    AliasIndex index;
    Searcher searcher(index.db);
    ApiReply r = search_reply(searcher, {{"q", "place:usa"}});
    CHECK(r.status == 200);
    CHECK(r.body["total"] == 4);
    r = search_reply(searcher, {{"org", "United Nations"}});
    CHECK(r.body["total"] == 2);
    bool us = false;
    for (const Suggestion& s : searcher.suggest("united st", 10)) us = us || (s.value == "U.S." && s.field == "places" && s.count == 4);
    CHECK(us);

    // The same user file at index and query time: its canonical names are stored and found.
    std::string aliases = write(index.tmp.path / "aliases.txt", "place: United States\norg: Relief Agency | WFP\n");
    std::string db2 = (index.tmp.path / "db2").string();
    auto built = run(kIndex + " --db " + quote(db2) + " --aliases " + quote(aliases) + " " +
                         quote((dateline::testing::samples_dir() / "aliases").string()), true);
    REQUIRE_MESSAGE(built.status == 0, built.out);
    json j = json::parse(run(kSearch + " --db " + quote(db2) + " --aliases " + quote(aliases) + " --json --facets places 'org:wfp'").out);
    CHECK(j["total"] == 1);
    std::vector<std::string> places;
    for (const json& f : j["facets"]["places"]) places.push_back(f["value"]);
    CHECK(places == std::vector<std::string>{"Britain", "United States"});
    Searcher with_file(db2, EntityAliases::with_file(aliases));
    CHECK(search_reply(with_file, {{"q", "org:\"relief agency\""}}).body["total"] == 1);
    // A broken file is a usage error naming it.
    std::string bad = write(index.tmp.path / "bad.txt", "colour: red\n");
    auto failed = run(kSearch + " --db " + quote(db2) + " --aliases " + quote(bad) + " oil", true);
    CHECK(failed.status == 2);
    CHECK(failed.out.find("bad.txt:1:") != std::string::npos);
    CHECK(run(kIndex + " --db " + quote(db2) + " --aliases " + quote(bad) + " " + quote(aliases)).status == 2);
}
