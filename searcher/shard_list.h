// ShardList: what --db names, read as the list of shards to search together.
//
// --db X is one of:
//   - an index folder (it holds iamglass): one local shard;
//   - a folder holding a Xapian stub file named XAPIANDB (what `dateline-index --shards N`
//     writes beside its shard-00 .. shard-NN): that stub;
//   - a stub file of any name.
// A stub file lists one shard a line, as Xapian's own stub files do:
//   auto PATH          a local index (or another stub, read in its turn), PATH relative to the
//                      stub's folder unless absolute
//   glass PATH         the same, for a glass index
//   remote HOST:PORT   an index served by `xapian-tcpsrv --port PORT INDEX` on HOST (the port
//                      follows the last ':', so "[::1]:7001" and "::1:7001" name IPv6 hosts)
// Blank lines and lines starting with '#' are skipped. Anything else (a chert or in-memory
// database, a remote program "remote :PROG") is refused with the file and line, since Dateline
// cannot search it. Xapian could open the stub itself, but then one shard that cannot be reached
// fails the whole search, and which one it was is lost: Dateline opens each shard on its own
// (shard_set.h).
//
// Each shard keeps its stub line ("remote 10.0.0.7:7001", "auto shard-02") as its name: that is
// how a missing shard is reported, in the words of the file the user wrote.
#pragma once

#include <string>
#include <vector>

namespace dateline {

struct ShardSpec {
    enum class Kind { local, remote };
    Kind kind = Kind::local;
    std::string name;  // the stub line, trimmed; for a plain index folder, its path
    std::string path;  // local: the folder, the stub's folder prepended to a relative PATH
    std::string host;  // remote
    unsigned port = 0;  // remote
};

struct ShardList {
    std::vector<ShardSpec> shards;
    // The stub files read (the outer one first, then those an `auto` line named); empty for a
    // plain index folder. A change of any of them changes the set (Searcher::refresh).
    std::vector<std::string> stubs;
};

// Reads `db_path`. Throws IndexUnusable when it does not exist, when a stub line cannot be
// read (naming the file, the line number and the line), when a stub lists no shard, or when
// stubs name each other in a loop.
ShardList read_shard_list(const std::string& db_path);

// The stub file `db_path` stands for ("X/XAPIANDB" for a folder holding one, X for a file), or
// "" for an index folder.
std::string stub_file_of(const std::string& db_path);

}  // namespace dateline
