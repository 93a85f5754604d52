// serve_http: cpp-httplib set up for the open internet's habits even though it binds loopback by
// default: bounded requests and time, JSON errors for everything, files only from the web root.
#include "http_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "http_api.h"
#include "http_deadlines.h"
#include "http_listen_address.h"
#include "http_warmer.h"
#include "http_saved.h"
#include "http_searchers.h"
#include "http_static.h"
#include "index_error.h"
#include "render_json.h"

namespace dateline {
namespace {

constexpr std::chrono::seconds kIoTimeout{5};        // each read or write, and an idle keep-alive
constexpr std::chrono::seconds kRequestBudget{5};    // the whole request line and headers
constexpr std::size_t kMaxHeaderBytes = 16 * 1024;   // request line and headers together
constexpr std::size_t kMaxPayload = 64 * 1024;       // no endpoint takes a body; this bounds what is read anyway
constexpr std::size_t kKeepAliveRequests = 100;

std::string body_of(const nlohmann::json& j) {
    // The core repairs invalid UTF-8 on the way in; replacing here as well keeps a stray byte
    // from turning an answer into an exception.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void send(httplib::Response& res, const ApiReply& reply) {
    res.status = reply.status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(body_of(reply.body), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) { send(res, {status, error_json(message)}); }

std::string status_message(int status) {
    switch (status) {
        case 400: return "the request is malformed";
        case 404: return "there is nothing at this address";
        case 405: return "only GET and HEAD are served here";
        case 411: return "a body needs a Content-Length";
        case 413: return "the request is too large";
        case 414: return "the address is too long";
        case 431: return "the request's headers are too large";
        case 503: return "the index cannot be used right now";
        default: return status >= 500 ? "internal error" : "the request cannot be served";
    }
}

std::size_t header_bytes(const httplib::Request& req) {
    std::size_t n = req.method.size() + req.target.size() + req.version.size() + 4;
    for (const auto& [name, value] : req.headers) n += name.size() + value.size() + 4;
    return n;
}

// One access log line per request; request paths are printed with control bytes escaped so a
// crafted path cannot forge log lines.
class AccessLog {
public:
    explicit AccessLog(bool enabled) : enabled_(enabled) {}

    void request_started() {
        if (enabled_) started() = std::chrono::steady_clock::now();
    }

    void write(const httplib::Request& req, const httplib::Response& res) {
        if (!enabled_) return;
        std::optional<std::chrono::steady_clock::time_point>& start = started();
        std::ostringstream line;
        line << (req.method.empty() ? "-" : req.method) << ' ';
        if (req.path.empty()) line << '-';
        std::size_t shown = 0;
        for (unsigned char c : req.path) {
            if (++shown > 512) {
                line << "...";
                break;
            }
            if (c < 0x20 || c == 0x7f || c == '\\') {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
                line << escaped;
            } else {
                line << c;
            }
        }
        line << ' ' << res.status << ' ';
        if (start) {
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.1fms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - *start).count());
            line << ms;
        } else {
            line << '-';
        }
        start.reset();
        line << '\n';
        std::lock_guard lock(mutex_);
        std::cerr << line.str() << std::flush;
    }

private:
    // Per thread: a worker handles one request at a time, start to log line.
    static std::optional<std::chrono::steady_clock::time_point>& started() {
        thread_local std::optional<std::chrono::steady_clock::time_point> t;
        return t;
    }

    bool enabled_;
    std::mutex mutex_;
};

void serve_file(const std::filesystem::path& web_root, const httplib::Request& req, httplib::Response& res) {
    std::optional<std::filesystem::path> file = web_root.empty() ? std::nullopt : static_file(web_root, req.target);
    if (!file) return send_error(res, 404, "there is nothing at " + req.path);
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) return send_error(res, 500, "cannot read " + file->filename().string());
    res.status = 200;
    // Revalidate every time: the page is small, and a new version must show without a reload.
    res.set_header("Cache-Control", "no-cache");
    res.set_content(content.str(), content_type_for(*file).c_str());
}

// The query string as browsers encode it; httplib's own req.params keeps '+' as it is.
QueryParams params_of(const httplib::Request& req) {
    std::size_t question = req.target.find('?');
    return question == std::string::npos ? QueryParams{} : parse_query_string(std::string_view(req.target).substr(question + 1));
}

void send_feed(httplib::Response& res, const FeedReply& reply) {
    res.status = reply.status;
    res.set_header("Cache-Control", "no-cache");
    res.set_content(reply.body, reply.content_type.c_str());
}

void add_routes(httplib::Server& svr, SearcherPerThread& searchers, const std::filesystem::path& web_root,
                const std::string& saved_file) {
    svr.Get("/api/search", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return search_reply(s, params_of(req)); }); }));
    });
    // Before the article's own route, whose pattern would take "ID/like" for an id.
    svr.Get(R"(/api/article/(.+)/like)", [&](const httplib::Request& req, httplib::Response& res) {
        std::string id = req.matches[1];
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return like_reply(s, id, params_of(req)); }); }));
    });
    svr.Get(R"(/api/article/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
        std::string id = req.matches[1];
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return article_reply(s, id); }); }));
    });
    svr.Get("/api/related", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return related_reply(s, params_of(req)); }); }));
    });
    svr.Get("/api/suggest", [&](const httplib::Request& req, httplib::Response& res) {
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return suggest_reply(s, params_of(req)); }); }));
    });
    svr.Get("/healthz", [&](const httplib::Request&, httplib::Response& res) {
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return health_reply(s); }); }));
    });
    // Saved searches (http_saved.h): read-only; the list and the feeds.
    svr.Get("/api/saved", [&](const httplib::Request&, httplib::Response& res) {
        send(res, guarded([&] { return searchers.with([&](Searcher& s) { return saved_list_reply(s, saved_file); }); }));
    });
    svr.Get(R"(/api/saved/([^/]+)/feed)", [&](const httplib::Request& req, httplib::Response& res) {
        std::string name = req.matches[1];
        std::string base = base_url(req.get_header_value("Host"));
        FeedReply reply;
        try {
            reply = searchers.with([&](Searcher& s) { return saved_feed_reply(s, saved_file, name, base); });
        } catch (...) {
            return send(res, error_reply(std::current_exception()));
        }
        send_feed(res, reply);
    });
    svr.Get("/api/feed", [&](const httplib::Request& req, httplib::Response& res) {
        std::string base = base_url(req.get_header_value("Host"));
        FeedReply reply;
        try {
            reply = searchers.with([&](Searcher& s) { return query_feed_reply(s, params_of(req), base); });
        } catch (...) {
            return send(res, error_reply(std::current_exception()));
        }
        send_feed(res, reply);
    });
    svr.Get("/api/fields", [](const httplib::Request&, httplib::Response& res) { send(res, {200, fields_json()}); });
    svr.Get("/api/schema", [](const httplib::Request&, httplib::Response& res) { send(res, {200, schema_json()}); });
    svr.Get("/api/.*", [](const httplib::Request& req, httplib::Response& res) {
        send_error(res, 404, "there is no API endpoint " + req.path + " (see /api/search, /api/related, /api/article/ID, /api/article/ID/like, /api/suggest, /api/fields, /api/schema, /api/saved, /api/feed)");
    });
    svr.Get(".*", [&web_root](const httplib::Request& req, httplib::Response& res) { serve_file(web_root, req, res); });
    auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Allow", "GET, HEAD");
        send_error(res, 405, req.method + " is not served here: use GET or HEAD");
    };
    svr.Post(".*", not_allowed);
    svr.Put(".*", not_allowed);
    svr.Patch(".*", not_allowed);
    svr.Delete(".*", not_allowed);
    svr.Options(".*", not_allowed);
}

// Whether the calling worker's current request got as far as screen (its headers were read);
// reset when its answer is logged. Per thread: a worker handles one request at a time.
bool& screened() {
    thread_local bool in = false;
    return in;
}

// Checks made once the request line and headers are in, before any body is read or any route
// runs. A request refused here may have a body still unread, so its connection ends with the
// answer. Other methods than GET and HEAD go on to have their (bounded) body read and skipped,
// so their connection stays usable, and get 405 from their route.
httplib::Server::HandlerResponse screen(const httplib::Request& req, httplib::Response& res, RequestDeadlines& deadlines) {
    screened() = true;
    auto refuse = [&](int status, const std::string& message) {
        send_error(res, status, message);
        res.set_header("Connection", "close");
        return httplib::Server::HandlerResponse::Handled;
    };
    std::uint64_t declared = req.has_header("Content-Length") ? req.get_header_value<std::uint64_t>("Content-Length") : 0;
    if (header_bytes(req) > kMaxHeaderBytes) {
        return refuse(431, "the request's headers are too large (at most " + std::to_string(kMaxHeaderBytes) + " bytes)");
    }
    if (req.has_header("Transfer-Encoding")) return refuse(411, "no endpoint takes a body; a body needs a Content-Length");
    bool get = req.method == "GET" || req.method == "HEAD";
    if (get && declared > kMaxPayload) return refuse(413, "the request is too large: no endpoint takes a body");
    if (get && declared > 0) return refuse(400, req.method + " requests carry no body here");
    // A body must arrive within the time the headers had.
    if (declared == 0) deadlines.request_arrived();
    return httplib::Server::HandlerResponse::Unhandled;
}

// Whether httplib answered 400 because it could not read the headers after a good request line.
// cpp-httplib 0.11 (built into Debian's library, so its limits cannot be changed) refuses a
// header line over 8 KiB that way; the headers are then too large (431), as they are when they
// add up to more than kMaxHeaderBytes (see screen). A request line it could not parse, or a
// client cut off for being too slow (RequestDeadlines), stays a 400.
bool headers_unreadable(const httplib::Request& req, const httplib::Response& res, RequestDeadlines& deadlines) {
    if (res.status != 400 || screened() || deadlines.cut_off()) return false;
    bool known_method = req.method == "GET" || req.method == "HEAD" || req.method == "POST" || req.method == "PUT" ||
                        req.method == "DELETE" || req.method == "OPTIONS" || req.method == "PATCH" || req.method == "CONNECT" ||
                        req.method == "TRACE";
    return known_method && (req.version == "HTTP/1.1" || req.version == "HTTP/1.0");
}

// cpp-httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and
// share its traffic unseen. SO_REUSEADDR alone still allows a restart while old connections
// linger in TIME_WAIT, but refuses a port another socket listens on.
void bind_exclusively(socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

void configure(httplib::Server& svr, RequestDeadlines& deadlines) {
    svr.set_socket_options(bind_exclusively);
    svr.set_read_timeout(kIoTimeout);
    svr.set_write_timeout(kIoTimeout);
    svr.set_keep_alive_timeout(kIoTimeout.count());
    svr.set_keep_alive_max_count(kKeepAliveRequests);
    svr.set_payload_max_length(kMaxPayload);
    svr.set_tcp_nodelay(true);
    svr.set_default_headers({
        {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    });
    svr.set_error_handler(httplib::Server::HandlerWithResponse([&deadlines](const httplib::Request& req, httplib::Response& res) {
        // An empty body means httplib itself refused the request (it could not be parsed, or its
        // body was too large): the connection cannot be trusted to carry another one.
        if (res.body.empty()) {
            if (headers_unreadable(req, res, deadlines)) res.status = 431;
            send_error(res, res.status, status_message(res.status));
            res.set_header("Connection", "close");
        }
        return httplib::Server::HandlerResponse::Handled;
    }));
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        send(res, error_reply(error));
    });
}

// SIGINT and SIGTERM are blocked in every thread and taken by one watcher with sigtimedwait,
// so stopping runs as ordinary code rather than in a signal handler.
class StopOnSignal {
public:
    StopOnSignal() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
    }
    ~StopOnSignal() {
        finish();
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }

    // Ends the watcher; required before the server it watches goes away.
    void finish() {
        done_ = true;
        if (watcher_.joinable()) watcher_.join();
    }

    void watch(httplib::Server& svr) {
        watcher_ = std::thread([this, &svr] {
            bool signalled = false;
            timespec tick{0, 200'000'000};
            while (!done_) {
                if (!signalled && sigtimedwait(&signals_, nullptr, &tick) > 0) {
                    signalled = true;
                    std::cerr << "dateline-search: stopping\n";
                }
                // Repeated until serving ends: a signal may come before listening has begun.
                if (signalled) {
                    svr.stop();
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                }
            }
        });
    }

private:
    sigset_t signals_;
    sigset_t previous_;
    std::atomic<bool> done_{false};
    std::thread watcher_;
};

std::string url_host(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

}  // namespace

int serve_http(const SearchCommand& command) {
    ListenAddress address;
    try {
        address = parse_listen_address(command.serve);
    } catch (const std::invalid_argument& e) {
        std::cerr << "dateline-search: " << e.what() << "\n";
        return 2;
    }
    // At least 8: a browser opens up to 6 connections to a server, and each kept-alive one holds
    // a worker, so fewer would leave a lone reader of the page waiting for a worker to free up.
    unsigned threads = command.threads ? command.threads : std::max(8u, std::thread::hardware_concurrency());
    std::filesystem::path web_root = command.web_root.empty() ? default_web_root() : std::filesystem::path(command.web_root);
    if (web_root.empty() || !std::filesystem::is_regular_file(web_root / "index.html")) {
        std::cerr << "dateline-search: warning: no search page found" << (web_root.empty() ? "" : " in " + web_root.string())
                  << "; serving the API only (give --web-root FOLDER)\n";
    }

    SearcherPerThread searchers(command.db, command.aliases);
    try {
        searchers.with([](Searcher& s) { return s.stats(); });
    } catch (const IndexUnusable& e) {
        std::cerr << "dateline-search: warning: " << e.what() << "\n  Answering 503 until the index can be used.\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-search: warning: the index cannot be read yet: " << e.get_description() << "\n";
    }

    StopOnSignal stop;  // before any thread starts, so that they all inherit the blocked signals
    RequestDeadlines deadlines(kRequestBudget);
    httplib::Server svr;
    AccessLog log(!command.quiet);
    configure(svr, deadlines);
    svr.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
        log.request_started();
        return screen(req, res, deadlines);
    });
    svr.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
        screened() = false;
        if (res.get_header_value("Connection") == "close") {
            deadlines.response_sent_closing();
        } else {
            deadlines.response_sent();
        }
        log.write(req, res);
    });
    add_routes(svr, searchers, web_root, command.saved_file);

    int port = address.port;
    errno = 0;
    bool bound = port == 0 ? (port = svr.bind_to_any_port(address.host)) > 0 : svr.bind_to_port(address.host, port);
    if (!bound) {
        // httplib keeps bind's errno; it names the cause when it is one of the usual ones.
        const char* why = errno == EADDRINUSE      ? "the port is taken (another program listens on it)"
                          : errno == EADDRNOTAVAIL ? "the address is not this machine's"
                          : errno == EACCES        ? "the port needs privileges"
                                                   : "the port is taken, the address is not this machine's, or the port needs privileges";
        std::cerr << "dateline-search: cannot listen on " << url_host(address.host) << ":" << address.port << ": " << why << "\n";
        return 2;
    }
    std::cerr << "dateline-search: serving http://" << url_host(address.host) << ":" << port << "/ (index " << command.db
              << ", " << threads << " threads)" << std::endl;
    svr.new_task_queue = [threads, &deadlines, port] { return new DeadlineTaskQueue(threads, deadlines, port); };
    stop.watch(svr);
    ColumnWarmer warmer(searchers);
    svr.listen_after_bind();
    stop.finish();
    return 0;
}

}  // namespace dateline
