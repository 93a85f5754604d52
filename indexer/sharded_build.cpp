#include "sharded_build.h"

#include <atomic>
#include <mutex>
#include <sstream>
#include <thread>

#include "index_writer.h"

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

void add_counts(RunSummary& into, const RunSummary& from) {
    into.files_new += from.files_new;
    into.files_changed += from.files_changed;
    into.files_touched += from.files_touched;
    into.files_failed += from.files_failed;
    into.files_skipped += from.files_skipped;
    into.files_read += from.files_read;
    into.files_read_in_part += from.files_read_in_part;
    into.problems += from.problems;
    into.interrupted = into.interrupted || from.interrupted;
    into.articles_read += from.articles_read;
    into.articles_added += from.articles_added;
    into.articles_replaced += from.articles_replaced;
    into.articles_unchanged += from.articles_unchanged;
    into.articles_removed += from.articles_removed;
}

}  // namespace

ShardedBuildResult run_sharded_build(const std::string& db, const std::vector<FileTask>& tasks, unsigned shards,
                                     const IndexOptions& options, const EntityExtractor& extractor, Progress& progress,
                                     RunSummary& summary, std::ostream& out, std::ostream& err) {
    ShardedBuildResult result;
    IndexWriter index(db);  // holds the index's lock until the merged index is in place
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
                for (std::size_t t = ranges[i].first; t < ranges[i].second && !stop_requested(); ++t) {
                    std::size_t articles = 0;
                    auto write_batch = [&](FileBatch&& batch) {
                        if (stop_requested()) throw StopReading{};
                        articles += batch.built.size();
                        apply_batch(batch, &shard, options, local, out);
                    };
                    FileResult r = process_file(tasks[t], options, extractor, builder, write_batch);
                    articles += r.built.size();
                    std::ostringstream messages;
                    apply_result(r, &shard, options, local, out, messages);
                    if (!messages.str().empty()) {
                        std::lock_guard lock(mutex);
                        progress.finish();
                        err << messages.str();
                    }
                    ++files_done;
                    articles_done += articles;
                }
                shard.commit();
                std::lock_guard lock(mutex);
                add_counts(summary, local);
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
    result.interrupted = stop_requested();

    IndexWriter::Merged merged = index.merge_shards(shard_writers);
    summary.articles_added -= merged.duplicates;
    summary.articles_replaced += merged.duplicates;
    result.documents = merged.documents;
    return result;
}

}  // namespace dateline
