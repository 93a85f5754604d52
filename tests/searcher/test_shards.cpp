// Sets of shards (searcher/shard_list.h, shard_set.h, remote_counts.h): the answer of four
// shards, local or two of them served by xapian-tcpsrv, equals that of one index holding
// everything; a shard that stops answering is named missing and the rest answer in time.
//
// The articles are written by the test (eight JSON Lines files, copies of a story always in the
// file of its first run, since shards split by file) and indexed with dateline-index: all files
// into one index, and two files into each of shard-00 .. shard-03.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "index_error.h"
#include "facet_columns.h"
#include "searcher.h"
#include "shard_list.h"
#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using namespace dateline;
using namespace dateline::testing;

namespace {

// A free loopback port: the system picks one for a socket that is then closed.
unsigned free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(unsigned port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

bool tcpsrv_installed() { return std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0; }

// A server listening on a loopback port (xapian-tcpsrv, dateline-http), in a process group of
// its own (xapian-tcpsrv signals its whole group when it stops), stopped with that group when
// the object goes, a failed check included.
class Server {
public:
    // `argv` with "PORT" standing for the port.
    Server(std::vector<std::string> argv, unsigned port) : port_(port ? port : free_port()) {
        for (std::string& arg : argv) {
            if (arg == "PORT") arg = std::to_string(port_);
        }
        pid_ = ::fork();
        if (pid_ == 0) {
            ::setsid();
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            std::vector<char*> args;
            for (std::string& arg : argv) args.push_back(arg.data());
            args.push_back(nullptr);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
        for (int i = 0; i < 200 && !accepts(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE_MESSAGE(accepts(port_), argv[0] << " did not start on port " << port_);
    }
    ~Server() { stop(); }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void stop() {
        if (pid_ <= 0) return;
        if (::kill(-pid_, SIGTERM) != 0) ::kill(pid_, SIGTERM);
        ::kill(-pid_, SIGCONT);  // a paused server takes its SIGTERM once it runs again
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        // Its connection children may linger an instant: wait until the port refuses.
        for (int i = 0; i < 100 && accepts(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    unsigned port() const { return port_; }
    // Stops answering without closing its connections: a hung server.
    void pause() { ::kill(-pid_, SIGSTOP); }

private:
    unsigned port_;
    pid_t pid_ = -1;
};

// xapian-tcpsrv serving one shard.
class TcpServer : public Server {
public:
    explicit TcpServer(const fs::path& db, unsigned port = 0) : Server({"xapian-tcpsrv", "--port", "PORT", db.string()}, port) {}
    std::string line() const { return "remote 127.0.0.1:" + std::to_string(port()); }
};

// The body of GET `target` from the HTTP server on `port`.
std::string http_get(unsigned port, const std::string& target) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
    std::string reply;
    char buffer[8192];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) reply.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    std::size_t body = reply.find("\r\n\r\n");
    return body == std::string::npos ? "" : reply.substr(body + 4);
}

// Eight files of articles from a fixed pseudo-random sequence: words, names and dates enough
// for facets, histograms and ties; every seventh article is run again by two other sources.
void write_corpus(const fs::path& dir) {
    const std::vector<std::string> words = {"harbour", "fleet", "storm", "bank", "rates", "inflation", "wind", "farm",
                                            "schools", "science", "election", "court", "ruling", "trade", "export",
                                            "climate", "summit", "league", "budget", "hospital", "grain", "rail"};
    const std::vector<std::string> people = {"Ana Ruiz", "Ben Okafor", "Chen Wei", "Dana Holt", "Erik Lund", "Fatima Zahra"};
    const std::vector<std::string> orgs = {"Solvik Energy", "Central Bank", "Harbour Authority", "Trade Ministry"};
    const std::vector<std::string> places = {"Kiel", "Lyon", "Osaka", "Nairobi", "Quito"};
    const std::vector<std::string> sources = {"Wire A", "Wire B", "Daily C", "Post D"};
    unsigned long long state = 12345;
    auto next = [&](unsigned n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<unsigned>((state >> 33) % n);
    };
    auto some = [&](const std::vector<std::string>& from) {
        nlohmann::json out = nlohmann::json::array();
        for (const std::string& v : from) {
            if (next(3) == 0) out.push_back(v);
        }
        return out;
    };
    int n = 0;
    for (int f = 0; f < 8; ++f) {
        std::string lines;
        for (int i = 0; i < 40; ++i) {
            ++n;
            std::string body, title;
            for (unsigned w = 0, count = 20 + next(40); w < count; ++w) body += (w ? " " : "") + words[next(static_cast<unsigned>(words.size()))];
            for (int w = 0; w < 5; ++w) title += (w ? " " : "") + words[next(static_cast<unsigned>(words.size()))];
            char date[32];
            std::snprintf(date, sizeof date, "2024-%02d-%02dT%02d:%02d:00Z", 1 + n % 7, 1 + (n * 7) % 28, n % 24, n % 60);
            unsigned source = next(4);
            nlohmann::json a = {{"id", "t-" + std::to_string(n)}, {"title", title}, {"body", body + "."}, {"date", date},
                                {"source", sources[source]}, {"people", some(people)}, {"organizations", some(orgs)}, {"places", some(places)}};
            lines += a.dump() + "\n";
            if (n % 7 == 0) {
                for (unsigned c = 1; c <= 2; ++c) {
                    nlohmann::json copy = a;
                    copy["id"] = "t-" + std::to_string(n) + "-copy" + std::to_string(c);
                    copy["source"] = sources[(source + c) % 4];
                    lines += copy.dump() + "\n";
                }
            }
        }
        write(dir / ("file" + std::to_string(f) + ".jsonl"), lines);
    }
}

void index_files(const fs::path& db, const std::vector<fs::path>& files) {
    std::string command = std::string(DATELINE_INDEX_BIN) + " --db " + quote(db.string());
    for (const fs::path& f : files) command += " " + quote(f.string());
    RunResult r = run(command + " >/dev/null", true);
    REQUIRE_MESSAGE(r.status == 0, "dateline-index failed: " << r.out);
}

// One index of everything, four shards of two files each, and their stub.
struct Corpus {
    TempDir dir;
    fs::path all, shards;
    Corpus() {
        fs::path src = dir.path / "src";
        write_corpus(src);
        all = dir.path / "all";
        shards = dir.path / "shards";
        fs::create_directories(shards);
        std::vector<fs::path> files;
        for (int f = 0; f < 8; ++f) files.push_back(src / ("file" + std::to_string(f) + ".jsonl"));
        index_files(all, files);
        std::string stub;
        for (int s = 0; s < 4; ++s) {
            std::string name = "shard-0" + std::to_string(s);
            index_files(shards / name, {files[static_cast<std::size_t>(s)], files[static_cast<std::size_t>(s + 4)]});
            stub += "auto " + name + "\n";
        }
        write(shards / "XAPIANDB", stub);
    }
    fs::path shard(int s) const { return shards / ("shard-0" + std::to_string(s)); }
};

const Corpus& corpus() {
    static Corpus c;
    return c;
}

std::string date_of(const SearchResult& r) {
    return r.article.published ? std::to_string(r.article.published->time_since_epoch().count()) : "";
}

// The answers agree: totals, facets, histogram, timeline, related names, and the page, where
// only results of exactly equal weight and date may change places (Xapian then orders by
// document id, which differs between one index and shards); a run of such ties reaching the end
// of the page may hold other members of the tie, so there only its size is compared.
void same_answer(const SearchResponse& one, const SearchResponse& set) {
    CHECK(set.total == one.total);
    CHECK(set.total_articles == one.total_articles);
    CHECK(set.total_exact == one.total_exact);
    CHECK(set.matched == one.matched);
    CHECK(set.missing_shards.empty());
    REQUIRE(set.facets.size() == one.facets.size());
    for (std::size_t i = 0; i < one.facets.size(); ++i) {
        CAPTURE(one.facets[i].name);
        REQUIRE(set.facets[i].values.size() == one.facets[i].values.size());
        for (std::size_t v = 0; v < one.facets[i].values.size(); ++v) {
            CHECK(set.facets[i].values[v].value == one.facets[i].values[v].value);
            CHECK(set.facets[i].values[v].count == one.facets[i].values[v].count);
        }
    }
    CHECK(set.histogram.has_value() == one.histogram.has_value());
    if (one.histogram && set.histogram) {
        REQUIRE(set.histogram->buckets.size() == one.histogram->buckets.size());
        for (std::size_t b = 0; b < one.histogram->buckets.size(); ++b) {
            CHECK(set.histogram->buckets[b].value == one.histogram->buckets[b].value);
            CHECK(set.histogram->buckets[b].count == one.histogram->buckets[b].count);
        }
    }
    CHECK(set.timeline.has_value() == one.timeline.has_value());
    if (one.timeline && set.timeline) {
        REQUIRE(set.timeline->periods.size() == one.timeline->periods.size());
        for (std::size_t p = 0; p < one.timeline->periods.size(); ++p) {
            CHECK(set.timeline->periods[p].count == one.timeline->periods[p].count);
            CHECK(set.timeline->periods[p].all == one.timeline->periods[p].all);
        }
    }
    REQUIRE(set.related.size() == one.related.size());
    for (std::size_t k = 0; k < one.related.size(); ++k) {
        REQUIRE(set.related[k].values.size() == one.related[k].values.size());
        for (std::size_t v = 0; v < one.related[k].values.size(); ++v) {
            CHECK(set.related[k].values[v].value == one.related[k].values[v].value);
            CHECK(set.related[k].values[v].count == one.related[k].values[v].count);
        }
    }
    REQUIRE(set.results.size() == one.results.size());
    std::map<std::string, const SearchResult*> by_id;
    for (const SearchResult& r : set.results) by_id[r.article.id] = &r;
    for (std::size_t i = 0; i < one.results.size();) {
        std::size_t end = i;
        std::set<std::string> ids_one, ids_set;
        while (end < one.results.size() && one.results[end].score == one.results[i].score && date_of(one.results[end]) == date_of(one.results[i])) {
            CHECK(set.results[end].score == doctest::Approx(one.results[end].score).epsilon(1e-12));
            CHECK(date_of(set.results[end]) == date_of(one.results[end]));
            ids_one.insert(one.results[end].article.id);
            ids_set.insert(set.results[end].article.id);
            ++end;
        }
        if (end < one.results.size() || end - i == 1) CHECK(ids_set == ids_one);
        i = end;
    }
    for (const SearchResult& r : one.results) {
        auto it = by_id.find(r.article.id);
        if (it == by_id.end()) continue;
        CAPTURE(r.article.id);
        CHECK(it->second->snippet == r.snippet);
        CHECK(it->second->title_html == r.title_html);
        CHECK(it->second->copy_count == r.copy_count);
        std::set<std::string> copies_one, copies_set;
        for (const StoryCopy& c : r.copies) copies_one.insert(c.id);
        for (const StoryCopy& c : it->second->copies) copies_set.insert(c.id);
        CHECK(copies_set == copies_one);
    }
}

// Searches that exercise the whole answer: words, filters, paging, dates, copies collapsed
// and not, partial matches, related names, histogram and timeline.
std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    auto add = [&](const std::string& query, auto&& tweak) {
        SearchRequest r;
        r.query = query;
        r.facets = {"people", "organizations", "places", "sources", "years"};
        tweak(r);
        out.push_back(r);
    };
    add("harbour", [](SearchRequest&) {});
    add("harbour", [](SearchRequest& r) { r.offset = 10; });
    add("storm court", [](SearchRequest& r) { r.histogram = true; });
    add("storm court", [](SearchRequest& r) { r.collapse = false; r.offset = 10; });
    add("rates", [](SearchRequest& r) { r.filters = {{"person", "Ana Ruiz"}}; r.related = 5; });
    add("climate zzqx budget", [](SearchRequest&) {});  // no article has every word: partial matches
    add("grain", [](SearchRequest& r) { r.sort = SortOrder::newest; r.timeline = TimelineUnit::month; });
    return out;
}

}  // namespace

TEST_CASE("a stub file lists local and remote shards; a bad line is refused with its place") {
    TempDir dir;
    write(dir.path / "set" / "XAPIANDB", "# the shards\nauto shard-00\n\nglass /abs/shard-01\nremote 10.0.0.7:7001\n");
    ShardList list = read_shard_list((dir.path / "set").string());
    REQUIRE(list.shards.size() == 3);
    CHECK(list.shards[0].path == (dir.path / "set" / "shard-00").string());
    CHECK(list.shards[0].name == "auto shard-00");
    CHECK(list.shards[1].path == "/abs/shard-01");
    CHECK(list.shards[2].kind == ShardSpec::Kind::remote);
    CHECK(list.shards[2].host == "10.0.0.7");
    CHECK(list.shards[2].port == 7001);
    CHECK(list.stubs == std::vector<std::string>{(dir.path / "set" / "XAPIANDB").string()});
    write(dir.path / "bad.stub", "auto a\nremote host-without-port\n");
    try {
        read_shard_list((dir.path / "bad.stub").string());
        FAIL("a line without a port was taken");
    } catch (const IndexUnusable& e) {
        CHECK(std::string(e.what()).find("line 2") != std::string::npos);
    }
    write(dir.path / "empty.stub", "# nothing\n");
    CHECK_THROWS_AS(read_shard_list((dir.path / "empty.stub").string()), IndexUnusable);
    write(dir.path / "loop.stub", "auto loop.stub\n");
    CHECK_THROWS_AS(read_shard_list((dir.path / "loop.stub").string()), IndexUnusable);
}

TEST_CASE("four local shards answer as one index holding everything") {
    const Corpus& c = corpus();
    Searcher one(c.all.string());
    Searcher folder(c.shards.string());  // the folder with XAPIANDB
    fs::path stub = c.dir.path / "any-name.stub";
    write(stub, "auto shards/shard-00\nauto shards/shard-01\nauto shards/shard-02\nauto shards/shard-03\n");
    Searcher named(stub.string());
    // A long-lived process counts each shard alone from its columns (searcher/shard_counts.h).
    Searcher columned(c.shards.string());
    FacetColumnCache columns;
    columned.use_facet_columns(&columns);
    for (const SearchRequest& request : requests()) {
        CAPTURE(request.query);
        CAPTURE(request.offset);
        SearchResponse expected = one.search(request);
        CHECK(expected.total > 0);
        same_answer(expected, folder.search(request));
        same_answer(expected, named.search(request));
        same_answer(expected, columned.search(request));
    }
    // Each of the four shards' columns was read: the story slot's at least.
    CHECK(columns.reads() >= 4);
}

TEST_CASE("one index searched in parts, a thread each, answers as one search (part_search.h)") {
    const Corpus& c = corpus();
    FacetColumnCache columns;
    Searcher whole(c.all.string());
    whole.use_facet_columns(&columns);
    whole.use_parallel_search(0, 1);  // one thread: one search
    std::vector<SearchRequest> all = requests();
    for (SortOrder sort : {SortOrder::oldest, SortOrder::added, SortOrder::relevance}) {
        SearchRequest r;
        r.query = "harbour OR grain OR rates";
        r.sort = sort;
        r.offset = 3;
        r.limit = 7;
        all.push_back(r);
        r.collapse = false;
        all.push_back(r);
    }
    for (std::size_t threads : {2, 3}) {
        Searcher in_parts(c.all.string());
        in_parts.use_facet_columns(&columns);
        in_parts.use_parallel_search(1, threads);
        for (const SearchRequest& request : all) {
            CAPTURE(threads);
            CAPTURE(request.query);
            CAPTURE(request.offset);
            CAPTURE(static_cast<int>(request.sort));
            SearchResponse expected = whole.search(request);
            SearchResponse got = in_parts.search(request);
            CHECK(expected.total > 0);
            CHECK(got.total_exact == expected.total_exact);
            same_answer(expected, got);
            // Not only the same set: the same order, as ties are broken alike.
            REQUIRE(got.results.size() == expected.results.size());
            for (std::size_t i = 0; i < got.results.size(); ++i) CHECK(got.results[i].article.id == expected.results[i].article.id);
        }
    }
}

TEST_CASE("two local and two remote shards answer as one index holding everything") {
    if (!tcpsrv_installed()) {
        MESSAGE("skipped: xapian-tcpsrv is not installed (Debian's xapian-tools; scripts/setup installs it)");
        return;
    }
    const Corpus& c = corpus();
    TcpServer two(c.shard(2)), three(c.shard(3));
    fs::path stub = c.dir.path / "mixed.stub";
    write(stub, "auto shards/shard-00\nauto shards/shard-01\n" + two.line() + "\n" + three.line() + "\n");
    Searcher one(c.all.string());
    Searcher mixed(stub.string());
    for (SearchRequest request : requests()) {
        CAPTURE(request.query);
        CAPTURE(request.offset);
        same_answer(one.search(request), mixed.search(request));
        // With a time limit the searcher uses no posting source of its own on remote shards.
        request.time_limit_ms = 20000;
        same_answer(one.search(request), mixed.search(request));
    }
    // An article, completions and "more like this" read through the servers too.
    REQUIRE(one.article("jsonl-t-3"));
    REQUIRE(mixed.article("jsonl-t-3"));
    CHECK(mixed.article("jsonl-t-3")->title == one.article("jsonl-t-3")->title);
    CHECK(mixed.suggest("har", 5).size() == one.suggest("har", 5).size());
    SearchRequest like;
    like.like = "jsonl-t-3";
    same_answer(one.search(like), mixed.search(like));
}

TEST_CASE("a remote shard that stops answering is named missing; the others answer, in time") {
    if (!tcpsrv_installed()) {
        MESSAGE("skipped: xapian-tcpsrv is not installed (Debian's xapian-tools; scripts/setup installs it)");
        return;
    }
    const Corpus& c = corpus();
    ::setenv("DATELINE_REMOTE_RETRY_MS", "300", 1);
    auto two = std::make_unique<TcpServer>(c.shard(2));
    auto three = std::make_unique<TcpServer>(c.shard(3));
    const std::string gone = three->line();
    fs::path stub = c.dir.path / "down.stub";
    write(stub, "auto shards/shard-00\nauto shards/shard-01\n" + two->line() + "\n" + gone + "\n");
    fs::path without = c.dir.path / "three.stub";
    write(without, "auto shards/shard-00\nauto shards/shard-01\nauto shards/shard-02\n");
    Searcher set(stub.string());
    Searcher rest(without.string());
    SearchRequest request = requests().front();
    request.histogram = true;
    CHECK(set.search(request).missing_shards.empty());

    three->stop();
    auto start = std::chrono::steady_clock::now();
    SearchResponse partial = set.search(request);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("answer with a server just stopped: " << seconds << " s");
    CHECK(seconds < 15);
    CHECK(partial.missing_shards == std::vector<std::string>{gone});
    SearchResponse expected = rest.search(request);
    partial.missing_shards.clear();
    same_answer(expected, partial);

    // Opened while the server is down: missing from the start.
    Searcher later(stub.string());
    CHECK(later.search(request).missing_shards == std::vector<std::string>{gone});

    // The programs say so: JSON names it, the terminal warns.
    std::string command = std::string(DATELINE_SEARCH_BIN) + " --db " + quote(stub.string()) + " --json harbour";
    nlohmann::json j = nlohmann::json::parse(run(command).out);
    CHECK(j["missing_shards"] == nlohmann::json::array({gone}));
    RunResult warned = run("(" + command + " 2>&1 >/dev/null)");
    CHECK(warned.out.find("warning") != std::string::npos);
    CHECK(warned.out.find(gone) != std::string::npos);
    // A complete answer has no such field.
    CHECK_FALSE(nlohmann::json::parse(run(std::string(DATELINE_SEARCH_BIN) + " --db " + quote(without.string()) + " --json harbour").out)
                    .contains("missing_shards"));
    {
        // The HTTP API too (dateline-search --serve starts the dateline-http beside it).
        Server http({DATELINE_SEARCH_BIN, "--db", stub.string(), "--serve", "PORT"}, 0);
        std::string body = http_get(http.port(), "/api/search?q=harbour");
        CAPTURE(body);
        nlohmann::json api = nlohmann::json::parse(body, nullptr, false);
        CHECK(api.value("total", 0) > 0);
        CHECK(api["missing_shards"] == nlohmann::json::array({gone}));
    }

    // The server back: a later query searches it again.
    three = std::make_unique<TcpServer>(c.shard(3), three->port());
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    SearchResponse back = set.search(request);
    CHECK(back.missing_shards.empty());
    CHECK(back.total == Searcher(c.all.string()).search(request).total);

    // A server that hangs (its connections open, no reply): left out within the timeouts.
    two->pause();
    start = std::chrono::steady_clock::now();
    SearchResponse hung = set.search(request);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("answer with a server hung: " << seconds << " s");
    CHECK(seconds < 15);
    CHECK(hung.missing_shards == std::vector<std::string>{two->line()});
    CHECK(hung.total > 0);

    // No shard left: a clear error, not a hang.
    two->stop();
    three->stop();
    fs::path remote_only = c.dir.path / "remote-only.stub";
    write(remote_only, two->line() + "\n" + gone + "\n");
    CHECK_THROWS_AS(Searcher(remote_only.string()), IndexUnusable);
    ::unsetenv("DATELINE_REMOTE_RETRY_MS");
}

TEST_CASE("a set of shards sees a shard's new commits and its stub's edits") {
    const Corpus& c = corpus();
    TempDir dir;
    fs::copy(c.shards, dir.path / "shards", fs::copy_options::recursive);
    ResponseCache cache(16);
    Searcher set((dir.path / "shards").string());
    set.use_cache(&cache);
    SearchRequest request;
    request.query = "harbour";
    std::size_t before = set.search(request).total;
    CHECK(set.search(request).total == before);  // from the cache
    write(dir.path / "new" / "quokka.jsonl",
          R"({"id": "q-1", "title": "A quokka in the harbour", "body": "A quokka swam across the harbour.", "date": "2024-03-03T10:00:00Z"})"
          "\n");
    index_files(dir.path / "shards" / "shard-01", {dir.path / "new" / "quokka.jsonl"});
    CHECK(set.search(request).total == before + 1);
    // The stub without shard-01: its articles are no longer searched.
    write(dir.path / "shards" / "XAPIANDB", "auto shard-00\nauto shard-02\nauto shard-03\n");
    SearchRequest quokka;
    quokka.query = "quokka";
    CHECK(set.search(quokka).total == 0);
}

TEST_CASE("a search that meets dateline-index moving a new index in answers all the same") {
    // dateline-index takes the version file (iamglass) away first and brings it back last when
    // it moves a first build, a --full rebuild or a compacted shard into place.
    const Corpus& c = corpus();
    TempDir dir;
    fs::copy(c.all, dir.path / "one", fs::copy_options::recursive);
    fs::copy(c.shards, dir.path / "shards", fs::copy_options::recursive);
    SearchRequest request;
    request.query = "harbour";
    for (const fs::path& index : {dir.path / "one", dir.path / "shards" / "shard-01"}) {
        CAPTURE(index);
        const fs::path searched = index.filename() == "one" ? index : dir.path / "shards";
        Searcher open_before(searched.string());
        const std::size_t total = open_before.search(request).total;
        REQUIRE(total > 0);
        fs::rename(index / "iamglass", dir.path / "iamglass.aside");
        // Open already: answers from the revision it holds, and misses no shard.
        SearchResponse during = open_before.search(request);
        CHECK(during.total == total);
        CHECK(during.missing_shards.empty());
        // Opened during the move: waits for the version file (here 300 ms) rather than failing.
        std::thread back([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            fs::rename(dir.path / "iamglass.aside", index / "iamglass");
        });
        std::unique_ptr<Searcher> opened;
        CHECK_NOTHROW(opened = std::make_unique<Searcher>(searched.string()));
        back.join();
        if (opened) {
            SearchResponse after = opened->search(request);
            CHECK(after.total == total);
            CHECK(after.missing_shards.empty());
        }
        CHECK(open_before.search(request).total == total);
        if (index.filename() == "shard-01") {
            // A version file gone for longer than a swap takes (a killed run's tables): the shard
            // is named missing, as any shard that cannot be opened, and the others answer.
            fs::rename(index / "iamglass", dir.path / "iamglass.aside");
            CHECK(open_before.search(request).missing_shards.empty());
            std::this_thread::sleep_for(std::chrono::milliseconds(2100));
            SearchResponse later = open_before.search(request);
            REQUIRE(later.missing_shards.size() == 1);
            CHECK(later.missing_shards.front().find("shard-01") != std::string::npos);
            CHECK(later.total < total);
            fs::rename(dir.path / "iamglass.aside", index / "iamglass");
        }
    }
}

TEST_CASE("a stub switched between two copies while searchers open it: every open finds its shard") {
    // As xapian-replicate does on a search machine: the stub names the live copy, a new copy
    // becomes live by a stub renamed over the old, and the old copy goes just after.
    const Corpus& c = corpus();
    TempDir dir;
    const fs::path set = dir.path / "replica";
    fs::create_directories(set);
    fs::copy(c.all, set / "copy_a", fs::copy_options::recursive);
    fs::copy(c.all, dir.path / "copy_b", fs::copy_options::recursive);
    write(set / "XAPIANDB", "auto copy_a\n");
    std::atomic<bool> stop{false};
    std::thread switcher([&] {
        const char* live = "copy_a";
        const char* other = "copy_b";
        while (!stop) {
            fs::rename(dir.path / other, set / other);            // the new copy arrives
            write(set / "XAPIANDB.new", std::string("auto ") + other + "\n");
            fs::rename(set / "XAPIANDB.new", set / "XAPIANDB");    // and goes live
            fs::rename(set / live, dir.path / live);               // the old one goes
            std::swap(live, other);
            // A copy takes a while to arrive: switches are far apart in service, a few ms here.
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    });
    SearchRequest request;
    request.query = "harbour";
    std::size_t failures = 0, opened = 0;
    std::string first_failure;
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < until) {
        std::string step = "opening";
        try {
            Searcher s(set.string());
            ++opened;
            step = "searching";
            if (!s.search(request).missing_shards.empty()) ++failures;
        } catch (const std::exception& e) {
            if (failures++ == 0) first_failure = step + ": " + e.what();
        }
    }
    stop = true;
    switcher.join();
    MESSAGE(opened << " searchers opened while the stub switched");
    CHECK(opened > 20);
    CHECK_MESSAGE(failures == 0, failures << " failed, the first: " << first_failure);
}
