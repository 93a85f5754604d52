// The indexing run: discover -> compare with the index's records -> read, analyse and build
// documents on worker threads -> write on one thread, in file order, committing in batches ->
// prune vanished files, as prune_plan.h allows -> summary.
//
// Workers (IndexOptions::jobs, default all cores) each own a DocumentBuilder; the EntityExtractor
// is shared (it is const). Results are applied in the order of the sorted file list, so two runs
// over the same files produce the same document ids; at most a few files per worker are in
// flight, and a streamed file's articles come in batches (file_processor.h) of which at most two
// per file wait to be written, so memory stays bounded whatever the archive's or a file's size.
//
// request_stop() (from a SIGINT/SIGTERM handler) makes the run stop taking new files, write what
// is done, commit and return with `interrupted` set.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "index_options.h"

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
};

// Runs one indexing run. Per-file problems go to `err` (path, line, reason); dry-run JSON goes
// to `out`. Throws IndexUnusable when the index cannot be opened.
RunSummary run_index(const IndexOptions& options, std::ostream& out, std::ostream& err, bool err_is_terminal);

// The one line a run ends with.
std::string summary_line(const RunSummary& s, bool dry_run);

// Async-signal-safe: asks the current run to stop after committing what is done.
void request_stop();
bool stop_requested();

struct FileResult;
struct FileBatch;
class IndexWriter;
// Writes one processed file (or prints it, in a dry run) and counts it in `summary`; reports a
// failed or skipped file, and the records skipped in a file read, on `err`. `writer` is null in
// dry runs.
void apply_result(FileResult& result, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                  std::ostream& out, std::ostream& err);
// Writes (or prints) a batch of a file's articles handed on before its result; apply_result of
// the same file follows.
void apply_batch(FileBatch& batch, IndexWriter* writer, const IndexOptions& options, RunSummary& summary,
                 std::ostream& out);

}  // namespace dateline
