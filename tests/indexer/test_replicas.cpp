// Search machines on Xapian's own replication (issue 16, point 5): scripts/replica-serve serves
// the index that scripts/nightly keeps in generations, scripts/replica-follow keeps a replica of
// it, and a searcher on the replica answers from each new generation, or a rolled-back one,
// without a restart. Everything runs on loopback ports that were free, in a folder of the test's
// own; every process started is stopped at the end, whatever failed.
#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <mutex>
#include <netinet/in.h>
#include <regex>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::read_file;
using dateline::testing::run;
using dateline::testing::write;
using namespace std::chrono_literals;

extern char** environ;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

std::string script(const std::string& name) { return (dateline::testing::source_root() / "scripts" / name).string(); }

bool installed(const std::string& tool) { return run("command -v " + tool).status == 0; }

// A loopback port nobody listens on right now.
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

bool accepts(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    return ok;
}

// Polls `done` every 100 ms for up to `limit`.
bool eventually(const std::function<bool()>& done, std::chrono::seconds limit = 60s) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return done();
}

// A program in a session (so a process group) of its own, its stdout and stderr in `log`.
// stop() sends SIGTERM to the group and returns the exit status; the destructor stops whatever is
// still running, with SIGKILL after 10 s, so nothing outlives a failed test.
class Process {
public:
    Process(std::vector<std::string> args, const fs::path& log) : log_(log) {
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
        int error = posix_spawnp(&pid_, argv[0], &actions, &attr, argv.data(), environ);
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&actions);
        if (error != 0) pid_ = -1;
    }
    ~Process() { stop(); }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            pid_ = -1;
            return false;
        }
        return true;
    }
    // The exit status, -1 while it runs.
    int status() { return running() ? -1 : status_; }

    int stop() {
        if (!running()) return status_;
        kill(-pid_, SIGTERM);
        if (!eventually([&] { return !running(); }, 10s)) {
            kill(-pid_, SIGKILL);
            int status = 0;
            waitpid(pid_, &status, 0);
            pid_ = -1;
            status_ = -9;
        }
        return status_;
    }
    std::string log() const { return read_file(log_); }

private:
    pid_t pid_ = -1;
    int status_ = -1;
    fs::path log_;
};

// scripts/replica-serve, and the xapian-replicate-server it starts in a group of its own: the
// destructor makes sure that group is gone too, even if the script could not stop it.
class ReplicaServer {
public:
    ReplicaServer(const fs::path& db, int port, const fs::path& log)
        : port_(port),
          log_(log),
          script_({"bash", script("replica-serve"), "--db", db.string(), "--listen", "127.0.0.1:" + std::to_string(port),
                   "--check-every", "1", "--log", log.string()},
                  log) {
        bool up = eventually([&] { return read_file(log_).find(" serving ") != std::string::npos || !script_.running(); }, 20s);
        std::smatch m;
        std::string text = read_file(log_);
        static const std::regex pid(R"(xapian-replicate-server pid (\d+))");
        if (std::regex_search(text, m, pid)) server_ = std::stoi(m[1]);
        REQUIRE_MESSAGE((up && server_ > 0 && script_.running()), "replica-serve did not start: " << text);
    }
    ~ReplicaServer() {
        script_.stop();
        if (server_ > 0 && kill(server_, 0) == 0) kill(-server_, SIGKILL);
    }
    ReplicaServer(const ReplicaServer&) = delete;
    ReplicaServer& operator=(const ReplicaServer&) = delete;

    int stop() { return script_.stop(); }
    bool server_alive() const { return server_ > 0 && kill(server_, 0) == 0; }
    std::string log() const { return read_file(log_); }

private:
    int port_;
    fs::path log_;
    Process script_;
    pid_t server_ = -1;
};

// The JSON of dateline-search on `db`, took_ms left out; null when it failed (exit 1 is "no
// results", an answer).
nlohmann::json search(const fs::path& db, const std::string& query) {
    auto r = run(kSearch + " --db " + quote(db.string()) + " --json --limit 20 " + quote(query));
    if (r.status != 0 && r.status != 1) return nullptr;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded()) return nullptr;
    j.erase("took_ms");
    return j;
}

int total(const fs::path& db, const std::string& query) {
    auto j = search(db, query);
    return j.is_object() ? j.at("total").get<int>() : -1;
}

// dateline-http (through dateline-search --serve) on the replica, started once, never restarted.
class Searcher {
public:
    Searcher(const fs::path& db, const fs::path& log)
        : process_({kSearch, "--db", db.string(), "--serve", "127.0.0.1:0", "--threads", "2"}, log), log_(log) {
        static const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+)/)");
        eventually([&] {
            std::smatch m;
            std::string text = read_file(log_);
            if (std::regex_search(text, m, serving)) port_ = std::stoi(m[1]);
            return port_ > 0 || !process_.running();
        }, 20s);
        REQUIRE_MESSAGE(port_ > 0, "dateline-http did not start: " << read_file(log_));
    }
    // A connection of its own, for one thread.
    class Client {
    public:
        explicit Client(const Searcher& s) : c_("127.0.0.1", s.port_) { c_.set_read_timeout(20); }
        // The total of a search; -1 with the reason in `why` when there was no 200 answer.
        int total(const std::string& q, std::string& why) {
            auto res = c_.Get("/api/search?q=" + q);
            if (!res) { why = "no answer"; return -1; }
            if (res->status != 200) { why = "HTTP " + std::to_string(res->status) + ": " + res->body; return -1; }
            return nlohmann::json::parse(res->body).at("total").get<int>();
        }

    private:
        httplib::Client c_;
    };
    int total(const std::string& q) { return Client(*this).total(q, error); }
    bool running() { return process_.running(); }
    std::string error;

private:
    Process process_;
    fs::path log_;
    int port_ = 0;
};

dateline::testing::RunResult nightly(const fs::path& db, const std::string& args) {
    return run("DATELINE_LOG= DATELINE_BIN=" + quote(fs::path(kIndex).parent_path().string()) + " bash " +
                   quote(script("nightly")) + " --db " + quote(db.string()) + " " + args,
               true);
}

std::string story(const std::string& word, const std::string& place) {
    return word + " ferries return to " + place + "\n2024-03-03\n\nThe quaymaster of " + place + " said on Sunday that the " +
           word + " ferries would sail again on Monday, after the storm closed the harbour for a week.\n";
}

}  // namespace

TEST_CASE("replica-serve and replica-follow: help, usage errors, and what they refuse to touch") {
    dateline::testing::TempDir tmp;
    auto serve_help = run("bash " + quote(script("replica-serve")) + " --help");
    CHECK(serve_help.status == 0);
    CHECK(serve_help.out.find("Usage: scripts/replica-serve") == 0);
    auto follow_help = run("bash " + quote(script("replica-follow")) + " --help");
    CHECK(follow_help.status == 0);
    CHECK(follow_help.out.find("Usage: scripts/replica-follow") == 0);

    auto no_listen = run("bash " + quote(script("replica-serve")) + " --db " + quote((tmp.path / "x").string()), true);
    CHECK(no_listen.status == 2);
    CHECK(no_listen.out.find("give --listen") != std::string::npos);
    CHECK(run("bash " + quote(script("replica-serve")) + " --listen 127.0.0.1:99999 --db x").status == 2);
    auto no_from = run("bash " + quote(script("replica-follow")) + " --replica " + quote((tmp.path / "r").string()), true);
    CHECK(no_from.status == 2);
    CHECK(no_from.out.find("give --from HOST:PORT and --replica DIR") != std::string::npos);
    CHECK(run("bash " + quote(script("replica-follow")) + " --from 127.0.0.1:1 --replica r --interval soon").status == 2);
    CHECK(fs::is_empty(tmp.path));

    if (!installed("xapian-replicate") || !installed("xapian-replicate-server") || !installed("xapian-delve")) {
        MESSAGE("skipped the rest: xapian-replicate, xapian-replicate-server or xapian-delve is not installed (Debian package xapian-tools)");
        return;
    }
    auto no_index = run("DATELINE_LOG= bash " + quote(script("replica-serve")) + " --listen 127.0.0.1:" +
                            std::to_string(free_port()) + " --db " + quote((tmp.path / "none").string()),
                        true);
    CHECK(no_index.status == 3);
    CHECK(no_index.out.find("there is no index at") != std::string::npos);

    // A folder with someone's files is never written into.
    write(tmp.path / "notes" / "todo.txt", "mine\n");
    auto not_replica = run("DATELINE_LOG= bash " + quote(script("replica-follow")) + " --from 127.0.0.1:1 --once --replica " +
                               quote((tmp.path / "notes").string()),
                           true);
    CHECK(not_replica.status == 3);
    CHECK(not_replica.out.find("is not a replica folder") != std::string::npos);
    CHECK(read_file(tmp.path / "notes" / "todo.txt") == "mine\n");
    CHECK(std::distance(fs::directory_iterator(tmp.path / "notes"), fs::directory_iterator()) == 1);

    // Nobody serving: the round fails with the reason, and leaves no replica behind.
    auto refused = run("DATELINE_LOG= bash " + quote(script("replica-follow")) + " --once --from 127.0.0.1:" +
                           std::to_string(free_port()) + " --replica " + quote((tmp.path / "replica").string()),
                       true);
    CHECK(refused.status == 3);
    CHECK(refused.out.find("round FAILED") != std::string::npos);
    CHECK(refused.out.find("Connection refused") != std::string::npos);
    CHECK_FALSE(fs::exists(tmp.path / "replica"));
}

TEST_CASE("a replica follows a nightly run, and a rollback, while its searcher keeps running") {
    if (!installed("xapian-replicate") || !installed("xapian-replicate-server") || !installed("xapian-delve")) {
        MESSAGE("skipped: xapian-replicate, xapian-replicate-server or xapian-delve is not installed (Debian package xapian-tools)");
        return;
    }
    dateline::testing::TempDir tmp;
    // The indexing machine's side.
    fs::path archive = tmp.path / "indexing" / "archive";
    fs::create_directories(archive.parent_path());
    fs::copy(dateline::testing::samples_dir() / "text", archive);
    fs::path db = tmp.path / "indexing" / "index";
    auto first = nightly(db, quote(archive.string()));
    REQUIRE_MESSAGE(first.status == 0, first.out);

    int port = free_port();
    ReplicaServer server(db, port, tmp.path / "serve.log");
    CHECK(server.log().find("(generation 1)") != std::string::npos);

    // The search machine's side.
    fs::path replica = tmp.path / "searching" / "replica";
    fs::create_directories(replica.parent_path());
    Process follower({"bash", script("replica-follow"), "--from", "127.0.0.1:" + std::to_string(port), "--master", "index",
                      "--replica", replica.string(), "--interval", "1", "--log", (tmp.path / "follow.log").string()},
                     tmp.path / "follow.log");
    REQUIRE_MESSAGE(eventually([&] { return total(replica, "bank") == 2; }),
                    "the replica did not arrive: " << follower.log() << server.log());
    CHECK(fs::exists(replica / "XAPIANDB"));
    CHECK_FALSE(fs::exists(replica / "iamglass"));
    // The replica answers as the index it copies, result for result.
    for (std::string q : {"bank", "harbour", "storm OR rain", "\"central bank\""}) {
        auto here = search(replica, q);
        CHECK_MESSAGE(here.is_object(), q);
        CHECK_MESSAGE(here == search(db, q), q);
    }

    Searcher http(replica, tmp.path / "http.log");
    CHECK(http.total("bank") == 2);
    CHECK(http.total("zanzibarite") == 0);
    CHECK(http.total("quillwort") == 0);

    // While the copies of nights 2 and 3 and a rollback arrive, a second client keeps searching
    // the same server: no search may fail while the live copy changes under it.
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0};
    std::mutex mutex;
    std::vector<std::string> failures;
    std::thread client([&] {
        Searcher::Client c(http);
        while (!stop) {
            std::string why;
            if (c.total("harbour", why) < 0) {
                std::lock_guard lock(mutex);
                failures.push_back(why);
            }
            ++answered;
        }
    });
    struct Join {
        std::atomic<bool>& stop;
        std::thread& t;
        ~Join() { stop = true; if (t.joinable()) t.join(); }
    } join{stop, client};

    // Night 2: a new article reaches the replica, and the searcher that was already running.
    write(archive / "zanzibarite.txt", story("Zanzibarite", "Port Ellery"));
    auto second = nightly(db, quote(archive.string()));
    REQUIRE_MESSAGE(second.status == 0, second.out);
    CHECK_MESSAGE(eventually([&] { return total(replica, "zanzibarite") == 1; }), follower.log());
    CHECK_MESSAGE(http.total("zanzibarite") == 1, http.error);
    CHECK_MESSAGE(http.total("quillwort") == 0, http.error);
    CHECK(search(replica, "zanzibarite") == search(db, "zanzibarite"));
    CHECK(follower.log().find("new copy live in") != std::string::npos);
    CHECK(eventually([&] { return server.log().find("is now generation 2") != std::string::npos; }, 10s));

    // A rollback on the indexing machine reaches the replica as well.
    auto back = nightly(db, "--rollback");
    REQUIRE_MESSAGE(back.status == 0, back.out);
    CHECK_MESSAGE(eventually([&] { return total(replica, "zanzibarite") == 0; }), follower.log());
    CHECK_MESSAGE(http.total("zanzibarite") == 0, http.error);

    // Night 3 starts from the generation rolled back to; its new article reaches the searcher,
    // whose answers for the same query must not come from before the change.
    write(archive / "quillwort.txt", story("Quillwort", "Ambleside"));
    auto third = nightly(db, quote(archive.string()));
    REQUIRE_MESSAGE(third.status == 0, third.out);
    CHECK_MESSAGE(eventually([&] { return total(replica, "quillwort") == 1; }), follower.log());
    CHECK_MESSAGE(http.total("quillwort") == 1, http.error);
    CHECK_MESSAGE(http.total("zanzibarite") == 1, http.error);

    stop = true;
    client.join();
    CHECK(answered > 10);
    CHECK_MESSAGE(failures.empty(), failures.size() << " of " << answered.load() << " searches failed during the updates, the first: "
                                                    << (failures.empty() ? "" : failures.front()));
    MESSAGE(answered.load() << " searches answered while two nights and a rollback reached the replica");

    // Two new copies while the searcher is idle: the live copy's folder name comes round again
    // (replica_0, replica_1, replica_0), and the searcher still answers from the newest one.
    auto live_copy = [&] {
        std::string stub = read_file(replica / "XAPIANDB");
        return stub.substr(stub.rfind("auto "));
    };
    std::string searched = live_copy();
    auto again = nightly(db, "--rollback");
    REQUIRE_MESSAGE(again.status == 0, again.out);
    CHECK(eventually([&] { return total(replica, "quillwort") == 0; }));
    write(archive / "ossifrage.txt", story("Ossifrage", "Wester Ross"));
    auto fourth = nightly(db, quote(archive.string()));
    REQUIRE_MESSAGE(fourth.status == 0, fourth.out);
    CHECK(eventually([&] { return total(replica, "ossifrage") == 1; }));
    CHECK(live_copy() == searched);
    CHECK_MESSAGE(http.total("ossifrage") == 1, http.error);
    CHECK_MESSAGE(http.total("quillwort") == 1, http.error);
    CHECK(http.running());
    for (std::string q : {"bank", "ferries", "harbour"}) CHECK_MESSAGE(search(replica, q) == search(db, q), q);
    MESSAGE("replica-follow's log:\n" << follower.log());

    // The follower stops cleanly on SIGTERM; a search machine that was off catches up with one
    // copy (--once) when it comes back.
    CHECK(follower.stop() == 0);
    CHECK(follower.log().find("stopped on SIGTERM") != std::string::npos);
    write(archive / "tamarisk.txt", story("Tamarisk", "Kirkwall"));
    auto fifth = nightly(db, quote(archive.string()));
    REQUIRE_MESSAGE(fifth.status == 0, fifth.out);
    CHECK(total(replica, "tamarisk") == 0);
    auto once = run("DATELINE_LOG= bash " + quote(script("replica-follow")) + " --once --from 127.0.0.1:" + std::to_string(port) +
                        " --master index --replica " + quote(replica.string()),
                    true);
    CHECK_MESSAGE(once.status == 0, once.out);
    CHECK(once.out.find("new copy live in") != std::string::npos);
    CHECK(total(replica, "tamarisk") == 1);
    CHECK_MESSAGE(http.total("tamarisk") == 1, http.error);

    // The server stops cleanly too, and takes xapian-replicate-server with it; the replica stays.
    CHECK(server.stop() == 0);
    CHECK(server.log().find("stopped on SIGTERM") != std::string::npos);
    CHECK_FALSE(server.server_alive());
    CHECK_FALSE(accepts(port));
    CHECK(total(replica, "ossifrage") == 1);
}

TEST_CASE("replica-serve says why it cannot serve, or stops serving, with exit status 3") {
    if (!installed("xapian-replicate-server")) {
        MESSAGE("skipped: xapian-replicate-server is not installed (Debian package xapian-tools)");
        return;
    }
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    auto built = nightly(db, quote((dateline::testing::samples_dir() / "text").string()));
    REQUIRE_MESSAGE(built.status == 0, built.out);
    int port = free_port();
    ReplicaServer server(db, port, tmp.path / "serve.log");
    REQUIRE(server.server_alive());

    // A second one on the same port is refused before it starts anything.
    auto taken = run("DATELINE_LOG= bash " + quote(script("replica-serve")) + " --db " + quote(db.string()) + " --listen 127.0.0.1:" +
                         std::to_string(port),
                     true);
    CHECK(taken.status == 3);
    CHECK(taken.out.find("already in use") != std::string::npos);

    // The server killed under it: the script says so and exits 3 rather than pretend to serve.
    static const std::regex pid(R"(xapian-replicate-server pid (\d+))");
    std::smatch m;
    std::string text = server.log();
    REQUIRE(std::regex_search(text, m, pid));
    kill(std::stoi(m[1]), SIGKILL);
    CHECK(eventually([&] { return server.log().find("stopped by itself") != std::string::npos; }, 20s));
    CHECK(server.log().find("killed by signal 9") != std::string::npos);
    CHECK(server.stop() == 3);
    CHECK_FALSE(accepts(port));
}
