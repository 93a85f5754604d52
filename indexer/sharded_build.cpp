#include "sharded_build.h"

#include <atomic>
#include <mutex>
#include <sstream>
#include <thread>

#include "file_applier.h"
#include "run_stop.h"

namespace dateline {
namespace {

// [begin, end) ranges of `tasks`, contiguous and of roughly equal bytes.
std::vector<std::pair<std::size_t, std::size_t>> split_by_size(const std::vector<FileTask>& tasks, unsigned parts) {
    std::uint64_t total = 0;
    for (const FileTask& t : tasks) total += t.file.size + 1;
    std::vector<std::pair<std::size_t, std::size_t>> ranges;
    std::size_t begin = 0;
    std::uint64_t done = 0;
    for (unsigned p = 1; p <= parts && begin < tasks.size(); ++p) {
        std::uint64_t goal = total * p / parts;
        std::size_t end = begin;
        while (end < tasks.size() && (done < goal || end == begin)) done += tasks[end++].file.size + 1;
        if (p == parts) end = tasks.size();
        ranges.emplace_back(begin, end);
        begin = end;
    }
    return ranges;
}

}  // namespace

void run_sharded_build(IndexWriter& index, const std::vector<FileTask>& tasks, unsigned shards,
                       const FileProcessor& processor, Progress& progress, RunSummary& summary, std::ostream& out,
                       std::ostream& err) {
    auto ranges = split_by_size(tasks, shards);
    std::vector<IndexWriter> shard_writers = index.open_shards(ranges.size());
    std::mutex mutex;
    std::atomic<std::size_t> files_done{0}, articles_done{0};

    std::vector<std::thread> threads;
    std::exception_ptr failure;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        threads.emplace_back([&, i] {
            try {
                IndexWriter& shard = shard_writers[i];
                DocumentBuilder builder;
                RunSummary local;
                // A file's messages are written together, not mixed with another shard's.
                std::ostringstream messages;
                FileApplier applier(&shard, processor.options(), local, out, messages);
                for (std::size_t t = ranges[i].first; t < ranges[i].second && !stop_requested(); ++t) {
                    std::size_t articles = 0;
                    auto write_batch = [&](FileBatch&& batch) {
                        if (stop_requested()) throw StopReading{};
                        articles += batch.built.size();
                        applier.apply(batch);
                    };
                    FileResult r = processor.process(tasks[t], builder, write_batch);
                    articles += r.built.size();
                    applier.apply(r);
                    if (!messages.str().empty()) {
                        std::lock_guard lock(mutex);
                        progress.finish();
                        err << messages.str();
                        messages.str("");
                    }
                    ++files_done;
                    articles_done += articles;
                }
                shard.commit();
                std::lock_guard lock(mutex);
                summary.add_file_counts(local);
            } catch (...) {
                std::lock_guard lock(mutex);
                failure = std::current_exception();
                request_stop();
            }
        });
    }
    // The writers work; this thread draws the progress.
    while (files_done < tasks.size() && !stop_requested()) {
        {
            std::lock_guard lock(mutex);
            progress.update(files_done, articles_done);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (std::thread& t : threads) t.join();
    progress.finish();
    if (failure) std::rethrow_exception(failure);
    summary.interrupted = stop_requested();

    if (index.rebuilding()) {
        Xapian::doccount written = 0;
        for (const IndexWriter& shard : shard_writers) written += shard.document_count();
        if (summary.interrupted || written == 0) {
            // The old index stays in service as it was (IndexWriter::rebuilding); the shards go
            // with the work folder.
            for (IndexWriter& shard : shard_writers) shard.close();
            index.close();
            summary.rebuild_kept = true;
            summary.documents = Xapian::Database(index.path()).get_doccount();
            return;
        }
    }
    IndexWriter::Merged merged = index.merge_shards(shard_writers);
    summary.articles_added -= merged.duplicates;
    summary.articles_replaced += merged.duplicates;
    summary.documents = merged.documents;
}

}  // namespace dateline
