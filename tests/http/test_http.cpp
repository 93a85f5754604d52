// The HTTP service: request mapping, listen addresses and static paths on their own, then the
// built dateline-search --serve end to end on an index of samples/: every endpoint, errors,
// traversal attempts, oversized and slow requests, an index that appears after the start, and
// /api/search against dateline-search --json. Loopback only; every wait is bounded.
#include <doctest/doctest.h>
#include <httplib.h>
#include <libxml/parser.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "http_api.h"
#include "http_listen_address.h"
#include "http_static.h"
#include "search_options.h"
#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;
const std::string kSearch = DATELINE_SEARCH_BIN;

void build_index(const fs::path& db) {
    auto r = run(kIndex + " -q --db " + quote(db.string()) + " " + quote(dateline::testing::samples_dir().string()), true);
    REQUIRE_MESSAGE(fs::exists(db), "dateline-index made no index: " << r.out);
}

// dateline-search --serve on a free loopback port, stopped with SIGTERM at the end.
class Server {
public:
    explicit Server(const fs::path& db, std::vector<std::string> extra = {}) {
        int err[2];
        REQUIRE(pipe(err) == 0);
        std::string web = (dateline::testing::source_root() / "searcher" / "http" / "web").string();
        std::vector<std::string> args = {kSearch, "--db", db.string(), "--serve", "127.0.0.1:0", "--threads", "4", "--web-root", web};
        args.insert(args.end(), extra.begin(), extra.end());
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(err[1], STDERR_FILENO);
            close(err[0]);
            close(err[1]);
            std::vector<char*> argv;
            for (std::string& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(err[1]);
        err_ = err[0];
        // The server names its port on stderr once it listens.
        std::regex serving(R"(serving http://127\.0\.0\.1:(\d+)/)");
        auto deadline = std::chrono::steady_clock::now() + 10s;
        while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
            pollfd p{err_, POLLIN, 0};
            if (poll(&p, 1, 200) <= 0) continue;
            char buf[4096];
            ssize_t n = read(err_, buf, sizeof buf);
            if (n <= 0) break;
            log_.append(buf, static_cast<std::size_t>(n));
            std::smatch m;
            if (std::regex_search(log_, m, serving)) port_ = std::stoi(m[1]);
        }
        REQUIRE_MESSAGE(port_ > 0, "the server did not start: " << log_);
        fcntl(err_, F_SETFL, O_NONBLOCK);
    }

    ~Server() {
        if (pid_ > 0) stop();
        if (err_ >= 0) close(err_);
    }

    // SIGTERM; returns the exit status (0 after a clean stop), -1 if it did not stop in time.
    int stop() {
        kill(pid_, SIGTERM);
        int status = 0;
        for (int i = 0; i < 150; ++i) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(100ms);
        }
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return -1;
    }

    // Everything the server wrote on stderr so far (the access log).
    std::string log() {
        char buf[4096];
        ssize_t n;
        while ((n = read(err_, buf, sizeof buf)) > 0) log_.append(buf, static_cast<std::size_t>(n));
        return log_;
    }

    int port() const { return port_; }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(10);
        c.set_url_encode(false);  // paths are sent exactly as the tests write them
        return c;
    }

private:
    pid_t pid_ = -1;
    int err_ = -1;
    int port_ = 0;
    std::string log_;
};

json get_json(const Server& server, const std::string& path, int expected_status) {
    auto res = server.client().Get(path);
    REQUIRE_MESSAGE(res, "no answer to " << path);
    CHECK_MESSAGE(res->status == expected_status, path << " -> " << res->status << " " << res->body);
    CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
    return json::parse(res->body);
}

int connect_loopback(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{15, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    return fd;
}

// Sends `request` as it is (no client-side path clean-up) and reads until the server closes.
std::string raw_request(int port, const std::string& request) {
    int fd = connect_loopback(port);
    std::size_t sent = 0;
    while (sent < request.size()) {
        ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
    }
    std::string answer;
    char buf[65536];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, static_cast<std::size_t>(n));
    close(fd);
    return answer;
}

int status_of(const std::string& answer) {
    return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(answer.substr(9, 3)) : -1;
}

json without(json j, std::initializer_list<const char*> keys) {
    for (const char* k : keys) j.erase(k);
    return j;
}

}  // namespace

TEST_CASE("listen addresses") {
    using dateline::parse_listen_address;
    CHECK(parse_listen_address("8080").host == "127.0.0.1");
    CHECK(parse_listen_address("8080").port == 8080);
    CHECK(parse_listen_address("0.0.0.0:80").host == "0.0.0.0");
    CHECK(parse_listen_address("[::1]:9000").host == "::1");
    CHECK(parse_listen_address("[::1]:9000").port == 9000);
    CHECK(parse_listen_address("localhost:0").port == 0);
    for (const char* bad : {"", "http", "70000", "-1", ":80", "::1:80", "[::1]", "1.2.3.4:", "80x"}) {
        CHECK_THROWS_AS(parse_listen_address(bad), std::invalid_argument);
    }
}

TEST_CASE("query strings are decoded as browsers encode them") {
    dateline::QueryParams p = dateline::parse_query_string("q=bank+of+japan&person=Pete%20Hegseth&person=A%2BB&empty=&flag&&x=%C3%A9");
    CHECK(p.find("q")->second == "bank of japan");
    CHECK(p.count("person") == 2);
    CHECK(p.lower_bound("person")->second == "Pete Hegseth");
    CHECK(std::next(p.lower_bound("person"))->second == "A+B");
    CHECK(p.find("empty")->second.empty());
    CHECK(p.count("flag") == 1);
    CHECK(p.find("x")->second == "\xC3\xA9");
    for (const char* bad : {"q=%", "q=%4", "q=%zz", "q=a%00b"}) CHECK_THROWS_AS(dateline::parse_query_string(bad), std::invalid_argument);
}

TEST_CASE("query parameters map to the same SearchRequest as the command line") {
    dateline::QueryParams params{{"q", "nato ukraine"}, {"person", "Pete Hegseth"}, {"person", "Mark Rutte"},
                                 {"org", "NATO"},       {"since", "2025-02"},        {"until", "2025"},
                                 {"sort", "newest"},    {"limit", "20"},             {"offset", "40"},
                                 {"facets", "people,years"}, {"facet_limit", "5"}};
    dateline::SearchRequest api = dateline::search_request_from_params(params);
    const char* argv[] = {"dateline-search", "--person", "Pete Hegseth", "--person", "Mark Rutte", "--org", "NATO",
                          "--since", "2025-02", "--until", "2025", "--sort", "newest", "--limit", "20", "--offset", "40",
                          "--facets", "people,years", "--facet-limit", "5", "nato", "ukraine"};
    dateline::SearchRequest cli = dateline::parse_search_command(static_cast<int>(std::size(argv)), argv).request;
    CHECK(api.query == cli.query);
    CHECK(api.filters == cli.filters);
    CHECK(api.since == cli.since);
    CHECK(api.until == cli.until);
    CHECK(api.sort == cli.sort);
    CHECK(api.limit == cli.limit);
    CHECK(api.offset == cli.offset);
    CHECK(api.facets == cli.facets);
    CHECK(api.facet_limit == cli.facet_limit);
    CHECK(api.histogram);

    // Who appears with whom: related=N is --related=N, and a bare --related before a query takes
    // its default count rather than the query.
    CHECK(dateline::search_request_from_params({{"q", "oil"}, {"related", "5"}}).related == 5);
    const char* related_argv[] = {"dateline-search", "--related", "5", "oil"};
    CHECK(dateline::parse_search_command(4, related_argv).request.related == 5);
    const char* bare_argv[] = {"dateline-search", "--related", "person:\"Paul Volcker\""};
    dateline::SearchRequest bare = dateline::parse_search_command(3, bare_argv).request;
    CHECK(bare.related == 10);
    CHECK(bare.query == "person:\"Paul Volcker\"");
    const char* last_argv[] = {"dateline-search", "oil", "--related"};
    CHECK(dateline::parse_search_command(3, last_argv).request.related == 10);
    CHECK(dateline::search_request_from_params({{"q", "oil"}}).related == 0);

    dateline::SearchRequest plain = dateline::search_request_from_params({{"q", "oil"}});
    CHECK(plain.limit == 10);
    CHECK(plain.facets == dateline::SearchRequest{}.facets);
    CHECK(plain.timeline == dateline::TimelineUnit::none);
    CHECK(dateline::search_request_from_params({{"q", "oil"}, {"timeline", "week"}}).timeline == dateline::TimelineUnit::week);

    // --timeline takes a unit when one follows, else the automatic one; query words stay words.
    auto timeline_of = [](std::vector<const char*> args) {
        args.insert(args.begin(), "dateline-search");
        return dateline::parse_search_command(static_cast<int>(args.size()), args.data()).request;
    };
    dateline::SearchRequest week = timeline_of({"--timeline", "week", "opec"});
    CHECK(week.timeline == dateline::TimelineUnit::week);
    CHECK(week.query == "opec");
    dateline::SearchRequest bare_timeline = timeline_of({"--timeline", "opec", "prices"});
    CHECK(bare_timeline.timeline == dateline::TimelineUnit::automatic);
    CHECK(bare_timeline.query == "opec prices");
    // Both optional values at once, either order.
    dateline::SearchRequest both = timeline_of({"--related", "--timeline", "opec"});
    CHECK(both.related == 10);
    CHECK(both.timeline == dateline::TimelineUnit::automatic);
    CHECK(both.query == "opec");
    CHECK(timeline_of({"opec", "--timeline"}).timeline == dateline::TimelineUnit::automatic);
    CHECK(timeline_of({"--timeline=Month", "opec"}).timeline == dateline::TimelineUnit::month);
    CHECK_THROWS_AS(timeline_of({"--timeline=fortnight", "opec"}), std::invalid_argument);
    // Copies of one story are one result unless collapse=0 (--no-collapse).
    CHECK(plain.collapse);
    CHECK_FALSE(dateline::search_request_from_params({{"q", "oil"}, {"collapse", "0"}}).collapse);
    CHECK_THROWS_AS(dateline::search_request_from_params({{"q", "oil"}, {"collapse", "2"}}), std::invalid_argument);

    for (dateline::QueryParams bad : std::vector<dateline::QueryParams>{
             {},                                   // nothing to search for
             {{"q", "  "}},
             {{"q", "a"}, {"limit", "0"}},
             {{"q", "a"}, {"limit", "101"}},
             {{"q", "a"}, {"limit", "ten"}},
             {{"q", "a"}, {"limit", "-1"}},
             {{"q", "a"}, {"offset", "10001"}},
             {{"q", "a"}, {"since", "yesterday"}},
             {{"q", "a"}, {"sort", "random"}},
             {{"q", "a"}, {"facets", "colours"}},
             {{"q", "a"}, {"q", "b"}},
             {{"q", "a"}, {"unknown", "1"}},
             {{"q", "a"}, {"person", ""}},
             {{"q", "a"}, {"timeline", "fortnight"}},
             {{"q", "a"}, {"related", "101"}},
         }) {
        CHECK_THROWS_AS(dateline::search_request_from_params(bad), std::invalid_argument);
    }
}

TEST_CASE("static files: only plain paths inside the web root") {
    dateline::testing::TempDir tmp;
    fs::path root = tmp.path / "web";
    fs::create_directories(root / "sub");
    std::ofstream(root / "index.html") << "<p>page";
    std::ofstream(root / "app.js") << "1";
    std::ofstream(root / "sub" / "x.css") << "a{}";
    std::ofstream(root / ".hidden") << "secret";
    std::ofstream(tmp.path / "secret.txt") << "secret";
    fs::create_symlink(tmp.path / "secret.txt", root / "escape.txt");

    CHECK(dateline::static_file(root, "/") == fs::canonical(root / "index.html"));
    CHECK(dateline::static_file(root, "/app.js?v=2") == fs::canonical(root / "app.js"));
    CHECK(dateline::static_file(root, "/sub/x.css") == fs::canonical(root / "sub" / "x.css"));
    for (const char* bad : {"/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt",
                            "/%252e%252e/secret.txt", "/..\\secret.txt", "/app.js%00.html", "/.hidden", "/./app.js",
                            "/escape.txt", "/sub", "/sub/", "//etc/passwd", "/missing.js", "app.js", ""}) {
        CHECK_MESSAGE(!dateline::static_file(root, bad), bad);
    }
    CHECK(dateline::content_type_for("a/app.js") == "text/javascript; charset=utf-8");
    CHECK(dateline::content_type_for("index.html") == "text/html; charset=utf-8");
}

TEST_CASE("the server end to end on samples/") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    build_index(db);
    Server server(db);

    SUBCASE("healthz") {
        json j = get_json(server, "/healthz", 200);
        CHECK(j["status"] == "ok");
        CHECK(j["documents"].get<int>() > 5);
        CHECK(j["index"] == db.string());
        CHECK(j["last_commit"].is_string());
    }

    SUBCASE("/api/search equals dateline-search --json, plus a histogram") {
        struct Case {
            std::string api, cli;
        };
        std::vector<Case> cases = {
            {"q=nato", "nato"},
            {"q=%22bank+of+japan%22", quote("\"bank of japan\"")},
            {"q=oil+OR+rates&sort=newest&limit=3&offset=1", "--sort newest --limit 3 --offset 1 " + quote("oil OR rates")},
            {"person=Pete+Hegseth", "--person " + quote("Pete Hegseth")},
            {"q=the&since=2023&until=2024-06&facets=years,sources&facet_limit=2",
             "--since 2023 --until 2024-06 --facets years,sources --facet-limit 2 the"},
            {"q=rates&place=Japan&sort=oldest", "--place Japan --sort oldest rates"},
            {"kind=table&facets=kinds", "--kind table --facets kinds"},
        };
        for (const Case& c : cases) {
            CAPTURE(c.api);
            json api = get_json(server, "/api/search?" + c.api, 200);
            auto r = run(kSearch + " --db " + quote(db.string()) + " --json " + c.cli);
            REQUIRE(!r.out.empty());
            json cli = json::parse(r.out);
            REQUIRE(api.contains("histogram"));
            CHECK(api["histogram"]["unit"].is_string());
            CHECK(without(api, {"took_ms", "histogram"}) == without(cli, {"took_ms"}));
        }
    }

    SUBCASE("a histogram sums to the total") {
        json j = get_json(server, "/api/search?q=the", 200);
        std::size_t sum = 0;
        for (const json& b : j["histogram"]["buckets"]) sum += b["count"].get<std::size_t>();
        CHECK(sum <= j["total"].get<std::size_t>());  // undated articles have no bucket
        CHECK(sum > 0);
    }

    SUBCASE("timeline=UNIT: the histogram's matches per period, with all articles and shares") {
        json j = get_json(server, "/api/search?q=the&timeline=year", 200);
        REQUIRE(j.contains("timeline"));
        CHECK(j["timeline"]["unit"] == "year");
        std::size_t histogram = 0, timeline = 0;
        for (const json& b : j["histogram"]["buckets"]) histogram += b["count"].get<std::size_t>();
        for (const json& p : j["timeline"]["periods"]) {
            timeline += p["count"].get<std::size_t>();
            CHECK(p["count"].get<std::size_t>() <= p["all"].get<std::size_t>());
            CHECK(p["share"].is_null() == (p["all"] == 0));
        }
        CHECK(timeline == histogram);
        CHECK_FALSE(get_json(server, "/api/search?q=the", 200).contains("timeline"));
        get_json(server, "/api/search?q=the&timeline=fortnight", 400);
    }

    SUBCASE("article, suggest") {
        json found = get_json(server, "/api/search?q=nato&limit=1", 200);
        REQUIRE(found["results"].size() == 1);
        std::string id = found["results"][0]["id"];
        json article = get_json(server, "/api/article/" + id, 200);
        CHECK(article["id"] == id);
        CHECK(article["title"] == found["results"][0]["title"]);
        CHECK(article["body"].get<std::string>().size() > 200);
        json missing = get_json(server, "/api/article/no-such-id", 404);
        CHECK(missing["error"]["message"].is_string());

        json suggest = get_json(server, "/api/suggest?prefix=heg&limit=5", 200);
        REQUIRE(!suggest["suggestions"].empty());
        CHECK(suggest["suggestions"][0]["value"] == "Pete Hegseth");
        CHECK(suggest["suggestions"][0]["field"] == "people");
        CHECK(get_json(server, "/api/suggest?prefix=", 200)["suggestions"].empty());
        // After a field prefix, that field's values only.
        json places = get_json(server, "/api/suggest?prefix=ja&field=place", 200)["suggestions"];
        REQUIRE(!places.empty());
        for (const json& p : places) CHECK(p["field"] == "places");
        CHECK(places[0]["value"] == "Japan");
        for (const json& t : get_json(server, "/api/suggest?prefix=ja&field=title", 200)["suggestions"]) CHECK(t["field"] == "title");
        CHECK(get_json(server, "/api/suggest?prefix=heg&field=place", 200)["suggestions"].empty());
        get_json(server, "/api/suggest?prefix=a&field=body", 400);
        get_json(server, "/api/suggest?prefix=a&limit=500", 400);
    }

    SUBCASE("any-of and excluded filter values") {
        auto total = [&](const std::string& params) { return get_json(server, "/api/search?q=said&limit=1&" + params, 200)["total"].get<int>(); };
        int all = total("");
        int saudi = total("place=Saudi+Arabia");
        int washington = total("place=Washington");
        int both = total("place=Saudi+Arabia&place=Washington");
        REQUIRE(saudi > 0);
        REQUIRE(washington > 0);
        REQUIRE(saudi + washington - both < all);
        CHECK(total("any_place=Saudi+Arabia&any_place=Washington") == saudi + washington - both);
        CHECK(total("not_place=Saudi+Arabia") == all - saudi);
        CHECK(total("not_place=Saudi+Arabia&not_place=Washington") == all - (saudi + washington - both));
        CHECK(total("any_place=Saudi+Arabia&any_place=Washington&not_place=Washington") == saudi - both);
        // Alternatives of two fields: each field must hold.
        int reuters = total("source=Reuters");
        CHECK(total("any_place=Saudi+Arabia&any_place=Washington&any_source=Reuters") ==
              total("any_place=Saudi+Arabia&any_place=Washington&source=Reuters"));
        CHECK(total("any_source=Reuters") == reuters);
        // Alone, alternatives are something to search for; exclusions are not.
        CHECK(get_json(server, "/api/search?any_place=Washington", 200)["total"].get<int>() >= washington);
        get_json(server, "/api/search?not_place=Washington", 400);
        get_json(server, "/api/search?q=said&any_colour=red", 400);
        get_json(server, "/api/search?q=said&not_place=", 400);
        // A bad sort is named as the API names it, not as the command line does.
        json sort = get_json(server, "/api/search?q=said&sort=random", 400);
        CHECK(sort["error"]["message"].get<std::string>().rfind("sort must be", 0) == 0);
    }

    SUBCASE("every filter field of the schema works alike in the API and on the command line") {
        json schema = get_json(server, "/api/schema", 200);
        CHECK(schema["version"] == dateline::schema::kVersion);
        std::vector<std::string> filters;
        for (const json& f : schema["fields"]) {
            if (!f["filter"].get<bool>()) continue;
            std::string name = f["name"], facet = f["facet"];
            filters.push_back(name);
            CAPTURE(name);
            CHECK(!f["label"].get<std::string>().empty());
            // The field's most frequent value among the dated articles, and how many hold it.
            json all = get_json(server, "/api/search?since=1000&limit=1&facet_limit=1&facets=" + facet, 200);
            REQUIRE(all["facets"][facet].size() == 1);
            std::string value = all["facets"][facet][0]["value"];
            std::size_t count = all["facets"][facet][0]["count"];
            std::string encoded = std::regex_replace(value, std::regex(" "), "+");
            json api = get_json(server, "/api/search?since=1000&" + name + "=" + encoded, 200);
            CHECK(api["total"] == count);
            json upper = get_json(server, "/api/search?since=1000&" + name + "=" + encoded + "&facets=" + facet, 200);
            CHECK(upper["total"] == count);
            json any = get_json(server, "/api/search?since=1000&any_" + name + "=" + encoded, 200);
            CHECK(any["total"] == count);
            json excluded = get_json(server, "/api/search?since=1000&not_" + name + "=" + encoded, 200);
            CHECK(excluded["total"].get<std::size_t>() == all["total"].get<std::size_t>() - count);
            auto r = run(kSearch + " --db " + quote(db.string()) + " --json --since 1000 --" + name + " " + quote(value));
            REQUIRE(!r.out.empty());
            CHECK(json::parse(r.out)["total"] == count);
            json by_field = get_json(server, "/api/search?since=1000&facets=none&q=" + name + "%3A%22" + encoded + "%22", 200);
            CHECK(by_field["total"].get<std::size_t>() >= count);
        }
        // The same filters as the command line's, from the same rows.
        std::vector<std::string> cli;
        for (const auto* f : dateline::filter_fields()) cli.emplace_back(f->name);
        CHECK(filters == cli);
        CHECK(std::find(filters.begin(), filters.end(), "subject") != filters.end());
    }

    SUBCASE("who appears with whom: /api/related equals related=10 and dateline-search --related") {
        json related = get_json(server, "/api/related?person=Pete+Hegseth", 200);
        REQUIRE(related.contains("related"));
        for (const char* kind : {"people", "organizations", "places"}) REQUIRE(related["related"][kind].is_array());
        json people = related["related"]["people"];
        REQUIRE(!people.empty());
        CHECK(people.size() <= 10);
        for (const json& v : people) {
            CHECK(v["value"] != "Pete Hegseth");  // not "appearing with" himself
            CHECK(v["count"].get<std::size_t>() >= 1);
            CHECK(v["all"].get<std::size_t>() >= v["count"].get<std::size_t>());
            CHECK(v["score"].get<double>() > 0);
        }
        // Strongest first.
        json places = related["related"]["places"];
        for (std::size_t i = 1; i < places.size(); ++i) CHECK(places[i - 1]["score"].get<double>() >= places[i]["score"].get<double>());
        json param = get_json(server, "/api/search?person=Pete+Hegseth&related=10", 200);
        CHECK(without(related, {"took_ms"}) == without(param, {"took_ms"}));
        auto r = run(kSearch + " --db " + quote(db.string()) + " --json --related --person " + quote("Pete Hegseth"));
        REQUIRE(!r.out.empty());
        CHECK(without(related, {"took_ms", "histogram"}) == without(json::parse(r.out), {"took_ms"}));
        CHECK(get_json(server, "/api/related?person=Pete+Hegseth&related=2", 200)["related"]["places"].size() == 2);
        CHECK_FALSE(get_json(server, "/api/search?person=Pete+Hegseth", 200).contains("related"));
        get_json(server, "/api/related?person=Pete+Hegseth&related=101", 400);
        get_json(server, "/api/related", 400);
    }

    SUBCASE("more like this: /api/article/ID/like equals like= and dateline-search --like") {
        json found = get_json(server, "/api/search?q=nato&limit=1", 200);
        REQUIRE(found["results"].size() == 1);
        std::string id = found["results"][0]["id"];
        json like = get_json(server, "/api/article/" + id + "/like?limit=5", 200);
        REQUIRE(like["total"].get<std::size_t>() > 0);
        for (const json& r : like["results"]) CHECK(r["id"] != id);
        json param = get_json(server, "/api/search?limit=5&like=" + id, 200);
        CHECK(without(like, {"took_ms"}) == without(param, {"took_ms"}));
        auto r = run(kSearch + " --db " + quote(db.string()) + " --json --limit 5 --like " + quote(id));
        REQUIRE(!r.out.empty());
        CHECK(without(like, {"took_ms", "histogram"}) == without(json::parse(r.out), {"took_ms"}));
        get_json(server, "/api/article/no-such-story/like", 404);
        CHECK(get_json(server, "/api/search?like=no-such-story", 200)["total"] == 0);
    }

    SUBCASE("fields, and the index's dates") {
        json fields = get_json(server, "/api/fields", 200)["fields"];
        bool person = false;
        for (const json& f : fields) person = person || (f["name"] == "person" && f["facet"] == "people");
        CHECK(person);
        json health = get_json(server, "/healthz", 200);
        CHECK(std::regex_match(health["first_date"].get<std::string>(), std::regex(R"(\d{4}-\d{2}-\d{2})")));
        CHECK(health["first_date"].get<std::string>() < health["last_date"].get<std::string>());
        json oldest = get_json(server, "/api/search?since=1000&sort=oldest&limit=1", 200);
        CHECK(oldest["results"][0]["date"].get<std::string>().substr(0, 10) == health["first_date"]);
    }

    SUBCASE("errors are JSON with fitting statuses") {
        json syntax = get_json(server, "/api/search?q=nato+%22ukraine", 400);
        CHECK(syntax["error"]["position"] == 5);
        json field = get_json(server, "/api/search?q=colour%3Ared+oil", 400);
        CHECK(field["error"]["message"].get<std::string>().find("no field 'colour'") != std::string::npos);
        get_json(server, "/api/search?q=date%3A1988..1987", 400);
        get_json(server, "/api/search?q=nato&limit=0", 400);
        get_json(server, "/api/search?q=nato&limit=101", 400);
        get_json(server, "/api/search?q=nato&offset=10001", 400);
        get_json(server, "/api/search?q=nato&since=someday", 400);
        get_json(server, "/api/search?q=nato&bogus=1", 400);
        get_json(server, "/api/search", 400);
        get_json(server, "/api/search?q=" + std::string(5000, 'a'), 400);  // longer than 4096
        get_json(server, "/api/nothing", 404);
        get_json(server, "/nothing.js", 404);
        auto post = server.client().Post("/api/search", "q=nato", "application/x-www-form-urlencoded");
        REQUIRE(post);
        CHECK(post->status == 405);
        CHECK(post->get_header_value("Allow") == "GET, HEAD");
        auto del = server.client().Delete("/api/search");
        REQUIRE(del);
        CHECK(del->status == 405);
    }

    SUBCASE("the page, with its security headers") {
        auto page = server.client().Get("/");
        REQUIRE(page);
        CHECK(page->status == 200);
        CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(page->body.find("app.js") != std::string::npos);
        CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") == 0);
        CHECK(page->get_header_value("X-Content-Type-Options") == "nosniff");
        auto script = server.client().Get("/app.js");
        REQUIRE(script);
        CHECK(script->status == 200);
        CHECK(script->get_header_value("Content-Type") == "text/javascript; charset=utf-8");
        auto head = server.client().Head("/style.css");
        REQUIRE(head);
        CHECK(head->status == 200);
        CHECK(head->body.empty());
        auto api = server.client().Get("/healthz");
        REQUIRE(api);
        CHECK(api->get_header_value("X-Content-Type-Options") == "nosniff");
    }

    SUBCASE("traversal attempts get nothing outside the web root") {
        for (const char* path : {"/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
                                 "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/%252e%252e/%252e%252e/etc/passwd",
                                 "/..\\..\\etc\\passwd", "/%5c..%5c..%5cetc%5cpasswd", "/index.html%00.js",
                                 "/....//....//etc/passwd", "//etc/passwd", "/web/../../../etc/passwd"}) {
            CAPTURE(path);
            std::string answer = raw_request(server.port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            int status = status_of(answer);
            CHECK((status == 400 || status == 404));
            CHECK(answer.find("root:") == std::string::npos);
        }
    }

    SUBCASE("oversized requests are refused") {
        std::string body(10 * 1024 * 1024, 'x');
        std::string post = raw_request(server.port(), "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                          std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        CHECK(status_of(post) == 413);
        std::string header = raw_request(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " +
                                                            std::string(10 * 1024 * 1024, 'a') + "\r\n\r\n");
        CHECK(status_of(header) == 431);
        CHECK(status_of(raw_request(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(9000, 'a') +
                                                       "\r\n\r\n")) == 431);
        // A request line that cannot be read stays a plain 400.
        CHECK(status_of(raw_request(server.port(), "GET /healthz HTTP/9\r\nHost: x\r\n\r\n")) == 400);
        std::string many;
        for (int i = 0; i < 400; ++i) many += "X-Padding-" + std::to_string(i) + ": " + std::string(100, 'a') + "\r\n";
        CHECK(status_of(raw_request(server.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n" + many + "\r\n")) == 431);
        CHECK(status_of(raw_request(server.port(), "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")) == 414);
        // Still serving.
        get_json(server, "/healthz", 200);
    }

    SUBCASE("a slow client is cut off while others are served") {
        auto start = std::chrono::steady_clock::now();
        bool cut_off = false;
        std::thread slow([&] {
            int fd = connect_loopback(server.port());
            std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
            for (char c : request) {
                if (send(fd, &c, 1, MSG_NOSIGNAL) != 1) {
                    cut_off = true;
                    break;
                }
                pollfd p{fd, POLLIN, 0};
                // The server ends the connection: readable with end-of-file (or a reset).
                if (poll(&p, 1, 1000) > 0) {
                    char b;
                    if (recv(fd, &b, 1, 0) <= 0) {
                        cut_off = true;
                        break;
                    }
                }
            }
            close(fd);
        });
        std::this_thread::sleep_for(500ms);
        for (int i = 0; i < 3; ++i) {
            auto t = std::chrono::steady_clock::now();
            get_json(server, "/healthz", 200);
            CHECK(std::chrono::steady_clock::now() - t < 1s);
        }
        slow.join();
        CHECK(cut_off);
        CHECK(std::chrono::steady_clock::now() - start < 15s);
    }

    SUBCASE("access log and a clean stop") {
        get_json(server, "/healthz", 200);
        std::this_thread::sleep_for(200ms);
        CHECK(server.log().find("GET /healthz 200 ") != std::string::npos);
        CHECK(server.stop() == 0);
    }
}

TEST_CASE("saved searches over HTTP: the list with new counts, and Atom feeds; nothing is marked checked") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    build_index(db);
    auto saved = run(kSearch + " --db " + quote(db.string()) + " --save natowatch nato");
    REQUIRE_MESSAGE(saved.status == 0, saved.out);
    const fs::path file = tmp.path / "index.saved.json";
    std::string before = json::parse(std::ifstream(file))["saved"][0]["checked"];
    Server server(db);

    json list = get_json(server, "/api/saved", 200);
    REQUIRE(list["saved"].size() == 1);
    CHECK(list["saved"][0]["name"] == "natowatch");
    CHECK(list["saved"][0]["query"] == "nato");
    CHECK(list["saved"][0]["new"] == 0);
    CHECK(list["saved"][0]["feed"] == "/api/saved/natowatch/feed");

    for (const std::string path : {"/api/saved/natowatch/feed", "/api/feed?q=nato&person=Pete+Hegseth"}) {
        CAPTURE(path);
        auto res = server.client().Get(path);
        REQUIRE(res);
        CHECK(res->status == 200);
        CHECK(res->get_header_value("Content-Type").find("application/atom+xml") == 0);
        xmlDocPtr doc = xmlReadMemory(res->body.data(), static_cast<int>(res->body.size()), "feed.xml", nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR);
        CHECK_MESSAGE(doc != nullptr, res->body);
        if (doc) xmlFreeDoc(doc);
        CHECK(res->body.find("<entry>") != std::string::npos);
        CHECK(res->body.find("<id>urn:dateline:article:") != std::string::npos);
        CHECK(res->body.find("/?article=") != std::string::npos);
    }
    get_json(server, "/api/saved/no-such-search/feed", 404);
    // added_after: nothing was added after the stamp the search was saved at; all after "0".
    CHECK(get_json(server, "/api/search?q=nato&sort=added&added_after=" + before, 200)["total"] == 0);
    json all = get_json(server, "/api/search?q=nato&sort=added&added_after=0", 200);
    CHECK(all["total"].get<int>() > 0);
    CHECK(all["results"][0]["added"].is_string());
    get_json(server, "/api/search?q=nato&added_after=yesterday", 400);
    get_json(server, "/api/feed?q=%22unclosed", 400);
    // Only dateline-search --saved marks a search checked; the server only reads the file.
    CHECK(json::parse(std::ifstream(file))["saved"][0]["checked"] == before);
}

TEST_CASE("--quiet: no access log") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    build_index(db);
    Server server(db, {"--quiet"});
    get_json(server, "/healthz", 200);
    std::this_thread::sleep_for(200ms);
    CHECK(server.log().find("GET /healthz") == std::string::npos);
}

TEST_CASE("a server started before its index answers 503, then serves once the index exists") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "later";
    Server server(db);
    json unusable = get_json(server, "/healthz", 503);
    CHECK(unusable["error"]["message"].get<std::string>().find(db.string()) != std::string::npos);
    get_json(server, "/api/search?q=nato", 503);
    build_index(db);
    CHECK(get_json(server, "/healthz", 200)["documents"].get<int>() > 5);
    CHECK(get_json(server, "/api/search?q=nato", 200)["total"].get<int>() >= 1);
}

TEST_CASE("an address that cannot be bound exits with 2") {
    dateline::testing::TempDir tmp;
    auto r = run(kSearch + " --db " + quote((tmp.path / "none").string()) + " --serve 192.0.2.1:80", true);
    CHECK(r.status == 2);
    CHECK(r.out.find("cannot listen") != std::string::npos);
    CHECK(run(kSearch + " --serve nonsense", true).status == 2);
}

TEST_CASE("a port another server listens on is refused with 2, not shared") {
    dateline::testing::TempDir tmp;
    fs::path db = tmp.path / "index";
    build_index(db);
    Server first(db);
    // Bounded: were the port shared, the second server would start and serve until killed.
    auto r = run("timeout 10 " + kSearch + " --db " + quote(db.string()) + " --serve 127.0.0.1:" + std::to_string(first.port()), true);
    CHECK_MESSAGE(r.status == 2, r.out);
    CHECK(r.out.find("cannot listen on 127.0.0.1:" + std::to_string(first.port()) + ": the port is taken") != std::string::npos);
    CHECK(r.out.find("serving") == std::string::npos);
    get_json(first, "/healthz", 200);
}

TEST_CASE("--serve says so when the service program is not beside dateline-search") {
    dateline::testing::TempDir tmp;
    std::filesystem::path lone = tmp.path / "dateline-search";
    std::filesystem::copy_file(kSearch, lone);
    std::filesystem::permissions(lone, std::filesystem::perms::owner_all);
    auto r = run(quote(lone.string()) + " --db " + quote((tmp.path / "none").string()) + " --serve 127.0.0.1:0", true);
    CHECK(r.status == 2);
    CHECK(r.out.find("cannot start") != std::string::npos);
    CHECK(r.out.find("dateline-http") != std::string::npos);
}
