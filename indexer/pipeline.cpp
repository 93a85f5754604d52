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

    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace dateline
