// RunSummary: what an indexing run did, counted as it goes, and the one line it ends with.
#pragma once

#include <cstddef>
#include <string>

namespace dateline {

struct RunSummary {
    std::size_t files_new = 0;
    std::size_t files_changed = 0;
    std::size_t files_touched = 0;     // time stamp moved, content the same
    std::size_t files_unchanged = 0;
    std::size_t files_vanished = 0;
    std::size_t files_failed = 0;      // failed in this run
    std::size_t files_still_failing = 0;  // failed before, unchanged, not retried
    std::size_t files_skipped = 0;     // read, but not articles (NotAnArticle), or ignored by name
    std::size_t files_read = 0;
    std::size_t files_read_in_part = 0;  // read, with bad records skipped or damaged markup recovered
    std::size_t problems = 0;            // those records and damaged spots, each named on `err`
    std::size_t articles_read = 0;
    std::size_t articles_added = 0;
    std::size_t articles_replaced = 0;
    std::size_t articles_unchanged = 0;  // in changed files, as they were: not rewritten
    std::size_t articles_removed = 0;
    std::size_t documents = 0;         // in the index after the run
    double seconds = 0;
    bool interrupted = false;
    bool prune_refused = false;        // the prune guard kept vanished files' articles (prune_plan.h)
    bool rebuild_kept = false;         // --full stopped, or gave no stories: the old index stays as it was

    // Adds the counts of files read and articles written elsewhere (a shard of a first build).
    void add_file_counts(const RunSummary& other);
};

// The one line a run ends with.
std::string summary_line(const RunSummary& s, bool dry_run);

// Why a --full run left the index as it was (RunSummary::rebuild_kept), or "". Printed even
// with --quiet: the run did not do what it was asked.
std::string rebuild_kept_line(const RunSummary& s);

}  // namespace dateline
