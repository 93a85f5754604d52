#include "pipeline.h"

#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "discovery.h"
#include "index_writer.h"
#include "run_executor.h"
#include "run_plan.h"
#include "shard_folder.h"
#include "shard_run.h"

namespace dateline {
namespace {

// A --full run by one writer puts its new index in place only when it ran to the end and holds
// stories (a first build on every core decides the same in run_sharded_build).
void finish_rebuild(IndexWriter& writer, RunSummary& summary) {
    if (writer.closed()) return;  // ended by run_sharded_build
    if (!summary.interrupted && writer.document_count() > 0 && writer.compact_first_build()) return;
    writer.close();
    summary.rebuild_kept = true;
    summary.documents = Xapian::Database(writer.path()).get_doccount();
}

}  // namespace

RunSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal) {
    auto start = std::chrono::steady_clock::now();
    clear_stop_request();
    RunSummary summary;

    // The index first: a --db that may not be written is refused before the archive is walked.
    // A shard folder (shard_folder.h), or --shards, takes the shards' writers instead.
    std::optional<IndexWriter> writer;
    std::vector<IndexWriter> shards;
    if (!options.dry_run) {
        if (std::size_t count = plan_shard_count(options.db, options.shards)) {
            shards = open_shard_writers(options, count);
        } else {
            WriterOptions writer_options;
            writer_options.fresh = options.full;
            writer.emplace(options.db, writer_options);
        }
    }

    Discovery found = discover(options.paths);
    summary.files_skipped += found.ignored;
    for (const DiscoveryProblem& p : found.problems) {
        err << "dateline-index: " << p.path << ": " << p.reason << "\n";
        ++summary.files_failed;
    }

    if (!shards.empty()) {
        index_into_shards(shards, found, options, summary, out, err, err_is_terminal);
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return summary;
    }
    static const std::map<std::string, FileRecord> no_records;  // a dry run compares with nothing
    RunPlan plan = plan_run(found, writer ? writer->records() : no_records, options);
    execute_plan(plan, writer ? &*writer : nullptr, options, summary, out, err, err_is_terminal);
    if (writer && writer->rebuilding()) finish_rebuild(*writer, summary);

    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace dateline
