// scripts/nightly end to end (issue "Trust", point 3): the index in generations, swapped in one
// step under the index's lock while a server and the command line keep answering, rolled back
// with --rollback, and left as it was when the check, the compaction or the prune guard fails.
#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

#include "test_paths.h"
#include "test_paths_bin.h"
#include "text.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;
using namespace std::chrono_literals;

extern char** environ;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

using dateline::testing::write;

const std::string kStory =
    "Zanzibarite ferries return to Port Ellery\n2024-03-03\n\nThe quaymaster of Port Ellery said on Sunday that "
    "the zanzibarite ferries would sail again on Monday, after the storm closed the harbour for a week.\n";

// scripts/nightly with this build's programs; `env` goes before it (e.g. "PATH=...:$PATH").
dateline::testing::RunResult nightly(const std::string& args, const std::string& env = "") {
    std::string script = (dateline::testing::source_root() / "scripts" / "nightly").string();
    return run("DATELINE_LOG= DATELINE_BIN=" + quote(fs::path(kIndex).parent_path().string()) + " " + env + " bash " +
                   quote(script) + " " + args,
               true);
}

// Every entry under `dir` with its size and content hash: equal listings, nothing changed.
std::map<std::string, std::string> listing(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        std::string rel = fs::relative(e.path(), dir).string();
        if (e.is_directory()) out[rel] = "dir";
        else out[rel] = std::to_string(e.file_size()) + " " + dateline::text::hash_hex(dateline::testing::read_file(e.path()));
    }
    return out;
}

// dateline-search --serve on a free loopback port, stopped with SIGTERM when the object goes.
class Server {
public:
    Server(const fs::path& db, const fs::path& log) {
        std::vector<std::string> args = {kSearch, "--db", db.string(), "--serve", "127.0.0.1:0", "--threads", "2"};
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        std::regex serving(R"(serving http://127\.0\.0\.1:(\d+)/)");
        for (int i = 0; i < 100 && port_ == 0; ++i) {
            std::smatch m;
            std::string text = dateline::testing::read_file(log);
            if (std::regex_search(text, m, serving)) port_ = std::stoi(m[1]);
            else std::this_thread::sleep_for(100ms);
        }
        REQUIRE_MESSAGE(port_ > 0, "the server did not start: " << dateline::testing::read_file(log));
    }
    ~Server() {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The status and total of a search; status 0 when there was no answer.
    std::pair<int, int> search(const std::string& q) const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(10);
        auto res = c.Get("/api/search?q=" + q);
        if (!res) return {0, -1};
        if (res->status != 200) return {res->status, -1};
        return {200, nlohmann::json::parse(res->body).at("total").get<int>()};
    }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

std::string generation(const fs::path& link) { return fs::read_symlink(link).string(); }

}  // namespace

TEST_CASE("scripts/nightly --help prints help, and touches no index") {
    dateline::testing::TempDir tmp;
    auto help = nightly("--help", "DATELINE_DB=" + quote((tmp.path / "db").string()));
    CHECK(help.status == 0);
    CHECK(help.out.find("Usage: scripts/nightly") == 0);
    CHECK(help.out.find("--rollback") != std::string::npos);
    CHECK(help.out.find("--keep N") != std::string::npos);
    CHECK(fs::is_empty(tmp.path));
    auto none = nightly("--db " + quote((tmp.path / "db").string()));
    CHECK(none.status == 2);
    CHECK(none.out.find("no PATH given") != std::string::npos);
    CHECK(nightly("--keep many x").status == 2);
    CHECK(fs::is_empty(tmp.path));
}

TEST_CASE("nightly swaps and rolls back generations while a server and the command line keep answering") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(dateline::testing::samples_dir() / "text", archive);
    fs::path db = tmp.path / "index";
    auto first = nightly("--db " + quote(db.string()) + " " + quote(archive.string()));
    REQUIRE_MESSAGE(first.status == 0, first.out);
    CHECK(fs::is_symlink(db));
    CHECK(generation(db) == "index.generations/1");

    Server server(db, tmp.path / "server.log");
    REQUIRE(server.search("bank") == std::pair{200, 2});

    std::atomic<bool> stop{false};
    std::atomic<int> queries{0};
    std::mutex mutex;
    std::vector<std::string> errors;
    std::thread searcher([&] {
        while (!stop) {
            auto [status, total] = server.search("harbour");
            if (status != 200) {
                std::lock_guard lock(mutex);
                errors.push_back("HTTP " + std::to_string(status));
            }
            auto cli = run(kSearch + " --db " + quote(db.string()) + " --json --limit 1 harbour", true);
            if (cli.status != 0 && cli.status != 1) {
                std::lock_guard lock(mutex);
                errors.push_back("dateline-search exit " + std::to_string(cli.status) + ": " + cli.out);
            }
            queries += 2;
        }
    });

    write(archive / "zanzibarite.txt", kStory);
    auto second = nightly("--db " + quote(db.string()) + " " + quote(archive.string()));
    CHECK_MESSAGE(second.status == 0, second.out);
    CHECK(generation(db) == "index.generations/2");
    CHECK(second.out.find("generation 2 in service") != std::string::npos);
    CHECK(server.search("zanzibarite") == std::pair{200, 1});

    auto back = nightly("--db " + quote(db.string()) + " --rollback");
    CHECK_MESSAGE(back.status == 0, back.out);
    CHECK(back.out.find("rolled back") != std::string::npos);
    CHECK(generation(db) == "index.generations/1");
    CHECK(server.search("zanzibarite") == std::pair{200, 0});
    CHECK(fs::exists(tmp.path / "index.generations" / "rolled-back-2"));
    // Nothing before generation 1: a second rollback says so and changes nothing.
    auto nothing = nightly("--db " + quote(db.string()) + " --rollback");
    CHECK(nothing.status == 3);
    CHECK(nothing.out.find("no generation before 1") != std::string::npos);
    CHECK(generation(db) == "index.generations/1");

    // The next night starts from the generation in service; the rolled-back one goes.
    auto third = nightly("--db " + quote(db.string()) + " " + quote(archive.string()));
    CHECK_MESSAGE(third.status == 0, third.out);
    CHECK(generation(db) == "index.generations/3");
    CHECK(server.search("zanzibarite") == std::pair{200, 1});
    CHECK(fs::exists(tmp.path / "index.generations" / "1"));
    CHECK_FALSE(fs::exists(tmp.path / "index.generations" / "rolled-back-2"));

    // A user's own run through the link writes into the generation in service.
    write(archive / "second.txt", std::string(kStory).replace(0, 11, "Quillwort"));
    auto user = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK_MESSAGE(user.status == 0, user.out);
    CHECK(fs::is_symlink(db));
    CHECK(server.search("quillwort") == std::pair{200, 1});

    // --keep 2 keeps two generations before the one in service.
    for (int night = 0; night < 3; ++night) CHECK(nightly("--keep 2 --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    std::vector<std::string> kept;
    for (const auto& e : fs::directory_iterator(tmp.path / "index.generations")) kept.push_back(e.path().filename().string());
    std::sort(kept.begin(), kept.end());
    CHECK(kept == std::vector<std::string>{"4", "5", "6"});

    stop = true;
    searcher.join();
    CHECK(queries > 10);
    MESSAGE(queries.load() << " queries answered during five nights, a rollback and a run of dateline-index");
    CHECK_MESSAGE(errors.empty(), errors.size() << " failed queries, the first: " << (errors.empty() ? "" : errors.front()));
}

TEST_CASE("a failed check, compaction or prune leaves the index in service as it was") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(dateline::testing::samples_dir() / "text", archive);
    fs::path db = tmp.path / "index";
    REQUIRE(nightly("--db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    REQUIRE(nightly("--db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    write(archive / "zanzibarite.txt", kStory);
    fs::path gens = tmp.path / "index.generations";
    auto before = listing(gens);

    // Tools that fail, first on the PATH.
    fs::path tools = tmp.path / "tools";
    write(tools / "xapian-check", "#!/bin/sh\nexit 1\n");
    write(tools / "xapian-compact", "#!/bin/sh\nexit 1\n");
    fs::permissions(tools / "xapian-check", fs::perms::owner_all);
    fs::permissions(tools / "xapian-compact", fs::perms::owner_all);
    fs::path check_only = tmp.path / "check-only";
    fs::create_directories(check_only);
    fs::copy(tools / "xapian-check", check_only / "xapian-check");

    auto check = nightly("--db " + quote(db.string()) + " " + quote(archive.string()), "PATH=" + quote(check_only.string()) + ":\"$PATH\"");
    CHECK(check.status == 3);
    CHECK(check.out.find("check of the new generation FAILED; the index in service is unchanged") != std::string::npos);
    CHECK(generation(db) == "index.generations/2");
    CHECK(listing(gens) == before);

    auto compact = nightly("--db " + quote(db.string()) + " " + quote(archive.string()), "PATH=" + quote(tools.string()) + ":\"$PATH\"");
    CHECK(compact.status == 3);
    CHECK(compact.out.find("compaction of generation 2 FAILED") != std::string::npos);
    CHECK(generation(db) == "index.generations/2");
    CHECK(listing(gens) == before);

    // An emptied archive: the prune guard refuses, the previous index stays in service.
    fs::rename(archive, tmp.path / "moved");
    fs::create_directory(archive);
    auto prune = nightly("--db " + quote(db.string()) + " " + quote(archive.string()));
    CHECK(prune.status == 4);
    CHECK(prune.out.find("index FAILED (exit 4)") != std::string::npos);
    CHECK(generation(db) == "index.generations/2");
    CHECK(listing(gens) == before);
    auto search = run(kSearch + " --db " + quote(db.string()) + " --json bank");
    CHECK(search.status == 0);
}

TEST_CASE("nightly holds the index's lock: no run writes in between, and a locked index is left alone") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(dateline::testing::samples_dir() / "text", archive);
    fs::path db = tmp.path / "index";
    // A plain index folder becomes generation 1.
    REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    auto moved = nightly("--db " + quote(db.string()) + " " + quote(archive.string()));
    CHECK_MESSAGE(moved.status == 0, moved.out);
    CHECK(moved.out.find("moved to") != std::string::npos);
    CHECK(generation(db) == "index.generations/2");
    CHECK(fs::exists(tmp.path / "index.generations" / "1" / "iamglass"));

    // While the check runs (made slow), the generation in service is locked.
    fs::path tools = tmp.path / "tools";
    write(tools / "xapian-check", "#!/bin/sh\nsleep 3\nexec \"$REAL_CHECK\" \"$@\"\n");
    fs::permissions(tools / "xapian-check", fs::perms::owner_all);
    std::string real_check = run("command -v xapian-check").out;
    real_check.erase(real_check.find_last_not_of('\n') + 1);
    std::string script = (dateline::testing::source_root() / "scripts" / "nightly").string();
    std::string command = "DATELINE_LOG= DATELINE_BIN=" + quote(fs::path(kIndex).parent_path().string()) + " REAL_CHECK=" +
                          quote(real_check) + " PATH=" + quote(tools.string()) + ":\"$PATH\" bash " + quote(script) + " --db " +
                          quote(db.string()) + " " + quote(archive.string()) + " 2>" + quote((tmp.path / "nightly.log").string());
    std::thread night([&] { CHECK(run(command).status == 0); });
    // The night's copy appears once the lock is held.
    for (int i = 0; i < 100 && !fs::exists(tmp.path / "index.generations" / ".new-3"); ++i) std::this_thread::sleep_for(50ms);
    auto user = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(user.status == 3);
    CHECK(user.out.find("is locked") != std::string::npos);
    night.join();
    CHECK(generation(db) == "index.generations/3");

    // A run holding the lock keeps nightly out; the index in service stays.
    FILE* holder = popen((kIndex + " --db " + quote(db.string()) + " --hold-lock > " + quote((tmp.path / "held").string())).c_str(), "w");
    REQUIRE(holder);
    for (int i = 0; i < 50 && dateline::testing::read_file(tmp.path / "held").find("locked") == std::string::npos; ++i) {
        std::this_thread::sleep_for(100ms);
    }
    auto locked = nightly("--db " + quote(db.string()) + " " + quote(archive.string()));
    CHECK(locked.status == 3);
    CHECK(locked.out.find("locked") != std::string::npos);
    CHECK(generation(db) == "index.generations/3");
    pclose(holder);
    CHECK(nightly("--db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    CHECK(generation(db) == "index.generations/4");
}
