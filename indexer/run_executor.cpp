#include "run_executor.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "file_applier.h"
#include "ordered_work.h"
#include "progress.h"
#include "run_stop.h"
#include "sharded_build.h"

namespace dateline {
namespace {

// The plan's files on `jobs` workers, applied in file order by this thread.
void read_in_order(const std::vector<FileTask>& tasks, unsigned jobs, const FileProcessor& processor,
                   FileApplier& applier, Progress& progress, RunSummary& summary) {
    OrderedWork work(tasks.size(), std::size_t{4} * jobs);
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < std::min<std::size_t>(jobs, tasks.size()); ++w) {
        workers.emplace_back([&] {
            DocumentBuilder builder;
            while (auto index = work.take()) {
                auto hand_on = [&, i = *index](FileBatch&& batch) { work.put_batch(i, std::move(batch)); };
                work.put(*index, processor.process(tasks[*index], builder, hand_on));
            }
        });
    }
    std::size_t done = 0;
    try {
        for (std::size_t i = 0; i < tasks.size() && !summary.interrupted; ++i) {
            for (;;) {
                auto piece = work.wait_for(i);
                if (FileBatch* batch = std::get_if<FileBatch>(&piece)) {
                    applier.apply(*batch);
                    progress.update(done, summary.articles_read);
                    continue;
                }
                FileResult* r = std::get_if<FileResult>(&piece);
                if (!r) {
                    summary.interrupted = true;
                    break;
                }
                if (r->state == FileState::failed || r->state == FileState::not_article || r->warning_count) progress.finish();
                applier.apply(*r);
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
    if (stop_requested()) summary.interrupted = true;
    work.wake_all();
    for (std::thread& t : workers) t.join();
    progress.finish();
}

// The vanished files' articles, when the prune guard allows it; or why it does not, on `err`.
void prune(const PrunePlan& plan, IndexWriter& writer, RunSummary& summary, std::ostream& err) {
    for (const std::string& path : plan.remove) {
        ApplyCounts c = writer.remove_file(path);
        summary.articles_removed += c.removed;
        ++summary.files_vanished;
    }
    for (const std::string& why : plan.refusals) {
        err << "dateline-index: nothing pruned: " << why << ".\n";
    }
    summary.prune_refused = !plan.refusals.empty();
}

}  // namespace

void execute_plan(const RunPlan& plan, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                  std::ostream& out, std::ostream& err, bool err_is_terminal) {
    Progress progress(err, err_is_terminal, options.quiet, plan.read.size());
    execute_plan(plan, writer, options, summary, progress, out, err);
}

void execute_plan(const RunPlan& plan, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                  Progress& progress, std::ostream& out, std::ostream& err) {
    summary.files_unchanged += plan.unchanged;
    summary.files_skipped += plan.skipped;
    summary.files_still_failing += plan.still_failing;

    FileProcessor processor(options);
    unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());

    if (writer && writer->started_empty() && jobs > 1 && plan.read.size() > 1) {
        // A first build: one shard per core, written in parallel, then merged (sharded_build.h).
        run_sharded_build(*writer, plan.read, jobs, processor, progress, summary, out, err);
        return;
    }

    FileApplier applier(writer, options, summary, out, err);
    read_in_order(plan.read, jobs, processor, applier, progress, summary);
    if (!writer) return;
    if (!summary.interrupted) prune(plan.prune, *writer, summary, err);
    writer->finish_run();
    summary.documents = writer->document_count();
}

}  // namespace dateline
