// FileApplier: a processed file (file_processor.h) written into the index, or printed in a dry
// run, and counted in the run's summary.
//
// What a reader skipped or repaired in a file it read, a failed file and a file that is not an
// article are reported on `err`, one line each, naming the file (and the line). A dry run has no
// writer: its articles are printed on `out`, a line each (id, date, title) or, with --json, one
// JSON object each.
//
// Not thread-safe: one per writer thread (a shard of a first build has its own).
#pragma once

#include <ostream>

#include "file_processor.h"
#include "index_options.h"
#include "index_writer.h"
#include "run_summary.h"

namespace dateline {

class FileApplier {
public:
    // `writer` is null in a dry run.
    FileApplier(IndexWriter* writer, const IndexOptions& options, RunSummary& summary, std::ostream& out,
                std::ostream& err);

    // A batch of a file's articles handed on before its result; apply(result) of the same file
    // follows.
    void apply(FileBatch& batch);

    // A file's outcome: its last articles and its record.
    void apply(FileResult& result);

private:
    void print(const std::vector<Article>& articles);
    void count(const ApplyCounts& counts);

    IndexWriter* writer_;
    const IndexOptions& options_;
    RunSummary& summary_;
    std::ostream& out_;
    std::ostream& err_;
};

}  // namespace dateline
