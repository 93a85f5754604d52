// End to end: the built dateline-index and dateline-search on samples/, on bad input, and on
// ../shared/corpora when it is there. Checks results, facets, JSON and exit codes.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <set>
#include <regex>

#include "entity_aliases.h"
#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;
using nlohmann::json;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

std::string db_arg(const fs::path& db) { return " --db " + quote(db.string()); }

json search_json(const fs::path& db, const std::string& args) {
    auto r = run(kSearch + db_arg(db) + " --json " + args);
    REQUIRE_MESSAGE(!r.out.empty(), "no JSON from: dateline-search " << args);
    return json::parse(r.out);
}

std::size_t documents(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

using dateline::testing::write;

std::map<std::string, std::size_t> facet_map(const json& facets, const std::string& name) {
    std::map<std::string, std::size_t> out;
    for (const auto& v : facets.at(name)) out[v.at("value").get<std::string>()] = v.at("count").get<std::size_t>();
    return out;
}

}  // namespace

TEST_CASE("samples: index, search, JSON, facets and exit codes") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    std::string samples = (dateline::testing::samples_dir()).string();
    auto indexed = run(kIndex + db_arg(db) + " " + quote(samples + "/text") + " " + quote(samples + "/reuters"), true);
    CHECK_MESSAGE(indexed.status == 0, indexed.out);
    CHECK(indexed.out.find("articles indexed") != std::string::npos);
    std::size_t count = documents(db);
    CHECK(count == 16);

    SUBCASE("the NATO sample story comes first for Hegseth NATO") {
        json j = search_json(db, "'Hegseth NATO'");
        CHECK(j.at("format_version") == 1);
        CHECK(j.at("total_exact") == true);
        REQUIRE(j.at("results").size() >= 1);
        const json& first = j.at("results")[0];
        CHECK(first.at("title").get<std::string>().find("NATO allies told Ukraine") == 0);
        CHECK(first.at("date") == "2025-02-14T18:10:00Z");
        CHECK(first.at("snippet").get<std::string>().find("<b>") != std::string::npos);
        // A result holds the schema's kResult fields and its own four keys, never the body.
        std::set<std::string> keys;
        for (const auto& [key, value] : first.items()) keys.insert(key);
        CHECK(keys == std::set<std::string>{"id", "title", "title_html", "date", "source", "url", "path", "snippet", "people",
                                            "organizations", "places", "kind", "subjects", "keywords", "authors", "score", "added"});
        for (const char* facet : {"people", "organizations", "places", "sources", "years"}) CHECK(j.at("facets").contains(facet));
    }
    SUBCASE("terminal output: rank, date, headline, facets and the count line") {
        auto r = run("NO_COLOR=1 " + kSearch + db_arg(db) + " Hegseth NATO");
        CHECK(r.status == 0);
        // Fewer articles than a page hold both words: they come first, after a line that says so.
        CHECK(r.out.find("Only ") == 0);
        CHECK(r.out.find("\n\n1. 2025-02-14") != std::string::npos);
        CHECK(r.out.find("*Hegseth*") != std::string::npos);
        CHECK(r.out.find(" ms\n") != std::string::npos);
        CHECK(r.out.find("\x1b[") == std::string::npos);
    }
    SUBCASE("--timeline: a chart of matches and shares under the results; the JSON's periods") {
        auto r = run("NO_COLOR=1 " + kSearch + db_arg(db) + " --timeline year --facets none said");
        CHECK(r.status == 0);
        CHECK(r.out.find("\nTimeline per year, ") != std::string::npos);
        CHECK(r.out.find("  count ") != std::string::npos);
        CHECK(r.out.find("  share ") != std::string::npos);
        CHECK(r.out.find("most matches: ") != std::string::npos);
        json j = search_json(db, "--timeline month --since 2024-01 --until 2024-12 --facets none");
        REQUIRE(j.contains("timeline"));
        CHECK(j.at("timeline").at("unit") == "month");
        const json& periods = j.at("timeline").at("periods");
        REQUIRE(periods.size() >= 1);
        std::size_t counted = 0;
        for (const json& p : periods) {
            counted += p.at("count").get<std::size_t>();
            // Every article of the year matches: a share of 1, or a gap (null) with no article.
            if (p.at("all") == 0) CHECK(p.at("share").is_null());
            else CHECK(p.at("share") == 1.0);
        }
        CHECK(counted == j.at("total").get<std::size_t>());
    }
    SUBCASE("--related: who appears with the matches, under the results") {
        auto r = run("NO_COLOR=1 " + kSearch + db_arg(db) + " --related 'person:\"Pete Hegseth\"'");
        CHECK(r.status == 0);
        auto at = r.out.find("\nAppears with (articles here / in the whole index):\n");
        REQUIRE(at != std::string::npos);
        auto people = r.out.find("  people: ", at);
        REQUIRE(people != std::string::npos);
        std::string line = r.out.substr(people, r.out.find('\n', people) - people);
        CHECK(line.find("Donald Trump 1/") != std::string::npos);
        CHECK(line.find("Pete Hegseth") == std::string::npos);  // not with himself
        CHECK(at < r.out.find(" result in "));
        CHECK(run(kSearch + db_arg(db) + " 'person:\"Pete Hegseth\"'").out.find("Appears with") == std::string::npos);
    }
    SUBCASE("filters alone match every article that passes them") {
        json j = search_json(db, "--place japan");
        REQUIRE(j.at("total").get<int>() >= 1);
        bool tagged = false;  // the Reuters sample tagged japan
        for (const json& r : j.at("results")) tagged = tagged || r.at("id") == "reuters-90001";
        CHECK(tagged);
        json y = search_json(db, "--since 2024-01-01 --until 2024-12-31 --sort oldest");
        REQUIRE(y.at("total") == 6);
        for (std::size_t k = 1; k < y.at("results").size(); ++k)
            CHECK(y.at("results")[k - 1].at("date").get<std::string>() <= y.at("results")[k].at("date").get<std::string>());
        CHECK(y.at("results")[0].at("date").get<std::string>() < y.at("results")[5].at("date").get<std::string>());
    }
    SUBCASE("query syntax: phrases, fields, OR, NOT, dates") {
        CHECK(search_json(db, "'\"bank of japan\"'").at("total") == 2);
        CHECK(search_json(db, "'title:opec'").at("total") == 2);
        CHECK(search_json(db, "'opec NOT saudi'").at("total") == 0);
        CHECK(search_json(db, "'rates OR wildfires'").at("total").get<int>() >= 3);
        CHECK(search_json(db, "'date:2025-01-01..2025-02-28'").at("total") == 2);
        CHECK(search_json(db, "year:1987").at("total") == 3);
        CHECK(search_json(db, "'keyword:crude'").at("total") == 1);
    }
    SUBCASE("a malformed query is exit 2 with the place of the problem") {
        auto r = run(kSearch + db_arg(db) + " '(nato'", true);
        CHECK(r.status == 2);
        CHECK(r.out.find("never closed") != std::string::npos);
        json j = json::parse(run(kSearch + db_arg(db) + " --json 'nato AND'").out);
        CHECK(j.at("error").at("position") == 5);
        CHECK(run(kSearch + db_arg(db) + " 'title:'").status == 2);
        CHECK(run(kSearch + db_arg(db) + " 'date:2025-13..2026'").status == 2);
        auto field = run(kSearch + db_arg(db) + " 'colour:red oil'", true);
        CHECK(field.status == 2);
        CHECK(field.out.find("no field 'colour'") != std::string::npos);
        CHECK(field.out.find("person:") != std::string::npos);
        CHECK(run(kSearch + db_arg(db) + " 'date:2025..2024 nato'").status == 2);
        CHECK(run(kSearch + db_arg(db) + " 'opec NEAR/x output'").status == 2);
    }
    SUBCASE("a question no article holds in full: the best partial matches, said so") {
        json j = search_json(db, "'what did hegseth tell the allies about zzzqqxx'");
        CHECK(j.at("matched") == "some");
        CHECK(j.at("total_all_words") == 0);
        REQUIRE(j.at("results").size() >= 1);
        CHECK(j.at("results")[0].at("title").get<std::string>().find("NATO allies told Ukraine") == 0);
        auto r = run("NO_COLOR=1 " + kSearch + db_arg(db) + " 'what did hegseth tell the allies about zzzqqxx'");
        CHECK(r.status == 0);
        CHECK(r.out.find("No article holds all 4 words; the best matches:") != std::string::npos);
        CHECK(search_json(db, "'hegseth AND zzzqqxx'").at("matched") == "all");
    }
    SUBCASE("no results is exit 1; usage errors exit 2; a missing index exit 3") {
        CHECK(run(kSearch + db_arg(db) + " zzzqqxx").status == 1);
        CHECK(run(kSearch + db_arg(db) + " --sort sideways nato").status == 2);
        CHECK(run(kSearch + db_arg(db)).status == 2);
        CHECK(run(kSearch + db_arg(tmp.path / "nowhere") + " nato").status == 3);
        CHECK(run(kIndex + db_arg(db)).status == 2);
        CHECK(run(kIndex + " --bogus x").status == 2);
    }
    SUBCASE("indexing again replaces, never duplicates") {
        auto again = run(kIndex + db_arg(db) + " " + quote(samples + "/text") + " " + quote(samples + "/reuters"), true);
        CHECK(again.status == 0);
        CHECK(documents(db) == count);
        auto full = run(kIndex + db_arg(db) + " --full " + quote(samples + "/text") + " " + quote(samples + "/reuters"), true);
        CHECK(full.status == 0);
        CHECK(documents(db) == count);
    }
    SUBCASE("--dry-run --json prints every article with its fields and writes nothing") {
        auto r = run(kIndex + db_arg(tmp.path / "dry") + " --dry-run --json " + quote(samples + "/reuters"));
        CHECK(r.status == 0);
        std::size_t lines = 0;
        std::size_t start = 0;
        while (start < r.out.size()) {
            std::size_t end = r.out.find('\n', start);
            json a = json::parse(r.out.substr(start, end - start));
            CHECK(a.contains("people"));
            CHECK(a.contains("body"));
            ++lines;
            start = end + 1;
        }
        CHECK(lines == 3);
        CHECK(!fs::exists(tmp.path / "dry"));
    }
    SUBCASE("a locked index is exit 3 at once, naming the index") {
        Xapian::WritableDatabase holder(db.string(), Xapian::DB_OPEN);
        auto r = run(kIndex + db_arg(db) + " " + quote(samples + "/text"), true);
        CHECK(r.status == 3);
        CHECK(r.out.find(db.string()) != std::string::npos);
        CHECK(r.out.find("locked") != std::string::npos);
    }
    SUBCASE("an index of another schema version is refused by both programs") {
        {
            Xapian::WritableDatabase w(db.string(), Xapian::DB_OPEN);
            w.set_metadata("dateline.schema_version", "999");
            w.commit();
        }
        auto s = run(kSearch + db_arg(db) + " nato", true);
        CHECK(s.status == 3);
        CHECK(s.out.find("incompatible") != std::string::npos);
        CHECK(run(kIndex + db_arg(db) + " " + quote(samples + "/text")).status == 3);
    }
}

TEST_CASE("bad input: each bad file named, the good article indexed, exit 1") {
    dateline::testing::TempDir tmp;
    fs::path in = tmp.path / "in";
    write(in / "good.txt", "Ceasefire talks resume in Geneva\n2025-03-01\n\nNegotiators returned to Geneva on Saturday for a new round of ceasefire talks.\n");
    write(in / "empty.txt", "");
    write(in / "image.bin", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 18));
    write(in / "cut.sgm", "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>COCOA</TITLE><BODY>Showers");
    write(in / ".hidden.txt", "Hidden\n\nThis file is hidden and must not be indexed at all by anybody ever.\n");
    fs::path db = tmp.path / "index";
    auto r = run(kIndex + db_arg(db) + " " + quote(in.string()), true);
    CHECK(r.status == 1);
    for (const char* name : {"empty.txt", "image.bin", "cut.sgm"}) {
        CAPTURE(name);
        CHECK(r.out.find((in / name).string() + ":") != std::string::npos);
    }
    CHECK(r.out.find("good.txt:") == std::string::npos);
    CHECK(documents(db) == 1);
    CHECK(search_json(db, "ceasefire").at("total") == 1);
    CHECK(search_json(db, "hidden").at("total") == 0);
    auto status = run(kIndex + db_arg(db) + " --status");
    CHECK(status.out.find("3 failed") != std::string::npos);
}

TEST_CASE("Reuters-21578: every story once, exact facets, phrases") {
    DATELINE_REQUIRE_SHARED();
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    fs::path corpus = dateline::testing::shared_dir() / "corpora" / "reuters21578";
    // The collection's stories; the folder's notes and category lists are checked below.
    std::string sgml = quote(corpus.string()) + "/reut2-*.sgm";
    auto first = run(kIndex + db_arg(db) + " -q " + sgml, true);
    CHECK_MESSAGE(first.status == 0, first.out);
    CHECK(documents(db) == 21578);
    auto second = run(kIndex + db_arg(db) + " " + sgml, true);
    CHECK(second.status == 0);
    CHECK(second.out.find("0 files read") == 0);
    CHECK(documents(db) == 21578);
    // The distribution's memo on its categories is a text with a headline: an article, a list;
    // its lists of category codes, one word a line, are no articles.
    auto memo = run(kIndex + " --dry-run --json " + quote((corpus / "cat-descriptions_120396.txt").string()));
    CHECK(json::parse(memo.out).at("kind") == "list");
    auto codes = run(kIndex + " --dry-run " + quote((corpus / "all-places-strings.lc.txt").string()) + " 2>&1", true);
    CHECK(codes.out.find("skipped, not an article") != std::string::npos);

    // Expected counts straight from the SGML, independently of the reader.
    struct Story { std::vector<std::string> places, orgs, people, topics; std::string text; };
    std::vector<Story> stories;
    auto d_list = [](const std::string& s, const std::string& tag) {
        std::vector<std::string> out;
        auto a = s.find("<" + tag + ">"), b = s.find("</" + tag + ">");
        if (a == std::string::npos || b == std::string::npos) return out;
        std::string inner = s.substr(a, b - a);
        for (std::size_t p = inner.find("<D>"); p != std::string::npos; p = inner.find("<D>", p + 1)) {
            out.push_back(inner.substr(p + 3, inner.find("</D>", p) - p - 3));
        }
        return out;
    };
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.path().extension() != ".sgm") continue;
        std::string data = dateline::testing::read_file(entry.path());
        for (std::size_t p = data.find("<REUTERS"); p != std::string::npos; p = data.find("<REUTERS", p + 1)) {
            std::string s = data.substr(p, data.find("</REUTERS>", p) - p);
            Story st{d_list(s, "PLACES"), d_list(s, "ORGS"), d_list(s, "PEOPLE"), d_list(s, "TOPICS"), ""};
            auto t = s.find("<TEXT");
            st.text = t == std::string::npos ? "" : s.substr(t);
            stories.push_back(std::move(st));
        }
    }
    REQUIRE(stories.size() == 21578);

    auto expect_facets = [&](const std::string& filter_arg, auto has_filter, auto values_of, const std::string& facet) {
        std::map<std::string, std::size_t> expected;
        for (const Story& st : stories) {
            if (!has_filter(st)) continue;
            for (const std::string& v : values_of(st)) ++expected[v];
        }
        json j = search_json(db, filter_arg + " --facets " + facet + " --facet-limit 1000 --limit 0");
        auto got = facet_map(j.at("facets"), facet);
        CHECK(got.size() == expected.size());
        std::size_t compared = 0;
        for (const auto& [code, n] : expected) {
            // Display names differ from codes only in case and separators, or are the alias
            // table's canonical name for the code ("usa" -> "U.S.", "adb-africa" -> "African
            // Development Bank").
            std::string spaced = code;
            std::replace(spaced.begin(), spaced.end(), '-', ' ');
            const std::string* canonical = dateline::EntityAliases::built_in()->canonical(
                facet == "places"     ? dateline::EntityKind::place
                : facet == "people" ? dateline::EntityKind::person
                                    : dateline::EntityKind::organization,
                spaced);
            bool found = false;
            for (const auto& [name, count] : got) {
                std::string folded;
                for (char c : name) folded += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (folded == code || (code == "worldbank" && name == "World Bank") || (canonical && *canonical == name)) {
                    CHECK_MESSAGE(count == n, code);
                    found = true;
                }
            }
            CHECK_MESSAGE(found, code);
            ++compared;
        }
        CHECK(compared > 0);
    };
    auto contains = [](const std::vector<std::string>& v, const char* x) { return std::find(v.begin(), v.end(), x) != v.end(); };
    expect_facets("--place japan", [&](const Story& s) { return contains(s.places, "japan"); },
                  [](const Story& s) { return s.orgs; }, "organizations");
    expect_facets("--org imf", [&](const Story& s) { return contains(s.orgs, "imf"); },
                  [](const Story& s) { return s.people; }, "people");
    expect_facets("--person volcker", [&](const Story& s) { return contains(s.people, "volcker"); },
                  [](const Story& s) { return s.places; }, "places");

    // Subjects: the stories' TOPICS, as written, filtered and counted exactly (a story that
    // lists a topic twice counts once).
    std::map<std::string, std::size_t> topics, crude_places;
    for (const Story& st : stories) {
        for (const std::string& t : std::set<std::string>(st.topics.begin(), st.topics.end())) ++topics[t];
        if (contains(st.topics, "crude")) {
            for (const std::string& p : st.places) ++crude_places[p];
        }
    }
    // Articles, not stories: copies of one story are one result (total), and each counts here.
    json subjects = search_json(db, "--facets subjects --facet-limit 1000 --limit 0 --since 1000");
    CHECK(facet_map(subjects.at("facets"), "subjects") == topics);
    json crude = search_json(db, "--subject crude --facets places --facet-limit 1000 --limit 3");
    CHECK(crude.at("total_articles") == topics["crude"]);
    CHECK(facet_map(crude.at("facets"), "places").size() == crude_places.size());
    for (const json& r : crude.at("results")) CHECK(std::find(r.at("subjects").begin(), r.at("subjects").end(), "crude") != r.at("subjects").end());
    CHECK(search_json(db, "'subject:crude' --facets none --limit 0").at("total_articles") == topics["crude"]);

    // "bank of japan" as a phrase: the stories holding the three words in a row.
    std::size_t phrase_expected = 0;
    std::regex phrase("bank\\s+of\\s+japan", std::regex::icase);
    for (const Story& st : stories) phrase_expected += std::regex_search(st.text, phrase) ? 1 : 0;
    auto phrase_total = search_json(db, "'\"bank of japan\"' --facets none --limit 0").at("total_articles").get<double>();
    auto words_total = search_json(db, "'bank japan' --facets none --limit 0").at("total_articles").get<double>();
    CHECK(std::abs(phrase_total - static_cast<double>(phrase_expected)) <= 0.02 * static_cast<double>(phrase_expected));
    CHECK(phrase_total < words_total);

    SUBCASE("the seed story ranks first for Hegseth NATO among the Reuters stories") {
        fs::path seed = dateline::testing::shared_dir() / "seed";
        CHECK(run(kIndex + db_arg(db) + " -q " + quote(seed.string())).status == 0);
        json j = search_json(db, "'Hegseth NATO'");
        REQUIRE(j.at("results").size() >= 1);
        CHECK(j.at("results")[0].at("path").get<std::string>().find("hegseth-nato-2025-02-14.txt") != std::string::npos);
        CHECK(j.at("results")[0].at("date").get<std::string>().substr(0, 10) == "2025-02-14");

        // Its people, organizations and places under canonical names, found by filter and field.
        const json& seed_story = j.at("results")[0];
        auto has = [](const json& list, const char* name) {
            for (const json& v : list) {
                if (v == name) return true;
            }
            return false;
        };
        for (const char* person : {"Pete Hegseth", "Donald Trump", "Vladimir Putin", "Volodymyr Zelensky", "Mark Rutte",
                                   "John Healey", "Matthew Miller"})
            CHECK_MESSAGE(has(seed_story.at("people"), person), person);
        for (const char* org : {"NATO", "European Union", "Kremlin"}) CHECK_MESSAGE(has(seed_story.at("organizations"), org), org);
        for (const char* place : {"Ukraine", "Russia", "Moscow", "Kyiv"}) CHECK_MESSAGE(has(seed_story.at("places"), place), place);
        json by_filter = search_json(db, "--person 'Pete Hegseth'");
        REQUIRE(by_filter.at("total") == 1);
        CHECK(by_filter.at("results")[0].at("id") == seed_story.at("id"));
        json by_field = search_json(db, "'person:hegseth'");
        REQUIRE(by_field.at("total") == 1);
        CHECK(by_field.at("results")[0].at("id") == seed_story.at("id"));
    }
}

TEST_CASE("the samples' NATO story comes first in the demo index") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    // As scripts/demo does: the whole samples/ folder, hostile files included.
    auto r = run(kIndex + db_arg(db) + " " + quote(dateline::testing::samples_dir().string()), true);
    CHECK(r.status == 1);  // samples/hostile/malformed-feed.xml
    CHECK(r.out.find("malformed-feed.xml") != std::string::npos);
    json j = search_json(db, "'Hegseth NATO'");
    REQUIRE(j.at("results").size() >= 1);
    CHECK(j.at("results")[0].at("title") == "NATO allies told Ukraine membership is off the table");
}

TEST_CASE("every file of ../shared/corpora/formats is indexed; only the malformed feed fails") {
    DATELINE_REQUIRE_SHARED();
    fs::path formats = dateline::testing::shared_dir() / "corpora" / "formats";
    // stderr (the reports) to the captured stdout, the articles away.
    auto r = run("(" + kIndex + " --dry-run --json " + quote(formats.string()) + " 3>&1 1>/dev/null 2>&3)");
    std::vector<std::string> failures;
    std::size_t start = 0;
    while (start < r.out.size()) {
        std::size_t end = r.out.find('\n', start);
        if (end == std::string::npos) end = r.out.size();
        std::string line = r.out.substr(start, end - start);
        if (line.rfind("dateline-index: ", 0) == 0 && line.find(": skipped, ") == std::string::npos) failures.push_back(line);
        start = end + 1;
    }
    CAPTURE(r.out);
    REQUIRE(failures.size() == 1);
    CHECK(failures[0].find("rss_2.0_invalid_1.xml") != std::string::npos);
    CHECK(r.status == 1);

    // Every article has a title and a body; the web pages and feed items have sources.
    auto articles = run(kIndex + " --dry-run --json " + quote(formats.string()));
    std::size_t count = 0, titled = 0, with_body = 0, sourced = 0, web = 0;
    start = 0;
    while (start < articles.out.size()) {
        std::size_t end = articles.out.find('\n', start);
        json a = json::parse(articles.out.substr(start, end - start));
        ++count;
        titled += a.at("title").get<std::string>().empty() ? 0 : 1;
        with_body += a.at("body").get<std::string>().empty() ? 0 : 1;
        if (a.at("format") == "html" || a.at("format") == "feed") {
            ++web;
            sourced += a.at("source").get<std::string>().empty() ? 0 : 1;
        }
        start = end + 1;
    }
    MESSAGE(count << " articles, " << titled << " titled, " << with_body << " with a body, " << sourced << " of " << web
                  << " web and feed articles with a source");
    CHECK(count > 400);
    CHECK(titled == count);
    CHECK(with_body >= count * 95 / 100);
    CHECK(sourced == web);
}

TEST_CASE("dateline-search --json returns wire, feed and web articles with dates, entities and sources") {
    DATELINE_REQUIRE_SHARED();
    fs::path formats = dateline::testing::shared_dir() / "corpora" / "formats";
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "db";
    auto indexed = run(kIndex + db_arg(db) + " " + quote((formats / "nitf").string()) + " " +
                           quote((formats / "newsml" / "newsml1").string()) + " " +
                           quote((formats / "feeds" / "rss-parser").string()) + " " +
                           quote((formats / "html" / "mozilla-readability").string()),
                       true);
    CHECK(indexed.status == 0);
    auto first = [&](const std::string& args) {
        json r = search_json(db, "-n 1 " + args);
        REQUIRE(r.at("results").size() == 1);
        return r.at("results")[0];
    };
    auto has = [](const json& list, const std::string& v) {
        for (const auto& x : list) {
            if (x.get<std::string>() == v) return true;
        }
        return false;
    };
    json nitf = first("bosnich");  // PA's NITF, with inline <person> markup
    CHECK(nitf.at("date").get<std::string>().starts_with("2015-10-14"));
    CHECK(has(nitf.at("people"), "Mark Bosnich"));
    CHECK(nitf.at("source") == "PA Sport");
    json newsml = first("saab receivership");  // AFP's NewsML 1.2
    CHECK(newsml.at("date").get<std::string>().starts_with("2014-08-29"));
    CHECK(has(newsml.at("places"), "Stockholm"));
    CHECK(newsml.at("source") == "AFP");
    json feed = first("'title:\"state of the union\"'");  // an RSS item
    CHECK(feed.at("source") == "The Guardian");
    CHECK(feed.at("date").get<std::string>().starts_with("2018-01-31"));
    json page = first("obama gun laws frustration");  // a saved BBC page
    CHECK(page.at("source") == "BBC News");
    CHECK(page.at("date").get<std::string>().starts_with("2015-07-2"));
    CHECK(has(page.at("people"), "Barack Obama"));
}

TEST_CASE("a one-sentence brief and results tables are indexed and found; kind filters and facets") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    auto r = run(kIndex + db_arg(db) + " " + quote((dateline::testing::samples_dir() / "text").string()), true);
    CHECK(r.status == 0);
    CHECK(r.out.find("skipped, not an article") == std::string::npos);

    json brief = search_json(db, "quaymaster");
    REQUIRE(brief.at("results").size() == 1);
    CHECK(brief.at("results")[0].at("kind") == "brief");
    CHECK(brief.at("results")[0].at("date") == "2024-03-03T00:00:00Z");

    // A skier's name in the results, a club's in the standings.
    json skier = search_json(db, "Solvik");
    REQUIRE(skier.at("results").size() == 1);
    CHECK(skier.at("results")[0].at("kind") == "table");
    CHECK(skier.at("results")[0].at("date") == "2024-12-06T00:00:00Z");
    CHECK(search_json(db, "place:tignes").at("total") == 1);
    json club = search_json(db, quote("\"Saltmarsh United\""));
    REQUIRE(club.at("results").size() == 1);
    CHECK(club.at("results")[0].at("date") == "2024-03-03T00:00:00Z");

    CHECK(search_json(db, "--kind table").at("total") == 2);
    CHECK(search_json(db, "--kind TABLE").at("total") == 2);
    CHECK(search_json(db, "kind:brief").at("total") == search_json(db, "--kind brief").at("total"));
    CHECK(search_json(db, "kind:table Solvik").at("total") == 1);
    CHECK(search_json(db, "kind:story Solvik").at("total") == 0);
    json facets = search_json(db, "--facets kinds --since 1900");
    std::map<std::string, int> kinds;
    for (const json& v : facets.at("facets").at("kinds")) kinds[v.at("value")] = v.at("count");
    CHECK(kinds["table"] == 2);
    CHECK(kinds["brief"] >= 2);
    CHECK(kinds["story"] >= 8);
    CHECK(run(kSearch + " --help").out.find("--kind") != std::string::npos);
    auto text = run(kSearch + db_arg(db) + " Solvik");
    CHECK(text.out.find("2024-12-06  [table]") != std::string::npos);
}
