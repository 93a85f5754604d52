// The indexing run, top to bottom: open the index -> discover the files -> plan what to do with
// each (run_plan.h: new, modified, unchanged, vanished; what the prune guard lets go) -> carry
// the plan out (run_executor.h: read, analyse and build on worker threads, write on one thread
// in file order, prune, commit) -> the summary (run_summary.h).
//
// request_stop() (run_stop.h, from a SIGINT/SIGTERM handler) makes the run stop taking new
// files, write what is done, commit and return with `interrupted` set.
#pragma once

#include <ostream>

#include "index_options.h"
#include "run_stop.h"
#include "run_summary.h"

namespace dateline {

// Runs one indexing run. Per-file problems go to `err` (path, line, reason); dry-run articles go
// to `out`. Throws IndexUnusable when the index cannot be opened.
RunSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal);

}  // namespace dateline
