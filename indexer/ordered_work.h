// OrderedWork: files handed to worker threads in file order, and their results handed to the
// writer in the same order, so two runs over the same files give the same document ids.
//
// At most `window` files are in flight, and a file's batches (handed on before its result,
// file_processor.h) queue in its slot, at most kQueuedBatches of them: a worker with a full
// queue waits for the writer to reach its file. So memory stays bounded whatever the archive's
// or a file's size.
//
// A stop request (run_stop.h) ends the hand-out: take() gives nothing more, put_batch() throws
// StopReading, and wait_for() of a file no worker took gives monostate.
//
// Thread-safe: any number of workers and one writer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <variant>
#include <vector>

#include "file_processor.h"

namespace dateline {

class OrderedWork {
public:
    static constexpr std::size_t kQueuedBatches = 2;

    OrderedWork(std::size_t count, std::size_t window) : slots_(count), window_(window) {}

    // For a worker: the index of the next file to process; nullopt when there is none left or
    // the run is being stopped.
    std::optional<std::size_t> take();

    // For a worker: a batch of file `index`; throws StopReading when the run is being stopped.
    void put_batch(std::size_t index, FileBatch&& batch);

    // For a worker: the result of file `index`.
    void put(std::size_t index, FileResult&& result);

    // For the writer: the next batch, else the result, of file `index`; monostate when the run
    // stopped before the file was taken.
    std::variant<std::monostate, FileBatch, FileResult> wait_for(std::size_t index);

    // Wakes every waiting thread (to see a stop request).
    void wake_all() { cv_.notify_all(); }

private:
    // A stop request comes from a signal handler, which cannot notify: every wait looks at the
    // request again now and then, or a writer waiting for a file that no worker will take (and
    // a worker waiting for room) would wait for ever.
    template <typename Ready>
    void wait(std::unique_lock<std::mutex>& lock, Ready ready);

    struct Slot {
        std::deque<FileBatch> batches;
        std::optional<FileResult> result;
    };
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<Slot> slots_;
    std::size_t window_;
    std::size_t next_ = 0;
    std::size_t taken_ = 0;
    std::size_t applied_ = 0;
};

}  // namespace dateline
