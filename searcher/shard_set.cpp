#include "shard_set.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <sys/stat.h>
#include <thread>

#include "index_error.h"
#include "schema.h"

namespace dateline {
namespace {

// Identifies a local shard folder's current contents: a compacted copy renamed into place has
// a new version file, so a new inode.
unsigned long long index_identity(const std::string& path) {
    struct stat st {};
    if (::stat((path + "/iamglass").c_str(), &st) != 0) return 0;
    return static_cast<unsigned long long>(st.st_ino);
}

// How long a search waits for a swap (below), or for a replica's stub switch, to end: either
// takes milliseconds.
constexpr std::chrono::milliseconds kSwapWait{2000};

// True while dateline-index moves a new database's files into the folder (a first build's
// merge, a --full rebuild, a shard's compaction: indexer/index_folder.h): it takes the version
// file away first and brings it back last, so for those milliseconds the folder holds tables
// and no iamglass.
bool being_swapped(const std::string& path) {
    std::error_code ec;
    return !std::filesystem::exists(path + "/iamglass", ec) && std::filesystem::exists(path + "/postlist.glass", ec);
}

// Opens a local index read-only, waiting out a swap in progress (up to two seconds; a swap
// takes milliseconds) rather than failing a search that happens to start during one. Its
// identity is taken before it is opened: a swap in between makes the next refresh reopen it,
// never keep an old revision under a new identity.
Xapian::Database open_local(const std::string& path, unsigned long long& identity) {
    auto until = std::chrono::steady_clock::now() + kSwapWait;
    while (being_swapped(path) && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    identity = index_identity(path);
    return Xapian::Database(path);
}

unsigned env_ms(const char* name, unsigned fallback) {
    const char* value = std::getenv(name);
    if (!value || !*value) return fallback;
    char* end = nullptr;
    unsigned long ms = std::strtoul(value, &end, 10);
    return (*end == '\0' && ms > 0 && ms < 3600000) ? static_cast<unsigned>(ms) : fallback;
}

// Refuses a shard that is not a Dateline index of a schema this searcher reads: searching it
// with the rest would give wrong answers, not fewer.
void check_schema(const Xapian::Database& db, const std::string& name) {
    std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version.empty()) {
        throw IndexUnusable(name + " is not a Dateline index (it has no schema version): build one with dateline-index.");
    }
    if (std::string mismatch = schema::version_mismatch(version, name); !mismatch.empty()) throw IndexUnusable(mismatch);
}

}  // namespace

RemoteTimeouts remote_timeouts_from_env() {
    RemoteTimeouts t;
    t.connect_ms = env_ms("DATELINE_REMOTE_CONNECT_MS", t.connect_ms);
    t.reply_ms = env_ms("DATELINE_REMOTE_TIMEOUT_MS", t.reply_ms);
    return t;
}

std::chrono::milliseconds ShardSet::retry_missing() { return std::chrono::milliseconds(env_ms("DATELINE_REMOTE_RETRY_MS", 10000)); }

ShardSet::ShardSet(std::string db_path, RemoteTimeouts timeouts) : path_(std::move(db_path)), timeouts_(timeouts) { open_all(); }

std::string ShardSet::read_stubs() const {
    std::string all;
    for (const std::string& stub : stubs_) {
        // With the file's identity and time, not its text alone: a replica's stub goes back to
        // naming the same copy every other switch, and a set opened in between must see the
        // switches it missed.
        struct stat st {};
        if (::stat(stub.c_str(), &st) == 0) {
            all += std::to_string(st.st_ino) + ' ' + std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec) + ' ';
        }
        std::ifstream in(stub, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        all += stub + '\n' + s.str() + '\0';
    }
    return all;
}

void ShardSet::open_all() {
    // A replica's stub is renamed over when a new copy arrives and the old copy is removed just
    // after: a stub read before the switch can name a folder that is already gone. When a local
    // shard failed and the stubs changed meanwhile, the set is read again, for as long as they
    // keep changing (up to kSwapWait: a switch takes milliseconds).
    const auto until = std::chrono::steady_clock::now() + kSwapWait;
    for (;;) {
        open_all_once();
        bool local_missing = false;
        for (const Shard& shard : shards_) local_missing = local_missing || (!shard.open && shard.spec.kind == ShardSpec::Kind::local);
        if (!local_missing || stubs_.empty() || std::chrono::steady_clock::now() >= until || read_stubs() == stub_content_) break;
    }
    combine();
}

void ShardSet::open_all_once() {
    // The stubs' content is taken as it was *before* the list was read from them, and the list
    // is read again until it did not change meanwhile. Taken after, it could vouch for a newer
    // stub than the list: a replica's switch falling in between left the set on a folder already
    // removed, missing until the stub changed again (seen: "none of the 1 shards ... can be
    // opened" during test_replicas under load).
    ShardList list;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const std::string before = read_stubs();  // the files the previous reading listed
        list = read_shard_list(path_);
        stubs_ = std::move(list.stubs);
        stub_content_ = read_stubs();
        if (stub_content_ == before) break;
        // Changing still after five readings: the next refresh reads it all again.
        if (attempt == 4) stub_content_.clear();
    }
    shards_.clear();
    for (ShardSpec& spec : list.shards) shards_.push_back({std::move(spec), Xapian::Database(), false, 0});
    if (stubs_.empty()) {
        // One index folder: it is the whole index, so failing to open it is an error, as it
        // always was, not a missing shard.
        Shard& only = shards_.front();
        try {
            // Opened through the link's target, not the link: scripts/nightly re-points a link at
            // a new generation, and a path read through the link while it moves could mix two.
            const std::string resolved = std::filesystem::canonical(only.spec.path).string();
            only.db = open_local(resolved, only.identity);
        } catch (const Xapian::Error& e) {
            throw IndexUnusable("cannot open the index " + path_ + ": " + e.get_description() +
                                ". If it is damaged, rebuild it with dateline-index --full.");
        } catch (const std::filesystem::filesystem_error& e) {
            throw IndexUnusable("cannot open the index " + path_ + ": " + e.code().message());
        }
        check_schema(only.db, path_);
        only.open = true;
    } else {
        std::vector<Shard*> all;
        for (Shard& shard : shards_) all.push_back(&shard);
        open_shards(all);
    }
    last_try_ = std::chrono::steady_clock::now();
}

void ShardSet::open_shards(const std::vector<Shard*>& shards) {
    // At once, so that servers not answering cost one timeout, not one each.
    std::vector<std::future<void>> opening;
    for (Shard* shard : shards) opening.push_back(std::async(std::launch::async, [this, shard] { open_shard(*shard); }));
    for (auto& done : opening) done.wait();
    for (auto& done : opening) done.get();  // a shard of another schema stops the set
}

void ShardSet::open_shard(Shard& shard) {
    shard.open = false;
    shard.db = Xapian::Database();
    try {
        if (shard.spec.kind == ShardSpec::Kind::remote) {
            shard.db = Xapian::Remote::open(shard.spec.host, shard.spec.port, timeouts_.reply_ms, timeouts_.connect_ms);
        } else {
            std::error_code ec;
            if (!std::filesystem::exists(shard.spec.path, ec)) return;
            const std::string resolved = std::filesystem::canonical(shard.spec.path).string();
            shard.db = open_local(resolved, shard.identity);
        }
        check_schema(shard.db, path_ + " (" + shard.spec.name + ")");
        shard.open = true;
    } catch (const Xapian::Error&) {
        // Unreachable or unreadable now: missing, tried again later (refresh).
        shard.db = Xapian::Database();
    } catch (const std::filesystem::filesystem_error&) {
        shard.db = Xapian::Database();
    }
}

void ShardSet::combine() {
    db_ = Xapian::Database();
    for (const Shard& shard : shards_) {
        if (shard.open) db_.add_database(shard.db);
    }
    if (db_.size() == 0) {
        throw IndexUnusable("none of the " + std::to_string(shards_.size()) + " shards listed by " + path_ +
                            " can be opened (missing folders, or servers down or not answering within " +
                            std::to_string(timeouts_.connect_ms) + " ms)");
    }
}

std::vector<std::string> ShardSet::missing() const {
    std::vector<std::string> out;
    for (const Shard& shard : shards_) {
        if (!shard.open) out.push_back(shard.spec.name);
    }
    return out;
}

bool ShardSet::has_remote() const {
    for (const Shard& shard : shards_) {
        if (shard.open && shard.spec.kind == ShardSpec::Kind::remote) return true;
    }
    return false;
}

Xapian::Database ShardSet::local_db() const {
    Xapian::Database out;
    for (const Shard& shard : shards_) {
        if (shard.open && shard.spec.kind == ShardSpec::Kind::local) out.add_database(shard.db);
    }
    return out;
}

std::vector<Xapian::Database> ShardSet::remote_dbs() const {
    std::vector<Xapian::Database> out;
    for (const Shard& shard : shards_) {
        if (shard.open && shard.spec.kind == ShardSpec::Kind::remote) out.push_back(shard.db);
    }
    return out;
}

std::vector<Xapian::Database> ShardSet::shard_dbs() const {
    std::vector<Xapian::Database> out;
    for (const Shard& shard : shards_) {
        if (shard.open) out.push_back(shard.db);
    }
    return out;
}

std::string ShardSet::single_local_path() const {
    if (shards_.size() != 1 || !shards_.front().open || shards_.front().spec.kind != ShardSpec::Kind::local) return "";
    return shards_.front().spec.path;
}

std::string ShardSet::state() const {
    std::string out;
    for (const Shard& shard : shards_) {
        if (!shard.open || shard.spec.kind == ShardSpec::Kind::remote) return "";
        out += std::to_string(shard.identity) + "." + std::to_string(shard.db.get_revision()) + ";";
    }
    return out;
}

bool ShardSet::refresh() {
    if (!stubs_.empty() && read_stubs() != stub_content_) {
        open_all();
        return true;
    }
    bool changed = false, swapping = false, swap_found = false;
    for (Shard& shard : shards_) {
        if (!shard.open || shard.spec.kind != ShardSpec::Kind::local) continue;
        const unsigned long long identity = index_identity(shard.spec.path);
        if (identity == shard.identity) continue;
        // Being swapped: answered from the revision held open until its version file is back
        // (milliseconds); opening it now would fail, and fail the search.
        if (identity == 0 && being_swapped(shard.spec.path)) {
            swap_found = true;
            auto now = std::chrono::steady_clock::now();
            if (swap_seen_ == std::chrono::steady_clock::time_point{}) swap_seen_ = now;
            if (now - swap_seen_ < kSwapWait) {
                swapping = true;
                continue;
            }
        }
        if (stubs_.empty()) {
            open_all();
            return true;
        }
        open_shard(shard);
        changed = true;
        // Gone since the stubs were read above: a replica's old copy, removed just after its stub
        // was switched to the new one. Read the set again rather than call the shard missing.
        if (!shard.open && read_stubs() != stub_content_) {
            open_all();
            return true;
        }
    }
    if (!swap_found) swap_seen_ = {};
    auto now = std::chrono::steady_clock::now();
    bool any_missing = false;
    for (const Shard& shard : shards_) any_missing = any_missing || !shard.open;
    if (any_missing && now - last_try_ >= retry_missing()) {
        last_try_ = now;
        std::vector<Shard*> missing;
        for (Shard& shard : shards_) {
            if (!shard.open) missing.push_back(&shard);
        }
        open_shards(missing);
        for (const Shard* shard : missing) changed = changed || shard->open;
    }
    if (changed) {
        combine();
        return true;
    }
    if (swapping) return false;  // a reopen would read the shard being swapped
    try {
        db_.reopen();
    } catch (const Xapian::NetworkError&) {
        reconnect();
        return true;
    } catch (const Xapian::DatabaseError&) {
        open_all();
        return true;
    }
    return false;
}

void ShardSet::reconnect() {
    std::vector<Shard*> remote;
    for (Shard& shard : shards_) {
        if (shard.spec.kind == ShardSpec::Kind::remote) remote.push_back(&shard);
    }
    open_shards(remote);
    last_try_ = std::chrono::steady_clock::now();
    combine();
}

}  // namespace dateline
