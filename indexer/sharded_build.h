// The first build of an index, on every core.
//
// One Xapian database takes one writer, and on a first build writing is most of the work. So
// when the index is empty, the files are split into one contiguous range per core (balanced by
// size), each range is read and written by its own thread into its own shard, and Xapian's
// compactor merges the shards, in range order, into a compact index. Document ids come out in
// file order, as with a single writer. Measured on the Reuters corpus with two cores: about twice
// as fast as one writer, and the result is already compacted.
//
// The index's own lock is held throughout. This file splits the work and runs the threads; the
// index's writer makes the shards and then makes them the index (IndexWriter::open_shards,
// merge_shards: a work folder inside the index folder, the merged database's files put in place
// of the empty one's). A run killed before that leaves the empty index (and its work folder,
// removed by the next run), and the next run starts the build again.
#pragma once

#include <ostream>
#include <vector>

#include "file_processor.h"
#include "index_writer.h"
#include "progress.h"
#include "run_summary.h"

namespace dateline {

// `index` is the writer of an index that started empty. Adds what the build did to `summary`
// (interrupted, when a stop was requested, and the documents in the index). Per-file problems
// go to `err`, a file's lines together.
void run_sharded_build(IndexWriter& index, const std::vector<FileTask>& tasks, unsigned shards,
                       const FileProcessor& processor, Progress& progress, RunSummary& summary, std::ostream& out,
                       std::ostream& err);

}  // namespace dateline
