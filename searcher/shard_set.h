// ShardSet: the open handles on every shard --db names (shard_list.h), and the one
// Xapian::Database that searches them together.
//
// Each shard is opened on its own, so that one that cannot be opened (a folder gone, a server
// down or not answering within the timeouts) is left out and named as missing while the rest
// answer; only when none opens is the set unusable. Local shards are opened read-only, remote
// ones with Xapian::Remote::open, whose timeouts bound every wait: connecting, and each reply
// of a search. Every shard must carry a Dateline schema version the searcher reads (a remote
// one too: its metadata is read over the connection).
//
// refresh() before each use sees what changed since: a stub file edited (its content), a
// local shard replaced by a new copy (the inode of its version file, as scripts/nightly swaps
// in a compacted one), new commits (Xapian's reopen), and, at most every retry_missing(), tries
// the missing shards again, so a server back up is searched again without a restart but a
// server down does not cost a connect timeout on every query. A local shard caught while
// dateline-index moves a new database in (no version file for a few milliseconds) is answered
// from the revision held open, and one opened then is waited for (up to two seconds).
//
// Not thread-safe: each Searcher has its own.
#pragma once

#include <xapian.h>

#include <chrono>
#include <string>
#include <vector>

#include "shard_list.h"

namespace dateline {

struct RemoteTimeouts {
    unsigned connect_ms = 2000;  // to connect to a shard's server
    unsigned reply_ms = 5000;    // for any one reply of an open connection (its greeting too)
};

// The defaults, or $DATELINE_REMOTE_CONNECT_MS and $DATELINE_REMOTE_TIMEOUT_MS when set to a
// number of milliseconds.
RemoteTimeouts remote_timeouts_from_env();

class ShardSet {
public:
    // How long a missing shard is left alone before a query tries it again (default 10 s;
    // $DATELINE_REMOTE_RETRY_MS sets it).
    static std::chrono::milliseconds retry_missing();

    // Opens every shard of `db_path`; throws IndexUnusable (the path missing, a stub that
    // cannot be read, a shard of another schema version, no shard opened).
    explicit ShardSet(std::string db_path, RemoteTimeouts timeouts = remote_timeouts_from_env());

    // The database of every open shard.
    const Xapian::Database& db() const { return db_; }
    // The names (stub lines) of the shards left out, in stub order.
    std::vector<std::string> missing() const;
    // True when an open shard is remote: the search must then use only what Xapian's server
    // runs (no custom match spy or posting source; remote_counts.h).
    bool has_remote() const;
    // The open local shards together (an empty database when there is none), and each open
    // remote shard alone: RemoteCounts counts each of these apart (remote_counts.h says why).
    Xapian::Database local_db() const;
    std::vector<Xapian::Database> remote_dbs() const;
    // Every open shard alone, in stub order.
    std::vector<Xapian::Database> shard_dbs() const;
    // The folder of the one shard, when the set is a single local index; "" otherwise.
    std::string single_local_path() const;
    // Names the state of every shard (identity and revision), for the response cache; "" when
    // it cannot be named (a remote shard, whose revision Xapian does not tell, or one missing).
    std::string state() const;

    // Sees changes since the last call (see above). Returns true when the database was opened
    // again (db() is then a new handle). Throws IndexUnusable like the constructor.
    bool refresh();

    // After a Xapian::NetworkError: connects again to every remote shard, leaving out those
    // that do not answer. Throws IndexUnusable when no shard is left.
    void reconnect();

private:
    struct Shard {
        ShardSpec spec;
        Xapian::Database db;
        bool open = false;
        unsigned long long identity = 0;  // local: inode of iamglass when opened
    };
    void open_all();       // reads the stubs and opens every shard; throws when none opens
    void open_all_once();
    void open_shards(const std::vector<Shard*>& shards);
    void open_shard(Shard& shard);
    void combine();
    std::string read_stubs() const;

    std::string path_;
    RemoteTimeouts timeouts_;
    std::vector<Shard> shards_;
    std::vector<std::string> stubs_;
    std::string stub_content_;  // every stub file's content, as last read
    Xapian::Database db_;
    std::chrono::steady_clock::time_point last_try_;
    // When refresh() first found a shard being swapped (no version file), or the epoch: a swap
    // takes milliseconds, so one that lasts seconds is a killed run's and waited for no more.
    std::chrono::steady_clock::time_point swap_seen_{};
};

}  // namespace dateline
