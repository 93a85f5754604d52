#include "http_warmer.h"

namespace dateline {

ColumnWarmer::ColumnWarmer(SearcherPerThread& searchers, std::chrono::milliseconds interval)
    : searchers_(searchers), thread_([this, interval] { run(interval); }) {}

ColumnWarmer::~ColumnWarmer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ColumnWarmer::run(std::chrono::milliseconds interval) {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        // No index yet, or one being rebuilt: the next round tries again, as requests do.
        try {
            searchers_.warm();
        } catch (...) {
        }
        lock.lock();
        wake_.wait_for(lock, interval, [this] { return stopping_; });
    }
}

}  // namespace dateline
