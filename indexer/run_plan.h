// RunPlan: what a run does with each file it found, decided before any file is read, from what
// discovery saw (path, size, modification time) and the index's records of the files it read.
//
//   new        no record: read; its articles are added.
//   modified   size or time differs from the record: read, and its content hash decides
//              (file_processor.h): changed (its articles replace the old ones) or touched (the
//              content is the same; only the new time is recorded).
//   unchanged  same size and time: not read. Of these, a file recorded as not an article counts
//              as skipped, and one recorded as failed as still failing, unless --retry-failed
//              reads it again.
//   vanished   recorded under one of the run's roots and not found: pruned as far as the prune
//              guard allows (prune_plan.h); nothing is pruned with --no-prune or in a dry run.
//
// With --full the run writes a new index (beside the old one, index_writer.h), so there are no
// records and every file is new; a dry run has no index to compare with either.
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "discovery.h"
#include "file_processor.h"
#include "index_options.h"
#include "index_writer.h"
#include "prune_plan.h"

namespace dateline {

struct RunPlan {
    // The files to read, in discovery's order (sorted by path): new ones (no `previous`),
    // modified ones and failed ones retried.
    std::vector<FileTask> read;
    std::size_t unchanged = 0;      // not read: as they were, articles and all
    std::size_t skipped = 0;        // not read: as they were, and not articles
    std::size_t still_failing = 0;  // not read: as they were when they failed
    PrunePlan prune;                // the vanished files whose articles go, or why none go
};

RunPlan plan_run(const Discovery& found, const std::map<std::string, FileRecord>& records, const IndexOptions& options);

}  // namespace dateline
