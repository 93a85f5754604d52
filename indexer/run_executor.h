// Carrying out a RunPlan (run_plan.h): the files to read are read, analysed and built into
// documents on worker threads, and written on one thread, in file order, in the writer's
// batches; then the vanished files the plan allows are pruned and the index is committed.
//
// Workers (IndexOptions::jobs, default all cores) each own a DocumentBuilder and share one
// FileProcessor. Results are applied in the order of the plan's (sorted) file list
// (ordered_work.h), so two runs over the same files produce the same document ids. The first
// build of an empty index on more than one core goes to sharded_build.h instead.
//
// A stop request (run_stop.h) makes the run stop taking new files, write what is done, commit
// and return with `interrupted` set; nothing is pruned then.
#pragma once

#include <ostream>

#include "index_options.h"
#include "index_writer.h"
#include "progress.h"
#include "run_plan.h"
#include "run_summary.h"

namespace dateline {

// Adds what it does to `summary`. `writer` is null in a dry run. Throws what the index throws
// (Xapian::Error: the disk is full, say), after stopping the workers.
void execute_plan(const RunPlan& plan, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                  std::ostream& out, std::ostream& err, bool err_is_terminal);

// The same, drawing on the run's `progress` (a shard of a shard folder, shard_run.h).
void execute_plan(const RunPlan& plan, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                  Progress& progress, std::ostream& out, std::ostream& err);

}  // namespace dateline
