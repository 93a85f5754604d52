// ShardFolder: an index kept as N shards in one folder (dateline-index --shards N).
//
//   DIR/XAPIANDB   a Xapian stub file, one "auto shard-XX" line per shard: Xapian itself
//                  (Xapian::Database(DIR), quest -d DIR, xapian-delve DIR) and the searchers open
//                  the shards as one database through it.
//   DIR/shard-00   each a complete Dateline index (schema version, file records, added stamps),
//   DIR/shard-01   written by its own IndexWriter under its own write lock, searchable alone.
//   ...
//
// A file goes to shard shard_of(path, N), a stable hash of the path the index records for it:
// all of a file's articles are in one shard, and the file stays in that shard from run to run,
// so an incremental run finds its record (and its articles) where it left them. The count is
// fixed when the folder is made (the stub says it): a later run takes it from there, and a run
// asking for another count is refused, as is --shards on a single index (a shard folder is made
// by indexing into a new or empty folder; nothing is ever converted behind the user's back).
//
// The stub is written first (atomically: a temporary file renamed), before any shard exists, so
// a folder holding shards always says how many it has; a run killed before the shards were
// made leaves a stub whose shards the next run makes.
//
// Stateless functions; safe from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace dateline {

inline constexpr const char* kStubFileName = "XAPIANDB";
// Shard names have two digits.
inline constexpr std::size_t kMaxShards = 100;

// "shard-07" for 7.
std::string shard_name(std::size_t index);

// The shard of the file the index records as `path`, of `count`: FNV-1a (text::hash64) of the
// path, its halves folded, modulo the count. Never change it: files would leave their shards.
std::size_t shard_of(const std::string& path, std::size_t count);

// True when `dir` holds a stub file (kStubFileName).
bool is_shard_folder(const std::filesystem::path& dir);

// The number of shards the stub in `dir` lists. Throws IndexUnusable when the stub is not one
// Dateline writes ("auto shard-00", "auto shard-01", ... in order, nothing else).
std::size_t read_shard_count(const std::filesystem::path& dir);

// The shard count of a run on `db` asked for `requested` shards (0: --shards not given):
// the folder's own count when `db` is a shard folder (refused, with IndexUnusable naming both
// counts, when `requested` differs), `requested` for a new or empty folder, and 0 when `db` is
// to stay a single index. Refuses --shards on a single index or on a folder holding anything
// else, and a count over kMaxShards.
std::size_t plan_shard_count(const std::string& db, std::size_t requested);

// Makes the shard folder `db` (its parent must exist) with a stub for `count` shards, unless it
// has one. Returns the folder (symbolic links resolved). Throws IndexUnusable.
std::filesystem::path make_shard_folder(const std::string& db, std::size_t count);

// The folders of the `count` shards of `dir`, in order.
std::vector<std::string> shard_paths(const std::filesystem::path& dir, std::size_t count);

}  // namespace dateline
