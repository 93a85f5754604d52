// An indexing run on a shard folder (shard_folder.h): one run, N indexes.
//
// The run opens every shard's writer first (each takes its shard's lock, so a second run on the
// folder is refused as "locked", as on a single index), walks the archive once, and plans once
// against the records of all shards together (run_plan.h): a file is new, modified, unchanged or
// vanished exactly as it would be in one index. The files to read and the vanished files to
// prune then go to their shards (shard_of), and each shard's part is carried out by its own
// writer: its changed files re-indexed, its vanished files pruned, then committed. A run with
// nothing changed writes nothing.
//
// The prune guard is judged for the whole (plan_prune on all records) and for each shard
// (shard_share_refusals); any refusal keeps every vanished file's articles in every shard, as a
// refusal keeps all of them in one index, and the rest of the run is still done.
//
// Shards are written in parallel, one thread per shard (reading and writing its files), up to
// --jobs at a time: writing is most of the work and each shard has its own database, so this is
// the sharded first build (sharded_build.h) without the merge. With one job, or one shard, they
// are written one after the other, each with the whole of a single index's run (reading on worker
// threads, a first build on every core).
//
// A shard that started empty (the folder's first build, or a shard rebuilt by --full) is
// compacted at the end of the run, as a single index's first build comes out of its merge
// compacted: written directly, a shard is nearly twice the size (IndexWriter::compact_first_build).
// A --full run's shards are put in place that way together, and not at all when the run was
// stopped or the archive gave no stories: the folder then stays as it was.
//
// The summary adds up the shards (the documents are those of all shards); with progress on,
// one line a shard follows on `err`. A stop request (run_stop.h) stops every shard after its
// current file: what is done is committed, nothing is pruned.
#pragma once

#include <cstddef>
#include <ostream>
#include <vector>

#include "discovery.h"
#include "index_options.h"
#include "index_writer.h"
#include "run_summary.h"

namespace dateline {

// How many shards are written at once: --jobs (default: the cores), at most the shards.
unsigned shard_threads(const IndexOptions& options, std::size_t count);

// Makes the shard folder options.db (with `count` shards) if needed and opens every shard's
// writer, in order. Writers that work at once share one writer's batch (WriterOptions), so the
// memory of pending commits does not grow with the cores. Throws IndexUnusable (a shard locked,
// damaged, of another schema).
std::vector<IndexWriter> open_shard_writers(const IndexOptions& options, std::size_t count);

// Indexes what discovery `found` into the shards.
void index_into_shards(std::vector<IndexWriter>& shards, const Discovery& found, const IndexOptions& options,
                       RunSummary& summary, std::ostream& out, std::ostream& err, bool err_is_terminal);

}  // namespace dateline
