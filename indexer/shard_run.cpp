#include "shard_run.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "file_applier.h"
#include "file_processor.h"
#include "progress.h"
#include "run_executor.h"
#include "run_plan.h"
#include "run_stop.h"
#include "shard_folder.h"

namespace dateline {
namespace {

// What the run shows and counts, shared by the shards' threads.
struct SharedRun {
    std::mutex mutex;  // guards `summary`, `progress` and writing to `err`
    RunSummary& summary;
    Progress& progress;
    std::ostream& out;
    std::ostream& err;
    std::atomic<std::size_t> files_done{0};
    std::atomic<std::size_t> articles_done{0};
};

// One shard's part, read and written on this thread; its vanished files pruned unless stopped.
void write_shard(IndexWriter& shard, const RunPlan& part, const FileProcessor& processor, SharedRun& run,
                 RunSummary& local) {
    DocumentBuilder builder;
    // A file's messages are written together, not mixed with another shard's.
    std::ostringstream messages;
    FileApplier applier(&shard, processor.options(), local, run.out, messages);
    for (const FileTask& task : part.read) {
        if (stop_requested()) break;
        std::size_t articles = 0;
        auto write_batch = [&](FileBatch&& batch) {
            if (stop_requested()) throw StopReading{};
            articles += batch.built.size();
            applier.apply(batch);
        };
        FileResult r = processor.process(task, builder, write_batch);
        articles += r.built.size();
        applier.apply(r);
        if (!messages.str().empty()) {
            std::lock_guard lock(run.mutex);
            run.progress.finish();
            run.err << messages.str();
            messages.str("");
        }
        ++run.files_done;
        run.articles_done += articles;
    }
    if (stop_requested()) {
        local.interrupted = true;
    } else {
        for (const std::string& path : part.prune.remove) {
            local.articles_removed += shard.remove_file(path).removed;
            ++local.files_vanished;
        }
    }
    shard.finish_run();
}

// The shards on `threads` threads at once, each taking the next shard not yet written.
void write_in_parallel(std::vector<IndexWriter>& shards, const std::vector<RunPlan>& parts, unsigned threads,
                       const FileProcessor& processor, SharedRun& run, std::vector<RunSummary>& per_shard,
                       std::size_t total_files) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            try {
                for (std::size_t i = next++; i < shards.size(); i = next++) write_shard(shards[i], parts[i], processor, run, per_shard[i]);
            } catch (...) {
                std::lock_guard lock(run.mutex);
                if (!failure) failure = std::current_exception();
                request_stop();
            }
        });
    }
    // The writers work; this thread draws the progress.
    while (run.files_done < total_files && !stop_requested()) {
        {
            std::lock_guard lock(run.mutex);
            run.progress.update(run.files_done, run.articles_done);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (std::thread& t : pool) t.join();
    run.progress.finish();
    if (failure) std::rethrow_exception(failure);
}

// The shards a first build wrote, compacted as one index's first build is (its merge goes
// through the compactor): at 100,000 articles, 1,139 MiB of four shards against 637 MiB for
// one compacted index. On `threads` threads, each shard's compaction being independent. A shard
// that cannot be compacted stays as written, which searches the same; its reason is reported.
void compact_fresh_shards(std::vector<IndexWriter>& shards, unsigned threads, std::ostream& err) {
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::vector<std::string> problems;
    auto work = [&] {
        for (std::size_t i = next++; i < shards.size(); i = next++) {
            try {
                shards[i].compact_first_build();
            } catch (const std::exception& e) {
                std::lock_guard lock(mutex);
                problems.push_back(shard_name(i) + ": left as written, not compacted: " + e.what());
            } catch (const Xapian::Error& e) {
                std::lock_guard lock(mutex);
                problems.push_back(shard_name(i) + ": left as written, not compacted: " + e.get_description());
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    for (const std::string& why : problems) err << "dateline-index: " << why << "\n";
}

std::string shard_line(const std::string& name, const RunSummary& s) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "%s: %zu files read, %zu articles indexed, %zu up to date, %zu removed; %zu documents", name.c_str(),
                  s.files_read, s.articles_added + s.articles_replaced, s.articles_unchanged, s.articles_removed,
                  s.documents);
    return line;
}

}  // namespace

unsigned shard_threads(const IndexOptions& options, std::size_t count) {
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::min<std::size_t>(jobs, count));
}

std::vector<IndexWriter> open_shard_writers(const IndexOptions& options, std::size_t count) {
    auto dir = make_shard_folder(options.db, count);
    WriterOptions writer_options;
    writer_options.fresh = options.full;
    // Writers at work together share one writer's pending commit (Xapian holds it in memory), so
    // memory does not grow with the cores; not below a first build's shards' 500 stories.
    const unsigned threads = shard_threads(options, count);
    writer_options.batch_documents = std::max<std::size_t>(500, writer_options.batch_documents / threads);
    writer_options.batch_bytes = std::max<std::size_t>(2u << 20, writer_options.batch_bytes / threads);
    // Every shard's copy finder memo lives the whole run: they share one budget.
    writer_options.memo_bands = WriterOptions::kMemoBandsBudget / std::max<std::size_t>(count, 1);
    std::vector<IndexWriter> shards;
    shards.reserve(count);
    for (const std::string& path : shard_paths(dir, count)) shards.emplace_back(path, writer_options);
    return shards;
}

void index_into_shards(std::vector<IndexWriter>& shards, const Discovery& found, const IndexOptions& options,
                       RunSummary& summary, std::ostream& out, std::ostream& err, bool err_is_terminal) {
    const std::size_t count = shards.size();
    RunPlan plan;
    {
        // One plan against every shard's records, as against one index's.
        std::map<std::string, FileRecord> all;
        for (const IndexWriter& shard : shards) all.insert(shard.records().begin(), shard.records().end());
        plan = plan_run(found, all, options);
    }
    summary.files_unchanged += plan.unchanged;
    summary.files_skipped += plan.skipped;
    summary.files_still_failing += plan.still_failing;

    std::vector<std::string> refusals = plan.prune.refusals;
    if (options.prune && !options.dry_run) {
        for (std::size_t i = 0; i < count; ++i) {
            auto mine = shard_share_refusals(shards[i].records(), found, options.prune_policy, shard_name(i));
            refusals.insert(refusals.end(), mine.begin(), mine.end());
        }
    }
    for (const std::string& why : refusals) err << "dateline-index: nothing pruned: " << why << ".\n";
    summary.prune_refused = !refusals.empty();

    std::vector<RunPlan> parts(count);
    for (FileTask& task : plan.read) parts[shard_of(task.file.path, count)].read.push_back(std::move(task));
    if (refusals.empty()) {
        for (const std::string& path : plan.prune.remove) parts[shard_of(path, count)].prune.remove.push_back(path);
    }

    FileProcessor processor(options);
    Progress progress(err, err_is_terminal, options.quiet, plan.read.size());
    std::vector<RunSummary> per_shard(count);
    const unsigned threads = shard_threads(options, count);
    if (threads > 1) {
        SharedRun run{{}, summary, progress, out, err};
        write_in_parallel(shards, parts, threads, processor, run, per_shard, plan.read.size());
    } else {
        std::size_t files_before = 0;
        for (std::size_t i = 0; i < count && !stop_requested(); ++i) {
            progress.set_done_before(files_before, summary.articles_read);
            execute_plan(parts[i], &shards[i], options, per_shard[i], progress, out, err);
            files_before += parts[i].read.size();
            summary.articles_read += per_shard[i].articles_read;
        }
        summary.articles_read = 0;  // counted again below, with the rest
    }

    if (stop_requested()) summary.interrupted = true;
    // A --full run puts its rebuilt shards in place only together, and only when it ran to the
    // end and found stories; else every shard stays as it was (IndexWriter::rebuilding).
    bool rebuilding = false;
    std::size_t rebuilt = 0;
    for (IndexWriter& shard : shards) {
        rebuilding |= shard.rebuilding();
        if (!shard.closed()) rebuilt += shard.document_count();
    }
    if (rebuilding && (summary.interrupted || rebuilt == 0)) {
        for (IndexWriter& shard : shards) shard.close();
        summary.rebuild_kept = true;
    }

    summary.documents = 0;
    for (std::size_t i = 0; i < count; ++i) {
        // Counted from what was committed: a one-shard folder's first build on several cores
        // goes through a merge that leaves its writer closed (IndexWriter::merge_shards); a
        // rebuilt shard is counted where it is written, before it is put in place.
        per_shard[i].documents = shards[i].closed() ? Xapian::Database(shards[i].path()).get_doccount()
                                                    : shards[i].document_count();
        summary.add_file_counts(per_shard[i]);
        summary.files_vanished += per_shard[i].files_vanished;
        summary.documents += per_shard[i].documents;
        if (!options.quiet) err << shard_line(shard_name(i), per_shard[i]) << "\n";
    }
    if (!summary.interrupted && !summary.rebuild_kept && !options.dry_run) compact_fresh_shards(shards, threads, err);
}

}  // namespace dateline
