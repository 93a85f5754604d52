#include "pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>
#include <vector>

#include "article_json.h"
#include "dates.h"
#include "file_processor.h"
#include "index_writer.h"
#include "progress.h"
#include "prune_plan.h"
#include "sharded_build.h"

namespace dateline {
namespace {

std::atomic<bool> g_stop{false};

// Work handed out in file order and results applied in the same order, with at most `window`
// files in flight: two runs over the same files give the same document ids, and memory stays
// bounded. A file's batches (handed on before its result) queue in its slot, at most
// kQueuedBatches of them: the worker waits for the writer to reach the file.
class OrderedWork {
public:
    static constexpr std::size_t kQueuedBatches = 2;

    OrderedWork(std::size_t count, std::size_t window) : slots_(count), window_(window) {}

    std::optional<std::size_t> take() {
        std::unique_lock lock(mutex_);
        wait(lock, [&] { return next_ >= slots_.size() || g_stop || next_ < applied_ + window_; });
        if (next_ >= slots_.size() || g_stop) return std::nullopt;
        ++taken_;
        return next_++;
    }

    // A batch of file `index`; throws StopReading when the run is being stopped.
    void put_batch(std::size_t index, FileBatch&& batch) {
        {
            std::unique_lock lock(mutex_);
            wait(lock, [&] { return g_stop || slots_[index].batches.size() < kQueuedBatches; });
            if (g_stop) throw StopReading{};
            slots_[index].batches.push_back(std::move(batch));
        }
        cv_.notify_all();
    }

    void put(std::size_t index, FileResult&& r) {
        {
            std::lock_guard lock(mutex_);
            slots_[index].result = std::move(r);
        }
        cv_.notify_all();
    }

    // The next batch, else the result, of file `index`; monostate when the run stopped before
    // the file was taken.
    std::variant<std::monostate, FileBatch, FileResult> wait_for(std::size_t index) {
        std::unique_lock lock(mutex_);
        Slot& slot = slots_[index];
        wait(lock, [&] { return !slot.batches.empty() || slot.result.has_value() || (g_stop && index >= taken_); });
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

    void wake_all() { cv_.notify_all(); }

private:
    // A stop request comes from a signal handler, which cannot notify: every wait looks at
    // g_stop again now and then, or a writer waiting for a file that no worker will take (and a
    // worker waiting for room) would wait for ever.
    template <typename Ready>
    void wait(std::unique_lock<std::mutex>& lock, Ready ready) {
        while (!cv_.wait_for(lock, std::chrono::milliseconds(200), ready)) {
        }
    }

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

}  // namespace

void request_stop() { g_stop = true; }
bool stop_requested() { return g_stop; }

namespace {

void print_articles(const std::vector<Article>& articles, const IndexOptions& options, std::ostream& out) {
    for (const Article& a : articles) {
        if (options.json) out << to_json(a).dump() << "\n";
        else out << a.id << "\t" << (a.published ? dates::to_iso8601(*a.published) : std::string("-")) << "\t" << a.title << "\n";
    }
}

void add_counts(RunSummary& summary, const ApplyCounts& c) {
    summary.articles_added += c.added;
    summary.articles_replaced += c.replaced;
    summary.articles_unchanged += c.unchanged;
    summary.articles_removed += c.removed;
}

}  // namespace

void apply_batch(FileBatch& batch, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                 std::ostream& out) {
    summary.articles_read += batch.built.size() + batch.articles.size();
    print_articles(batch.articles, options, out);
    if (writer) add_counts(summary, writer->add_articles(batch.path, batch.built));
}

void apply_result(FileResult& r, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                  std::ostream& out, std::ostream& err) {
    // What a reader skipped or repaired and read past: named, counted, and the file is read. A
    // file that gave nothing has its failure to say why instead.
    if (!r.handed_on && (r.state == FileState::failed || r.state == FileState::not_article)) {
        r.warnings.clear();
        r.warning_count = 0;
    }
    for (const auto& [line, why] : r.warnings) {
        err << "dateline-index: " << r.record.path << (line ? ":" + std::to_string(line) : std::string()) << ": " << why << "\n";
    }
    if (r.warning_count > r.warnings.size()) {
        err << "dateline-index: " << r.record.path << ": " << r.warning_count - r.warnings.size() << " more problems like these\n";
    }
    summary.problems += r.warning_count;
    switch (r.state) {
        case FileState::failed:
            ++summary.files_failed;
            err << "dateline-index: " << r.record.path << ": " << r.record.reason << "\n";
            if (writer) writer->record_failure(r.record);
            return;
        case FileState::not_article:
            ++summary.files_skipped;
            if (!options.quiet) err << "dateline-index: " << r.record.path << ": skipped, " << r.record.reason << "\n";
            // Remembered, so the next run does not read it again until it changes.
            if (writer) writer->apply_file(r.record, r.built);
            return;
        case FileState::touched:
            ++summary.files_touched;
            if (writer) writer->record_touch(r.record);
            return;
        case FileState::interrupted:
            summary.interrupted = true;
            return;
        case FileState::new_file:
        case FileState::changed:
            break;
    }
    ++summary.files_read;
    ++(r.state == FileState::new_file ? summary.files_new : summary.files_changed);
    if (r.warning_count) ++summary.files_read_in_part;
    summary.articles_read += r.built.size() + r.articles.size();
    print_articles(r.articles, options, out);
    if (writer) add_counts(summary, writer->apply_file(r.record, r.built));
}

RunSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal) {
    auto start = std::chrono::steady_clock::now();
    g_stop = false;
    RunSummary summary;

    // The index first: a --db that may not be written is refused before the archive is walked.
    std::optional<IndexWriter> writer;
    if (!options.dry_run) {
        WriterOptions writer_options;
        writer_options.fresh = options.full;
        writer.emplace(options.db, writer_options);
    }

    Discovery found = discover(options.paths);
    summary.files_skipped += found.ignored;
    for (const DiscoveryProblem& p : found.problems) {
        err << "dateline-index: " << p.path << ": " << p.reason << "\n";
        ++summary.files_failed;
    }

    // Compare with the index's records: only new, changed and failed-and-retried files are read.
    std::vector<FileTask> tasks;
    for (const DiscoveredFile& f : found.files) {
        std::optional<FileRecord> previous;
        if (writer) {
            auto it = writer->records().find(f.path);
            if (it != writer->records().end()) previous = it->second;
        }
        if (previous && previous->size == f.size && previous->mtime_ns == f.mtime_ns) {
            if (!previous->failed) {
                ++(previous->reason.empty() ? summary.files_unchanged : summary.files_skipped);
                continue;
            }
            if (!options.retry_failed) {
                ++summary.files_still_failing;
                continue;
            }
        }
        tasks.push_back({f, previous});
    }
    PrunePlan prune;
    if (writer && options.prune) prune = plan_prune(writer->records(), found, options.prune_policy);

    EntityExtractor extractor(options.aliases);
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    Progress progress(err, err_is_terminal, options.quiet, tasks.size());

    if (writer && writer->started_empty() && jobs > 1 && tasks.size() > 1) {
        // A first build: one shard per core, written in parallel, then merged (sharded_build.h).
        std::string db = writer->path();
        writer.reset();  // the sharded build takes the index's lock itself
        ShardedBuildResult built = run_sharded_build(db, tasks, jobs, options, extractor, progress, summary, out, err);
        summary.interrupted = built.interrupted;
        summary.documents = built.documents;
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return summary;
    }

    OrderedWork work(tasks.size(), std::size_t{4} * jobs);
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < std::min<std::size_t>(jobs, tasks.size()); ++w) {
        workers.emplace_back([&] {
            DocumentBuilder builder;
            while (auto index = work.take()) {
                auto hand_on = [&, i = *index](FileBatch&& batch) { work.put_batch(i, std::move(batch)); };
                work.put(*index, process_file(tasks[*index], options, extractor, builder, hand_on));
            }
        });
    }
    std::size_t done = 0;
    try {
        for (std::size_t i = 0; i < tasks.size() && !summary.interrupted; ++i) {
            for (;;) {
                auto piece = work.wait_for(i);
                if (FileBatch* batch = std::get_if<FileBatch>(&piece)) {
                    apply_batch(*batch, writer ? &*writer : nullptr, options, summary, out);
                    progress.update(done, summary.articles_read);
                    continue;
                }
                FileResult* r = std::get_if<FileResult>(&piece);
                if (!r) {
                    summary.interrupted = true;
                    break;
                }
                if (r->state == FileState::failed || r->state == FileState::not_article || r->warning_count) progress.finish();
                apply_result(*r, writer ? &*writer : nullptr, options, summary, out, err);
                progress.update(++done, summary.articles_read);
                break;
            }
        }
    } catch (...) {
        // The index failed under the writer (disk full, say): stop the workers before reporting.
        request_stop();
        work.wake_all();
        for (std::thread& t : workers) t.join();
        throw;
    }
    if (g_stop) summary.interrupted = true;
    work.wake_all();
    for (std::thread& t : workers) t.join();
    progress.finish();

    if (writer) {
        if (!summary.interrupted) {
            for (const std::string& path : prune.remove) {
                ApplyCounts c = writer->remove_file(path);
                summary.articles_removed += c.removed;
                ++summary.files_vanished;
            }
            for (const std::string& why : prune.refusals) {
                err << "dateline-index: nothing pruned: " << why << ".\n";
            }
            summary.prune_refused = !prune.refusals.empty();
        }
        writer->commit();
        summary.documents = writer->document_count();
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

std::string summary_line(const RunSummary& s, bool dry_run) {
    char line[640];
    double rate = s.seconds > 0 ? static_cast<double>(s.articles_read) / s.seconds : 0;
    if (dry_run) {
        std::snprintf(line, sizeof line, "dry run: %zu files read, %zu articles parsed, %zu skipped, %zu files failed, %.2f s, %.0f articles/s",
                      s.files_read, s.articles_read, s.files_skipped, s.files_failed, s.seconds, rate);
        return line;
    }
    std::snprintf(line, sizeof line,
                  "%zu files read (%zu new, %zu changed), %zu unchanged, %zu touched, %zu vanished, %zu skipped, %zu failed%s; "
                  "%zu articles indexed (%zu added, %zu replaced), %zu up to date, %zu removed; %zu documents in the index; "
                  "%.2f s, %.0f articles/s%s",
                  s.files_read, s.files_new, s.files_changed, s.files_unchanged, s.files_touched, s.files_vanished,
                  s.files_skipped, s.files_failed,
                  s.files_still_failing ? (" (" + std::to_string(s.files_still_failing) + " still failing, see --status)").c_str() : "",
                  s.articles_added + s.articles_replaced, s.articles_added, s.articles_replaced, s.articles_unchanged,
                  s.articles_removed, s.documents,
                  s.seconds, rate, s.interrupted ? " (interrupted: run again to finish)" : "");
    std::string result = line;
    if (s.files_read_in_part) {
        result += "; " + std::to_string(s.files_read_in_part) + " file" + (s.files_read_in_part == 1 ? "" : "s") +
                  " read in part (" + std::to_string(s.problems) + " bad record" + (s.problems == 1 ? "" : "s") +
                  " or damaged spot" + (s.problems == 1 ? "" : "s") + " skipped, named above)";
    }
    return result;
}

}  // namespace dateline
