#include "pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "article_json.h"
#include "dates.h"
#include "discovery.h"
#include "document_builder.h"
#include "file_loader.h"
#include "index_writer.h"
#include "progress.h"
#include "text.h"

namespace dateline {
namespace {

std::atomic<bool> g_stop{false};

enum class FileState { new_file, changed, touched, failed, not_article };

struct Task {
    DiscoveredFile file;
    std::optional<FileRecord> previous;
};

struct Result {
    FileRecord record;
    FileState state = FileState::new_file;
    bool was_new = true;
    std::vector<BuiltArticle> built;
    std::vector<Article> articles;  // dry run only
    std::string error;              // non-empty: the file failed
};

// One worker's processing of one file: everything but writing.
Result process(const Task& task, const IndexOptions& options, const EntityExtractor& extractor,
               DocumentBuilder& builder) {
    Result r;
    r.record.path = task.file.path;
    r.record.size = task.file.size;
    r.record.mtime_ns = task.file.mtime_ns;
    r.was_new = !task.previous.has_value();
    std::string data;
    try {
        data = load_file(task.file.path);
    } catch (const LoadError& e) {
        r.error = e.what();
        r.state = FileState::failed;
        return r;
    }
    r.record.content_hash = text::hash_hex(data);
    if (task.previous && !task.previous->failed && task.previous->content_hash == r.record.content_hash &&
        !options.full) {
        r.state = FileState::touched;
        return r;
    }
    const Reader* reader = options.format == "auto" ? detect_reader(task.file.path, std::string_view(data).substr(0, 65536))
                                                    : reader_named(options.format);
    if (!reader) {
        r.error = "not a format Dateline reads (use --format to choose one)";
        r.state = FileState::failed;
        return r;
    }
    SourceFile source{task.file.path, std::move(data)};
    auto emit = [&](Article&& a) {
        a.source_path = task.file.path;
        extract_entities(a, extractor, options.extract);
        assign_id(a);
        if (options.dry_run) {
            r.articles.push_back(std::move(a));
        } else {
            BuiltArticle b;
            b.id_term = DocumentBuilder::id_term(a);
            b.text_bytes = a.title.size() + a.body.size();
            b.doc = builder.build(a);
            r.built.push_back(std::move(b));
        }
    };
    try {
        reader->read(source, options.reader, emit);
        r.state = r.was_new ? FileState::new_file : FileState::changed;
        if (r.built.empty() && r.articles.empty()) {
            r.error = "no articles found in the file";
            r.state = FileState::failed;
        }
    } catch (const NotAnArticle& e) {
        r.error = e.what();
        r.state = FileState::not_article;
    } catch (const ReadError& e) {
        r.error = (e.line() ? "line " + std::to_string(e.line()) + ": " : std::string()) + e.what();
        r.state = FileState::failed;
    } catch (const std::exception& e) {
        // A reader bug must not take the run down: the file is reported like any bad file.
        r.error = std::string("could not be read (") + e.what() + ")";
        r.state = FileState::failed;
    }
    return r;
}

bool under_roots(const std::string& path, const std::vector<std::string>& roots) {
    for (const std::string& root : roots) {
        if (path == root) return true;
        if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
            (root.back() == '/' || path[root.size()] == '/'))
            return true;
    }
    return false;
}

// Work handed out in file order and results applied in the same order, with at most `window`
// files in flight.
class OrderedWork {
public:
    OrderedWork(std::size_t count, std::size_t window) : results_(count), window_(window) {}

    // The next task index for a worker, or nullopt when there is none (or the run stops).
    std::optional<std::size_t> take() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return next_ >= results_.size() || g_stop || next_ < applied_ + window_; });
        if (next_ >= results_.size() || g_stop) return std::nullopt;
        ++taken_;
        return next_++;
    }

    void put(std::size_t index, Result&& r) {
        {
            std::lock_guard lock(mutex_);
            results_[index] = std::move(r);
        }
        cv_.notify_all();
    }

    // The result for `index`, waiting for it; nullopt when the run stopped before it was taken.
    std::optional<Result> wait_for(std::size_t index) {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return results_[index].has_value() || (g_stop && index >= taken_); });
        if (!results_[index]) return std::nullopt;
        Result r = std::move(*results_[index]);
        results_[index].reset();
        applied_ = index + 1;
        lock.unlock();
        cv_.notify_all();
        return r;
    }

    void wake_all() { cv_.notify_all(); }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::optional<Result>> results_;
    std::size_t window_;
    std::size_t next_ = 0;
    std::size_t taken_ = 0;
    std::size_t applied_ = 0;
};

}  // namespace

void request_stop() { g_stop = true; }

RunSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal) {
    auto start = std::chrono::steady_clock::now();
    g_stop = false;
    RunSummary summary;

    Discovery found = discover(options.paths);
    summary.files_skipped += found.ignored;
    for (const DiscoveryProblem& p : found.problems) {
        err << "dateline-index: " << p.path << ": " << p.reason << "\n";
        ++summary.files_failed;
    }

    std::optional<IndexWriter> writer;
    if (!options.dry_run) writer.emplace(options.db, options.full);

    // Compare with the index's records: only new, changed and failed-and-retried files are read.
    std::vector<Task> tasks;
    for (const DiscoveredFile& f : found.files) {
        std::optional<FileRecord> previous;
        if (writer && !options.full) {
            auto it = writer->records().find(f.path);
            if (it != writer->records().end()) previous = it->second;
        }
        if (previous && previous->size == f.size && previous->mtime_ns == f.mtime_ns) {
            if (!previous->failed) {
                ++(previous->reason.empty() ? summary.files_unchanged : summary.files_skipped);
                continue;
            }
            if (!options.retry_failed) { ++summary.files_still_failing; continue; }
        }
        tasks.push_back({f, previous});
    }
    std::vector<std::string> vanished;
    if (writer && options.prune) {
        std::set<std::string> present;
        for (const DiscoveredFile& f : found.files) present.insert(f.path);
        for (const auto& [path, record] : writer->records()) {
            if (under_roots(path, found.roots) && !present.count(path)) vanished.push_back(path);
        }
    }

    EntityExtractor extractor;
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    OrderedWork work(tasks.size(), std::size_t{4} * jobs);
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < std::min<std::size_t>(jobs, tasks.size()); ++w) {
        workers.emplace_back([&] {
            DocumentBuilder builder;
            while (auto index = work.take()) {
                work.put(*index, process(tasks[*index], options, extractor, builder));
            }
        });
    }

    Progress progress(err, err_is_terminal, options.quiet, tasks.size());
    std::size_t done = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        std::optional<Result> r = work.wait_for(i);
        if (!r) {
            summary.interrupted = true;
            break;
        }
        if (r->state == FileState::failed) {
            ++summary.files_failed;
            progress.finish();
            err << "dateline-index: " << r->record.path << ": " << r->error << "\n";
            r->record.reason = r->error;
            if (writer) writer->record_failure(r->record);
        } else if (r->state == FileState::not_article) {
            // Remembered (with its reason) so the next run does not read it again until it changes.
            ++summary.files_skipped;
            if (!options.quiet) {
                progress.finish();
                err << "dateline-index: " << r->record.path << ": skipped, " << r->error << "\n";
            }
            r->record.reason = r->error;
            if (writer) writer->apply_file(r->record, r->built);
        } else if (r->state == FileState::touched) {
            ++summary.files_touched;
            if (writer) writer->record_touch(r->record);
        } else {
            ++summary.files_read;
            ++(r->was_new ? summary.files_new : summary.files_changed);
        }
        summary.articles_read += r->built.size() + r->articles.size();
        if (options.dry_run) {
            for (const Article& a : r->articles) {
                if (options.json) out << to_json(a).dump() << "\n";
                else out << a.id << "\t" << (a.published ? dates::to_iso8601(*a.published) : std::string("-")) << "\t" << a.title << "\n";
            }
        } else if (writer && (r->state == FileState::new_file || r->state == FileState::changed)) {
            ApplyCounts c = writer->apply_file(r->record, r->built);
            summary.articles_added += c.added;
            summary.articles_replaced += c.replaced;
            summary.articles_removed += c.removed;
        }
        ++done;
        progress.update(done, summary.articles_read);
    }
    if (g_stop) summary.interrupted = true;
    work.wake_all();
    for (std::thread& t : workers) t.join();
    progress.finish();

    if (writer) {
        if (!summary.interrupted) {
            for (const std::string& path : vanished) {
                ApplyCounts c = writer->remove_file(path);
                summary.articles_removed += c.removed;
                ++summary.files_vanished;
            }
        }
        writer->commit();
        summary.documents = writer->document_count();
    }
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

std::string summary_line(const RunSummary& s, bool dry_run) {
    char line[512];
    double rate = s.seconds > 0 ? static_cast<double>(s.articles_read) / s.seconds : 0;
    if (dry_run) {
        std::snprintf(line, sizeof line, "dry run: %zu files read, %zu articles parsed, %zu files failed, %.2f s, %.0f articles/s",
                      s.files_read, s.articles_read, s.files_failed, s.seconds, rate);
        return line;
    }
    std::snprintf(line, sizeof line,
                  "%zu files read (%zu new, %zu changed), %zu unchanged, %zu touched, %zu vanished, %zu skipped, %zu failed; "
                  "%zu articles indexed (%zu added, %zu replaced), %zu removed; %zu documents in the index; "
                  "%.2f s, %.0f articles/s%s",
                  s.files_read, s.files_new, s.files_changed, s.files_unchanged, s.files_touched, s.files_vanished,
                  s.files_skipped, s.files_failed, s.articles_added + s.articles_replaced, s.articles_added, s.articles_replaced,
                  s.articles_removed, s.documents, s.seconds, rate, s.interrupted ? " (interrupted: run again to finish)" : "");
    return line;
}

}  // namespace dateline
