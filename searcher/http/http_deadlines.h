// Request deadlines: cutting off clients that take too long to send a request.
//
// cpp-httplib's read timeout bounds each wait for more bytes, not a whole request, so a client
// sending one byte a second would hold a worker thread for ever, and a few such clients the whole
// server. Here the client has `budget` to deliver its request line and headers, counted from when
// a worker thread takes up its connection (or, on a kept-alive connection, from the previous
// answer). A watcher thread shuts down the sockets of clients that overrun it, which ends their
// connection and frees the worker.
//
// cpp-httplib 0.11 does not tell its handlers which socket they serve. DeadlineTaskQueue, the
// server's task queue, is told of each connection right after it was accepted; RequestDeadlines
// then finds that connection among the process's sockets (the only connected socket on the
// server's port it has not seen yet) and keeps its own duplicate of it. The duplicate also means
// that a descriptor number reused after httplib closed its copy can never be shut down by mistake.
//
// Thread-safe.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace dateline {

class RequestDeadlines {
public:
    explicit RequestDeadlines(std::chrono::milliseconds budget);
    ~RequestDeadlines();  // stops the watcher
    RequestDeadlines(const RequestDeadlines&) = delete;
    RequestDeadlines& operator=(const RequestDeadlines&) = delete;

    // On the accepting thread, just after a connection to `port` was accepted: takes note of it.
    // Returns its ticket for connection_started, 0 when it could not be found (it then goes
    // unwatched rather than refused).
    std::uint64_t connection_accepted(int port);
    // The calling worker thread takes up the connection: the client's time starts.
    void connection_started(std::uint64_t ticket);
    // The calling thread's request line and headers are in: handling is not bounded here.
    void request_arrived();
    // The calling thread has answered; the client's time for its next request starts.
    void response_sent();
    // The calling thread has answered and the connection must not carry another request (its
    // request was refused before its body was read, or could not be parsed): ends it now.
    void response_sent_closing();
    // The calling thread is done with its connection.
    void connection_ended();
    // Whether the calling thread's connection was shut down for overrunning its budget.
    bool cut_off();

private:
    struct Watch {
        int socket = -1;  // our duplicate of the connection's socket
        std::chrono::steady_clock::time_point deadline;
        bool waiting = false;  // a worker waits for this client's request
        bool cut_off = false;  // shut down for overrunning its budget
    };
    Watch* current();  // the calling thread's connection; requires mutex_
    void watch();

    std::chrono::milliseconds budget_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::uint64_t, Watch> watches_;                  // by ticket (the socket's inode)
    std::map<std::thread::id, std::uint64_t> serving_;        // worker thread -> its ticket
    std::thread watcher_;
};

// The server's worker threads (a plain httplib::ThreadPool) with each connection's life told to
// RequestDeadlines.
class DeadlineTaskQueue : public httplib::TaskQueue {
public:
    DeadlineTaskQueue(std::size_t threads, RequestDeadlines& deadlines, int port)
        : pool_(threads), deadlines_(deadlines), port_(port) {}

    void enqueue(std::function<void()> serve_connection) override;
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
    RequestDeadlines& deadlines_;
    int port_;
};

}  // namespace dateline
