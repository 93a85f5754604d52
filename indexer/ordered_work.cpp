#include "ordered_work.h"

#include <chrono>

#include "run_stop.h"

namespace dateline {

template <typename Ready>
void OrderedWork::wait(std::unique_lock<std::mutex>& lock, Ready ready) {
    while (!cv_.wait_for(lock, std::chrono::milliseconds(200), ready)) {
    }
}

std::optional<std::size_t> OrderedWork::take() {
    std::unique_lock lock(mutex_);
    wait(lock, [&] { return next_ >= slots_.size() || stop_requested() || next_ < applied_ + window_; });
    if (next_ >= slots_.size() || stop_requested()) return std::nullopt;
    ++taken_;
    return next_++;
}

void OrderedWork::put_batch(std::size_t index, FileBatch&& batch) {
    {
        std::unique_lock lock(mutex_);
        wait(lock, [&] { return stop_requested() || slots_[index].batches.size() < kQueuedBatches; });
        if (stop_requested()) throw StopReading{};
        slots_[index].batches.push_back(std::move(batch));
    }
    cv_.notify_all();
}

void OrderedWork::put(std::size_t index, FileResult&& result) {
    {
        std::lock_guard lock(mutex_);
        slots_[index].result = std::move(result);
    }
    cv_.notify_all();
}

std::variant<std::monostate, FileBatch, FileResult> OrderedWork::wait_for(std::size_t index) {
    std::unique_lock lock(mutex_);
    Slot& slot = slots_[index];
    wait(lock, [&] { return !slot.batches.empty() || slot.result.has_value() || (stop_requested() && index >= taken_); });
    std::variant<std::monostate, FileBatch, FileResult> piece;
    if (!slot.batches.empty()) {
        piece = std::move(slot.batches.front());
        slot.batches.pop_front();
    } else if (slot.result) {
        piece = std::move(*slot.result);
        slot.result.reset();
        applied_ = index + 1;
    }
    lock.unlock();
    cv_.notify_all();
    return piece;
}

}  // namespace dateline
