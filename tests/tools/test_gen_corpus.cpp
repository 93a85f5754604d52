// scripts/gen-corpus, the corpus of `scripts/bench --scale N`: the same seed gives the same
// bytes and another seed other bytes; it writes N articles that dateline-index reads without a
// skipped record, in JSON Lines and in the other formats it offers; new names keep appearing as
// the corpus grows; and some stories come again, re-sent by another source or corrected.
// It is built from ../shared's corpora, so without them the test is skipped.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;

// Runs scripts/gen-corpus N OUT with `options`; fails the test when it fails. Returns what it
// printed (its summary line).
std::string generate(int n, const fs::path& out, const std::string& options) {
    std::string script = (dateline::testing::source_root() / "scripts" / "gen-corpus").string();
    auto r = run("python3 " + quote(script) + " --shared " + quote(dateline::testing::shared_dir().string()) + " " + options +
                     " " + std::to_string(n) + " " + quote(out.string()),
                 true);
    REQUIRE_MESSAGE(r.status == 0, r.out);
    return r.out;
}

// The number before `what` in gen-corpus's summary line ("..., 698 named").
int summary_count(const std::string& summary, const std::string& what) {
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(summary, m, std::regex("([0-9]+) " + what)), summary);
    return std::stoi(m[1]);
}

// Every file of the folder by name, with its bytes.
std::map<std::string, std::string> files_of(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out[e.path().filename().string()] = dateline::testing::read_file(e.path());
    return out;
}

// The records of the JSON Lines files, in file order.
std::vector<nlohmann::json> records_of(const fs::path& dir) {
    std::vector<nlohmann::json> out;
    for (const auto& [name, bytes] : files_of(dir)) {
        if (!name.ends_with(".jsonl")) continue;
        std::istringstream in(bytes);
        std::string line;
        while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
    }
    return out;
}

}  // namespace

TEST_CASE("gen-corpus: deterministic by seed, N readable articles in every format, growing names, copies") {
    if (dateline::testing::shared_dir().empty()) {
        MESSAGE("../shared is absent: gen-corpus builds its articles from its corpora; skipped");
        return;
    }
    dateline::testing::TempDir tmp;
    // Four runs only (each reads the corpora first): a third of the files in the other formats.
    const int n = 2000;
    const std::string options = "--files 6 --other-formats 34";
    std::string said_big = generate(n, tmp.path / "a", "--seed 1 " + options);
    generate(n, tmp.path / "again", "--seed 1 " + options);
    generate(n, tmp.path / "other-seed", "--seed 2 " + options);

    auto a = files_of(tmp.path / "a");
    CHECK(a.size() == 6);
    CHECK(a == files_of(tmp.path / "again"));
    CHECK(a != files_of(tmp.path / "other-seed"));

    // The pool of people grows with N, minted names and all, and so do the people named.
    std::string said_small = generate(n / 10, tmp.path / "small", "--seed 1 --files 1");
    CHECK(summary_count(said_big, "in the pool") > 3 * summary_count(said_small, "in the pool"));
    CHECK(summary_count(said_big, "minted") > summary_count(said_small, "minted"));
    CHECK(summary_count(said_big, "named") > 3 * summary_count(said_small, "named"));
    std::set<std::string> kinds;
    for (const auto& [name, bytes] : a) kinds.insert(fs::path(name).extension().string());
    CHECK(kinds == std::set<std::string>{".csv", ".jsonl", ".xml"});

    // The indexer reads N articles, from every format, and skips nothing.
    // (its summary line goes to stderr, kept in a file)
    fs::path summary = tmp.path / "summary.txt";
    auto dry = run("{ " + kIndex + " --dry-run --json " + quote((tmp.path / "a").string()) + " 2>" + quote(summary.string()) + "; }");
    std::istringstream lines(dry.out);
    std::string line;
    std::map<std::string, int> by_format;
    int articles = 0;
    while (std::getline(lines, line)) {
        auto article = nlohmann::json::parse(line);
        ++articles;
        ++by_format[article.at("format").get<std::string>()];
        CHECK(!article.at("title").get<std::string>().empty());
        CHECK(!article.at("date").get<std::string>().empty());
        CHECK(!article.at("source").get<std::string>().empty());
    }
    CHECK(dry.status == 0);
    CHECK(articles == n);
    CHECK(by_format.size() == 3);
    std::string said = dateline::testing::read_file(summary);
    CHECK_MESSAGE(said.find("2000 articles parsed, 0 skipped, 0 files failed") != std::string::npos, said);

    // The JSON Lines files (4 of 6, in date order): the later half still names people the earlier
    // half never did; some stories are re-sent by another source, some corrected.
    auto records = records_of(tmp.path / "a");
    REQUIRE(records.size() > n / 2);
    std::set<std::string> first_half, new_in_second;
    std::map<std::string, std::set<std::string>> sources_of_body;
    int corrected = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        CHECK(!r.at("body").get<std::string>().empty());
        for (const auto& p : r.value("people", nlohmann::json::array())) {
            std::string name = p.get<std::string>();
            if (i < records.size() / 2) first_half.insert(name);
            else if (!first_half.contains(name)) new_in_second.insert(name);
        }
        sources_of_body[r.at("body").get<std::string>()].insert(r.at("source").get<std::string>());
        if (r.at("title").get<std::string>().starts_with("CORRECTED - ")) ++corrected;
    }
    CHECK(first_half.size() > 100);
    CHECK(new_in_second.size() * 4 > first_half.size());
    int resent = 0;
    for (const auto& [body, sources] : sources_of_body) resent += sources.size() > 1;
    CHECK(resent >= 15);   // 3% by default
    CHECK(corrected >= 4);  // 1%
}
