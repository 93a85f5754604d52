#include "http_deadlines.h"

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

namespace dateline {
namespace {

int local_port(int fd) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return -1;
    if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port);
    if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port);
    return -1;
}

bool connected(int fd) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    return ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) == 0;
}

}  // namespace

RequestDeadlines::RequestDeadlines(std::chrono::milliseconds budget) : budget_(budget), watcher_([this] { watch(); }) {}

RequestDeadlines::~RequestDeadlines() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    watcher_.join();
    for (auto& [ticket, w] : watches_) ::close(w.socket);
}

std::uint64_t RequestDeadlines::connection_accepted(int port) {
    std::lock_guard lock(mutex_);
    DIR* fds = ::opendir("/proc/self/fd");
    if (!fds) return 0;
    // Socket inodes are handed out in increasing order: should an earlier connection have been
    // missed, the newest unseen one is the one just accepted.
    std::uint64_t newest = 0;
    int newest_fd = -1;
    while (dirent* entry = ::readdir(fds)) {
        char* end = nullptr;
        long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == ::dirfd(fds)) continue;
        struct stat info{};
        if (::fstat(static_cast<int>(fd), &info) != 0 || !S_ISSOCK(info.st_mode)) continue;
        std::uint64_t inode = info.st_ino;
        if (inode <= newest || watches_.count(inode)) continue;
        if (local_port(static_cast<int>(fd)) != port || !connected(static_cast<int>(fd))) continue;
        newest = inode;
        newest_fd = static_cast<int>(fd);
    }
    ::closedir(fds);
    if (newest_fd < 0) return 0;
    int copy = ::dup(newest_fd);
    if (copy < 0) return 0;
    watches_[newest] = {copy, {}, false, false};
    return newest;
}

void RequestDeadlines::connection_started(std::uint64_t ticket) {
    std::lock_guard lock(mutex_);
    auto it = watches_.find(ticket);
    if (it == watches_.end()) return;
    serving_[std::this_thread::get_id()] = ticket;
    it->second.waiting = true;
    it->second.deadline = std::chrono::steady_clock::now() + budget_;
}

RequestDeadlines::Watch* RequestDeadlines::current() {
    auto serving = serving_.find(std::this_thread::get_id());
    if (serving == serving_.end()) return nullptr;
    auto it = watches_.find(serving->second);
    return it == watches_.end() ? nullptr : &it->second;
}

void RequestDeadlines::request_arrived() {
    std::lock_guard lock(mutex_);
    if (Watch* w = current()) w->waiting = false;
}

void RequestDeadlines::response_sent() {
    std::lock_guard lock(mutex_);
    if (Watch* w = current()) {
        w->waiting = true;
        w->deadline = std::chrono::steady_clock::now() + budget_;
    }
}

void RequestDeadlines::response_sent_closing() {
    std::lock_guard lock(mutex_);
    if (Watch* w = current()) {
        ::shutdown(w->socket, SHUT_RDWR);
        w->waiting = false;
    }
}

void RequestDeadlines::connection_ended() {
    std::lock_guard lock(mutex_);
    auto serving = serving_.find(std::this_thread::get_id());
    if (serving == serving_.end()) return;
    auto it = watches_.find(serving->second);
    if (it != watches_.end()) {
        ::close(it->second.socket);
        watches_.erase(it);
    }
    serving_.erase(serving);
}

bool RequestDeadlines::cut_off() {
    std::lock_guard lock(mutex_);
    Watch* w = current();
    return w && w->cut_off;
}

void RequestDeadlines::watch() {
    // A tenth of the budget, at most a quarter second: overruns are cut off promptly enough.
    auto tick = std::min<std::chrono::milliseconds>(budget_ / 10 + std::chrono::milliseconds(1), std::chrono::milliseconds(250));
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, tick);
        auto now = std::chrono::steady_clock::now();
        for (auto& [ticket, w] : watches_) {
            if (w.waiting && w.deadline <= now) {
                // Shutting down (not closing) wakes the worker's read with end-of-file; the
                // worker then closes the connection itself.
                ::shutdown(w.socket, SHUT_RDWR);
                w.waiting = false;
                w.cut_off = true;
            }
        }
    }
}

void DeadlineTaskQueue::enqueue(std::function<void()> serve_connection) {
    // httplib enqueues each connection on its accepting thread right after accept().
    std::uint64_t ticket = deadlines_.connection_accepted(port_);
    pool_.enqueue([this, ticket, serve = std::move(serve_connection)] {
        deadlines_.connection_started(ticket);
        serve();
        deadlines_.connection_ended();
    });
}

}  // namespace dateline
