#include "sharded_build.h"

#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <thread>

#include "index_error.h"
#include "index_writer.h"

namespace dateline {
namespace fs = std::filesystem;
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
    into.articles_read += from.articles_read;
    into.articles_added += from.articles_added;
    into.articles_replaced += from.articles_replaced;
    into.articles_removed += from.articles_removed;
}

}  // namespace

ShardedBuildResult run_sharded_build(const std::string& db, const std::vector<FileTask>& tasks, unsigned shards,
                                     const IndexOptions& options, const EntityExtractor& extractor, Progress& progress,
                                     RunSummary& summary, std::ostream& out, std::ostream& err) {
    ShardedBuildResult result;
    IndexWriter guard(db);  // holds the index's lock until the merged index is in place
    fs::path work = fs::path(db).string() + ".build";
    fs::remove_all(work);
    fs::create_directories(work);

    auto ranges = split_by_size(tasks, shards);
    std::mutex mutex;
    std::atomic<std::size_t> files_done{0}, articles_done{0};
    std::vector<std::string> shard_paths;
    for (std::size_t i = 0; i < ranges.size(); ++i) shard_paths.push_back((work / ("shard-" + std::to_string(i))).string());

    std::vector<std::thread> threads;
    std::exception_ptr failure;
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        threads.emplace_back([&, i] {
            try {
                IndexWriter shard(shard_paths[i], true);
                DocumentBuilder builder;
                RunSummary local;
                for (std::size_t t = ranges[i].first; t < ranges[i].second && !stop_requested(); ++t) {
                    FileResult r = process_file(tasks[t], options, extractor, builder);
                    std::size_t articles = r.built.size();
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

    // Merge the shards in range order: the compactor renumbers documents one shard after the other.
    Xapian::Database all;
    for (const std::string& p : shard_paths) all.add_database(Xapian::Database(p));
    fs::path merged = work / "merged";
    all.compact(merged.string(), Xapian::Compactor::FULL);
    all.close();

    // Swap the merged index in for the empty one while still holding the old one's lock.
    fs::path old = work / "empty";
    fs::rename(db, old);
    fs::rename(merged, db);
    guard.close();
    fs::remove_all(work);
    result.documents = Xapian::Database(db).get_doccount();
    return result;
}

}  // namespace dateline
