#include "shard_folder.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

#include "index_error.h"
#include "index_folder.h"
#include "text.h"

namespace dateline {
namespace fs = std::filesystem;

std::string shard_name(std::size_t index) {
    char name[16];
    std::snprintf(name, sizeof name, "shard-%02zu", index);
    return name;
}

std::size_t shard_of(const std::string& path, std::size_t count) {
    std::uint64_t h = text::hash64(path);
    // FNV-1a's low bits alone mix the last bytes least; fold the high half in.
    return static_cast<std::size_t>((h ^ (h >> 32)) % (count ? count : 1));
}

bool is_shard_folder(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / kStubFileName, ec);
}

std::size_t read_shard_count(const fs::path& dir) {
    std::ifstream in(dir / kStubFileName);
    if (!in) throw IndexUnusable("cannot read the shard list " + (dir / kStubFileName).string());
    std::string line;
    std::size_t count = 0;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        if (line != "auto " + shard_name(count) || count == kMaxShards) {
            throw IndexUnusable((dir / kStubFileName).string() + " is not a shard list dateline-index wrote (line '" + line +
                                "', expected 'auto " + shard_name(count) +
                                "'); nothing was written. Index into another folder.");
        }
        ++count;
    }
    if (count == 0) throw IndexUnusable((dir / kStubFileName).string() + " lists no shards; nothing was written.");
    return count;
}

std::size_t plan_shard_count(const std::string& db, std::size_t requested) {
    if (requested > kMaxShards) {
        throw IndexUnusable("--shards takes 1 to " + std::to_string(kMaxShards) + ", not " + std::to_string(requested));
    }
    std::error_code ec;
    fs::path dir = fs::absolute(db, ec);
    if (is_shard_folder(dir)) {
        std::size_t count = read_shard_count(dir);
        if (requested && requested != count) {
            throw IndexUnusable("--db " + db + " is a folder of " + std::to_string(count) + " shards, not " +
                                std::to_string(requested) + ": its count is fixed when it is made. Drop --shards (or give --shards " +
                                std::to_string(count) + "), or index into a new folder.");
        }
        return count;
    }
    if (!requested) return 0;
    if (holds_xapian_database(dir)) {
        throw IndexUnusable("--db " + db + " is a single index, not a shard folder: --shards " + std::to_string(requested) +
                            " does not convert it (nothing was written). Index into a new folder with --shards, or drop --shards.");
    }
    // A new folder, or an empty one; anything else is refused as for a single index.
    fs::path checked = check_index_folder(db);
    if (fs::exists(checked, ec) && !fs::is_empty(checked, ec)) {
        throw IndexUnusable("--db " + db + " is not empty and not a shard folder; nothing in it was touched. Choose a new or empty folder.");
    }
    return requested;
}

fs::path make_shard_folder(const std::string& db, std::size_t count) {
    std::error_code ec;
    if (is_shard_folder(fs::absolute(db, ec))) return fs::canonical(fs::absolute(db, ec));
    fs::path dir = check_index_folder(db);  // the parent exists; an existing folder is resolved
    fs::create_directory(dir, ec);
    if (ec) throw IndexUnusable("cannot create the shard folder " + db + ": " + ec.message());
    std::ostringstream stub;
    for (std::size_t i = 0; i < count; ++i) stub << "auto " << shard_name(i) << "\n";
    fs::path temporary = dir / ("." + std::string(kStubFileName) + ".new-" + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << stub.str();
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            throw IndexUnusable("cannot write the shard list in " + db);
        }
    }
    fs::rename(temporary, dir / kStubFileName, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw IndexUnusable("cannot write the shard list in " + db + ": " + ec.message());
    }
    return dir;
}

std::vector<std::string> shard_paths(const fs::path& dir, std::size_t count) {
    std::vector<std::string> paths;
    for (std::size_t i = 0; i < count; ++i) paths.push_back((dir / shard_name(i)).string());
    return paths;
}

}  // namespace dateline
