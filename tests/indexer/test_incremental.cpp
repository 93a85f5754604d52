// The nightly run end to end (issue "Nightly indexing"): incremental runs that read only what
// changed, a run killed with SIGKILL at random moments, and searches while the indexer commits.
// Uses the built programs. The kill test runs on a slice of Reuters-21578 when ../shared is
// there, else on articles it writes itself.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;
using nlohmann::json;

extern char** environ;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

using dateline::testing::write;

std::string article_text(int n) {
    static const char* words[] = {"ministers", "talks", "harvest", "exports", "bank", "rates", "strike", "ports",
                                  "election", "budget", "storm", "court", "market", "shares", "tariffs", "pipeline"};
    std::mt19937 rng(static_cast<unsigned>(n));
    std::string body;
    for (int s = 0; s < 6; ++s) {
        body += "Officials said the";
        for (int w = 0; w < 14; ++w) body += std::string(" ") + words[rng() % 16];
        body += " on Tuesday.\n";
    }
    return "Story number " + std::to_string(n) + " about " + words[n % 16] + "\n2024-05-" +
           std::to_string(1 + n % 28) + "\n\n" + body;
}

// The ids of every article matching a broad query, in result order: two indexes with the same
// stories give the same list.
std::vector<std::string> all_ids(const fs::path& db, const std::string& query) {
    auto r = run(kSearch + " --db " + quote(db.string()) + " --json --facets none --limit 10000 --sort oldest " + quote(query));
    std::vector<std::string> ids;
    if (r.out.empty()) return ids;
    json response = json::parse(r.out);
    for (const json& res : response.at("results")) ids.push_back(res.at("id").get<std::string>());
    std::sort(ids.begin(), ids.end());
    return ids;
}

// Starts a program in the background, its stdout discarded and its stderr in `log` (when given).
pid_t spawn(const std::vector<std::string>& args, const std::string& log = "/dev/null") {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::size_t documents(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

}  // namespace

TEST_CASE("a run reads only what changed: touched, vanished and edited files") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::create_directories(archive);
    fs::copy(dateline::testing::samples_dir() / "text", archive / "text");
    fs::copy(dateline::testing::samples_dir() / "reuters", archive / "reuters");
    fs::path db = tmp.path / "db";
    CHECK(run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    std::size_t before = documents(db);

    auto unchanged = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(unchanged.status == 0);
    CHECK(unchanged.out.find("0 files read (0 new, 0 changed), 14 unchanged, 0 touched, 0 vanished") == 0);
    CHECK(documents(db) == before);

    // Touch one, delete another, edit a story in a third.
    fs::last_write_time(archive / "text" / "ecb-holds-rates-2024-10-17.txt",
                        fs::last_write_time(archive / "text" / "ecb-holds-rates-2024-10-17.txt") + std::chrono::hours(1));
    fs::remove(archive / "text" / "no-date-market-note.txt");
    std::string sgm = dateline::testing::read_file(archive / "reuters" / "dateline-sample.sgm");
    sgm.replace(sgm.find("15.8 mln barrels"), 16, "16.6 mln barrels, the cartel's zanzibarite quota,");
    write(archive / "reuters" / "dateline-sample.sgm", sgm);

    auto changed = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(changed.status == 0);
    CHECK(changed.out.find("1 files read (0 new, 1 changed), 11 unchanged, 1 touched, 1 vanished") == 0);
    // Of the changed file's three stories, only the edited one is written again.
    CHECK(changed.out.find("1 articles indexed (0 added, 1 replaced), 2 up to date, 1 removed") != std::string::npos);
    CHECK(documents(db) == before - 1);
    CHECK(all_ids(db, "zanzibarite").size() == 1);
    CHECK(all_ids(db, "coffee").empty());

    // The same as a fresh build of the archive as it is now.
    fs::path fresh = tmp.path / "fresh";
    CHECK(run(kIndex + " --db " + quote(fresh.string()) + " " + quote(archive.string())).status == 0);
    CHECK(documents(fresh) == documents(db));
    for (const char* q : {"the", "bank", "year:1987", "nato OR opec OR rates"}) {
        CAPTURE(q);
        CHECK(all_ids(db, q) == all_ids(fresh, q));
    }
    CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
}

TEST_CASE("killed with SIGKILL at random moments, the next runs finish the job with nothing lost or doubled") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    std::size_t expected = 0;
    fs::path shared = dateline::testing::shared_dir();
    if (!shared.empty()) {
        // Six of the Reuters files: 6,000 stories.
        for (int i = 0; i < 6; ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "reut2-%03d.sgm", i);
            fs::create_directories(archive);
            fs::copy_file(shared / "corpora" / "reuters21578" / name, archive / name);
        }
        expected = 6000;
    } else {
        MESSAGE("../shared is absent: the kill test uses 3,000 articles it writes itself");
        for (int n = 0; n < 3000; ++n) write(archive / std::to_string(n / 100) / (std::to_string(n) + ".txt"), article_text(n));
        expected = 3000;
    }
    fs::path clean = tmp.path / "clean";
    auto start = std::chrono::steady_clock::now();
    REQUIRE(run(kIndex + " -q --db " + quote(clean.string()) + " " + quote(archive.string())).status == 0);
    double full_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE(documents(clean) == expected);

    fs::path db = tmp.path / "db";
    std::mt19937 rng(20250214);
    for (int k = 0; k < 10; ++k) {
        // Half the kills hit a first build, half incremental runs over a partly built index
        // (single writer, one commit per batch).
        std::vector<std::string> args{kIndex, "-q", "--db", db.string()};
        if (k % 2 == 1) args.push_back("--jobs=1");
        args.push_back(archive.string());
        pid_t pid = spawn(args);
        auto delay = std::chrono::duration<double>(std::uniform_real_distribution<double>(0.05, 1.0)(rng) * full_seconds);
        std::this_thread::sleep_for(delay);
        kill(pid, SIGKILL);
        wait_exit(pid);
        // A first build killed while it swaps its merged files in leaves tables without the
        // version file (iamglass), which it moves last: no index yet, cleared by the next run.
        // Any index there is must check clean.
        if (fs::exists(db / "iamglass")) CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
    }
    auto finish = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK_MESSAGE(finish.status == 0, finish.out);
    CHECK(documents(db) == expected);
    CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
    for (const char* q : {"the", "oil", "bank OR rates", "year:1987", "talks"}) {
        CAPTURE(q);
        CHECK(all_ids(db, q) == all_ids(clean, q));
    }
}

TEST_CASE("failed files are recorded, skipped while unchanged, and retried on request or when mended") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    write(archive / "good.txt", article_text(1));
    write(archive / "empty.txt", "");
    fs::path db = tmp.path / "db";
    std::string index = kIndex + " --db " + quote(db.string()) + " " + quote(archive.string());
    CHECK(run(index).status == 1);
    auto status = run(kIndex + " --db " + quote(db.string()) + " --status");
    CHECK(status.out.find("failed: " + (archive / "empty.txt").string() + ": the file is empty") != std::string::npos);
    auto again = run(index, true);
    CHECK(again.status == 0);
    CHECK(again.out.find("(1 still failing, see --status)") != std::string::npos);
    auto retried = run(kIndex + " --retry-failed --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(retried.status == 1);
    CHECK(retried.out.find("empty.txt: the file is empty") != std::string::npos);
    write(archive / "empty.txt", article_text(2));
    auto mended = run(index, true);
    CHECK(mended.status == 0);
    CHECK(mended.out.find("1 files read (0 new, 1 changed)") == 0);
    CHECK(documents(db) == 2);
}

TEST_CASE("SIGTERM stops a run cleanly after committing what is done; the next run finishes") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    const std::size_t total = 6000;  // more than two of the writer's 2,500-document commits
    for (std::size_t n = 0; n < total; ++n) {
        write(archive / std::to_string(n / 100) / (std::to_string(n) + ".txt"), article_text(static_cast<int>(n)));
    }
    fs::path db = tmp.path / "db";
    // A first small run makes the next one incremental (one writer, commits every batch).
    write(tmp.path / "seed" / "a.txt", article_text(9999));
    REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote((tmp.path / "seed").string())).status == 0);
    fs::path log = tmp.path / "indexer.log";
    pid_t indexer = spawn({kIndex, "--jobs=1", "--db", db.string(), archive.string()}, log.string());

    // Freeze the run where it is surely in the middle: it has committed a batch beyond the seed
    // (so it is past its start and its signal handlers) and not yet its last commit. Only then is
    // SIGTERM sent, and the run let go: whatever the machine's speed, the stop lands mid-run.
    std::size_t committed_when_stopped = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(3);
    while (std::chrono::steady_clock::now() < deadline) {
        kill(indexer, SIGSTOP);
        int wstatus = 0;
        REQUIRE_MESSAGE(waitpid(indexer, &wstatus, WUNTRACED) == indexer, "the indexer is gone");
        REQUIRE_MESSAGE(WIFSTOPPED(wstatus), "the indexer ended before it was caught mid-run: "
                                                 << dateline::testing::read_file(log));
        std::size_t now = documents(db);
        if (now > 1 && now < total + 1) {
            committed_when_stopped = now;
            break;
        }
        kill(indexer, SIGCONT);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE_MESSAGE(committed_when_stopped > 0, "no commit beyond the seed within three minutes");
    kill(indexer, SIGTERM);
    kill(indexer, SIGCONT);
    int code = wait_exit(indexer);
    std::string said = dateline::testing::read_file(log);
    INFO("indexer stderr: " << said);

    // Exit status 1 and the word "interrupted": the stop is reported, not mistaken for success.
    CHECK(code == 1);
    CHECK(said.find("(interrupted: run again to finish)") != std::string::npos);
    // The index opens, is sound, and holds at least what was committed when the run was frozen,
    // and not everything.
    CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
    std::size_t after_stop = documents(db);
    CHECK(after_stop >= committed_when_stopped);
    CHECK(after_stop < total + 1);
    // The summary tells the truth about what is in the index...
    CHECK(said.find("; " + std::to_string(after_stop) + " documents in the index;") != std::string::npos);
    // ... and every committed document has its file's record with it (one story a file), so the
    // next run knows exactly what is left.
    auto status = run(kIndex + " --db " + quote(db.string()) + " --status");
    CHECK(status.out.find("documents: " + std::to_string(after_stop) + "\n") != std::string::npos);
    CHECK(status.out.find("files: " + std::to_string(after_stop) + " recorded, 0 failed") != std::string::npos);

    // A rerun reads only the rest and completes the job.
    auto rerun = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK_MESSAGE(rerun.status == 0, rerun.out);
    CHECK(rerun.out.find(std::to_string(total + 1 - after_stop) + " files read (" + std::to_string(total + 1 - after_stop) +
                         " new, 0 changed)") == 0);
    CHECK(documents(db) == total + 1);
}

TEST_CASE("searches keep answering while the indexer commits, and then see the new articles") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    for (int n = 0; n < 400; ++n) write(archive / "old" / (std::to_string(n) + ".txt"), article_text(n));
    fs::path db = tmp.path / "db";
    REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    for (int n = 400; n < 2400; ++n) {
        std::string text = article_text(n);
        text.insert(text.find("\n\n") + 2, "A quixotical new report. ");
        write(archive / "new" / (std::to_string(n) + ".txt"), text);
    }
    fs::path log = tmp.path / "indexer.log";
    pid_t indexer = spawn({kIndex, "-q", "--jobs=1", "--db", db.string(), archive.string()}, log.string());
    int searches = 0, errors = 0;
    int wstatus = 0;
    while (true) {
        auto r = run(kSearch + " --db " + quote(db.string()) + " --json --limit 5 talks", true);
        ++searches;
        if (r.status != 0) {
            ++errors;
            MESSAGE("search failed with status " << r.status << ": " << r.out.substr(0, 500));
        }
        if (waitpid(indexer, &wstatus, WNOHANG) == indexer) break;
    }
    INFO("indexer stderr: " << dateline::testing::read_file(log));
    CHECK_MESSAGE(WIFEXITED(wstatus), "the indexer died of signal " << (WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0));
    CHECK(WEXITSTATUS(wstatus) == 0);
    CHECK(searches > 1);
    CHECK(errors == 0);
    CHECK(all_ids(db, "quixotical").size() == 2000);
}

TEST_CASE("a text's metadata sidecar gives its headline and date, and editing only the sidecar is a change") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "scraped";
    fs::path db = tmp.path / "db";
    write(archive / "7_raw.txt",
          "The ferry timetable changes\non Monday, when the winter sailings begin and the first boat leaves the harbour "
          "at six in the morning.\nThe last boat returns at nine in the evening, the operator said on Friday.\n");
    write(archive / "7_meta.json",
          R"({"title": "Winter ferry timetable", "date": "2021-11-01 06:00:00", "author": "Maren Holt", "url": "https://x.example/7"})");
    auto first = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(first.status == 0);
    CHECK(first.out.find("1 files read (1 new, 0 changed)") == 0);  // the sidecar is not a file of its own
    CHECK(first.out.find("0 skipped") != std::string::npos);
    auto get = [&] {
        auto r = run(kSearch + " --db " + quote(db.string()) + " --json ferry");
        json results = json::parse(r.out).at("results");
        REQUIRE(results.size() == 1);
        return results[0];
    };
    json a = get();
    CHECK(a.at("title") == "Winter ferry timetable");
    CHECK(a.at("date") == "2021-11-01T06:00:00Z");
    CHECK(a.at("authors") == json::array({"Maren Holt"}));
    CHECK(documents(db) == 1);

    // The text file named on its own is paired with its sidecar just the same.
    auto single = run(kIndex + " --dry-run --json " + quote((archive / "7_raw.txt").string()));
    json alone = json::parse(single.out);
    CHECK(alone.at("title") == "Winter ferry timetable");
    CHECK(alone.at("date") == "2021-11-01T06:00:00Z");

    // Hard-wrapped text keeps its first line: the headline came from the sidecar.
    auto body = run(kSearch + " --db " + quote(db.string()) + " --json 'body:timetable'");
    CHECK(json::parse(body.out).at("total") == 1);

    write(archive / "7_meta.json",
          R"({"title": "Winter ferry timetable", "date": "2021-11-02 06:00:00", "author": "Maren Holt", "url": "https://x.example/7"})");
    fs::last_write_time(archive / "7_meta.json", fs::last_write_time(archive / "7_meta.json") + std::chrono::seconds(5));
    auto second = run(kIndex + " --db " + quote(db.string()) + " " + quote(archive.string()), true);
    CHECK(second.out.find("1 files read (0 new, 1 changed)") == 0);
    CHECK(get().at("date") == "2021-11-02T06:00:00Z");
    CHECK(documents(db) == 1);
}

namespace {

// Runs `args` in the background and, until it ends, counts the index's documents as a searcher
// would open them. Returns the exit status; every count seen goes to `seen` (an open that fails
// in the moment the new files are moved in is not a count).
int run_watching(const std::vector<std::string>& args, const fs::path& db, const fs::path& log, std::set<std::size_t>& seen,
                 int signal_after_ms = -1, int signal = 0) {
    pid_t pid = spawn(args, log.string());
    auto start = std::chrono::steady_clock::now();
    bool signalled = false;
    for (;;) {
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        try {
            seen.insert(documents(db));
        } catch (const Xapian::Error&) {
        }
        if (!signalled && signal_after_ms >= 0 &&
            std::chrono::steady_clock::now() - start > std::chrono::milliseconds(signal_after_ms)) {
            kill(pid, signal);
            signalled = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

bool has_work_folder(const fs::path& db) {
    for (const fs::directory_entry& e : fs::directory_iterator(db)) {
        if (e.path().filename().string().rfind(".dateline-work-", 0) == 0) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("--full builds beside the index: searchers see the old index or the new one, never a part of one") {
    dateline::testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    for (int n = 0; n < 2000; ++n) write(archive / "a" / std::to_string(n / 100) / (std::to_string(n) + ".txt"), article_text(n));
    fs::path db = tmp.path / "db";
    fs::path log = tmp.path / "log";
    auto start = std::chrono::steady_clock::now();
    REQUIRE(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
    const int build_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
    REQUIRE(documents(db) == 2000);

    std::size_t expected = 2000;
    auto add_articles = [&](int from, int count) {
        for (int n = from; n < from + count; ++n) write(archive / "b" / (std::to_string(n) + ".txt"), article_text(n));
        expected += count;
    };
    for (const char* jobs : {"--jobs=2", "--jobs=1"}) {
        CAPTURE(jobs);
        std::size_t before = expected;
        add_articles(static_cast<int>(expected), 300);
        std::set<std::size_t> seen;
        int code = run_watching({kIndex, "--full", jobs, "--db", db.string(), archive.string()}, db, log, seen);
        CHECK_MESSAGE(code == 0, dateline::testing::read_file(log));
        CHECK(documents(db) == expected);
        // The old count throughout the run, then the new one: never 0 or anything between.
        CHECK(seen.count(before) == 1);
        for (std::size_t n : seen) CHECK((n == before || n == expected));
        CHECK_FALSE(has_work_folder(db));
        CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
    }

    SUBCASE("stopped (SIGTERM) or killed (SIGKILL) half-way, the old index stays; the next run clears the rest") {
        for (int signal : {SIGTERM, SIGKILL}) {
            CAPTURE(signal);
            std::size_t before = expected;
            add_articles(static_cast<int>(expected), 200);
            std::set<std::size_t> seen;
            int code = run_watching({kIndex, "--full", "--db", db.string(), archive.string()}, db, log, seen,
                                    build_ms / 2, signal);
            std::string said = dateline::testing::read_file(log);
            INFO("indexer stderr: " << said);
            for (std::size_t n : seen) CHECK((n == before || n == expected));
            if (documents(db) == before) {
                // Caught in the act (the usual case): the old index, whole.
                CHECK(code == (signal == SIGTERM ? 1 : -1));
                if (signal == SIGTERM) CHECK(said.find("--full did not finish: the index is as it was before the run") != std::string::npos);
            } else {
                CHECK(documents(db) == expected);  // the run ended before the signal
            }
            CHECK(run("xapian-check " + quote(db.string()) + " >/dev/null").status == 0);
            // An ordinary run then brings the index up to date and leaves no work folder.
            CHECK(run(kIndex + " -q --db " + quote(db.string()) + " " + quote(archive.string())).status == 0);
            CHECK(documents(db) == expected);
            CHECK_FALSE(has_work_folder(db));
        }
    }
    SUBCASE("an archive that gives no stories (unmounted, emptied) does not replace the index") {
        fs::path empty = tmp.path / "mount";
        fs::create_directories(empty);
        auto r = run(kIndex + " -q --full --db " + quote(db.string()) + " " + quote(empty.string()), true);
        CHECK(r.status == 1);
        CHECK(r.out.find("--full found no stories to index: the index is left as it was") != std::string::npos);
        CHECK(documents(db) == expected);
        CHECK_FALSE(has_work_folder(db));
    }
}
