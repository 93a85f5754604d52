#include "shard_list.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "index_error.h"
#include "text.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

// Stubs naming stubs deeper than this are taken as a loop.
constexpr int kMaxStubDepth = 8;

void read_stub(const fs::path& stub, ShardList& out, int depth);

// Adds the shard or shards `path` names: an index folder, or a stub read in its turn.
void add_local(const fs::path& path, const std::string& name, ShardList& out, int depth) {
    std::string stub = stub_file_of(path.string());
    if (!stub.empty()) {
        read_stub(stub, out, depth + 1);
        return;
    }
    out.shards.push_back({ShardSpec::Kind::local, name, path.string(), "", 0});
}

[[noreturn]] void bad_line(const fs::path& stub, std::size_t number, const std::string& line, const std::string& why) {
    throw IndexUnusable("cannot read the shard list " + stub.string() + ", line " + std::to_string(number) + " \"" + line + "\": " + why);
}

void read_stub(const fs::path& stub, ShardList& out, int depth) {
    if (depth > kMaxStubDepth) throw IndexUnusable("the shard lists from " + out.stubs.front() + " name each other in a loop (at " + stub.string() + ")");
    std::ifstream in(stub);
    if (!in) throw IndexUnusable("cannot read the shard list " + stub.string());
    out.stubs.push_back(stub.string());
    fs::path folder = stub.parent_path();
    std::string raw;
    std::size_t number = 0;
    std::size_t before = out.shards.size();
    while (std::getline(in, raw)) {
        ++number;
        std::string line = text::trim(raw);
        if (line.empty() || line[0] == '#') continue;
        std::size_t space = line.find_first_of(" \t");
        std::string type = line.substr(0, space);
        std::string arg = space == std::string::npos ? "" : text::trim(line.substr(space));
        if (arg.empty()) bad_line(stub, number, line, "a shard line is 'auto PATH', 'glass PATH' or 'remote HOST:PORT'");
        if (type == "auto" || type == "glass") {
            fs::path path = fs::path(arg).is_absolute() ? fs::path(arg) : folder / arg;
            add_local(path, line, out, depth);
        } else if (type == "remote") {
            std::size_t colon = arg.rfind(':');
            if (colon == 0 || colon == std::string::npos) {
                bad_line(stub, number, line, "Dateline searches remote shards served over TCP: 'remote HOST:PORT'");
            }
            std::string host = arg.substr(0, colon);
            if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
            std::string port = arg.substr(colon + 1);
            unsigned long number_value = 0;
            bool digits = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
            if (digits) number_value = std::stoul(port);
            if (!digits || number_value == 0 || number_value > 65535) bad_line(stub, number, line, "the port must be a number from 1 to 65535");
            out.shards.push_back({ShardSpec::Kind::remote, line, "", host, static_cast<unsigned>(number_value)});
        } else {
            bad_line(stub, number, line, "'" + type + "' shards cannot be searched (a line is 'auto PATH', 'glass PATH' or 'remote HOST:PORT')");
        }
    }
    if (out.shards.size() == before) throw IndexUnusable("the shard list " + stub.string() + " lists no shard");
}

}  // namespace

std::string stub_file_of(const std::string& db_path) {
    std::error_code ec;
    fs::path p(db_path);
    if (fs::is_regular_file(p, ec)) return p.string();
    if (fs::is_directory(p, ec) && !fs::exists(p / "iamglass", ec) && fs::is_regular_file(p / "XAPIANDB", ec)) return (p / "XAPIANDB").string();
    return "";
}

ShardList read_shard_list(const std::string& db_path) {
    std::error_code ec;
    if (!fs::exists(db_path, ec)) {
        throw IndexUnusable("there is no index at " + db_path + ": build one with 'dateline-index --db " + db_path +
                            " PATH...', or point --db (or $DATELINE_DB) at an existing one.");
    }
    ShardList out;
    std::string stub = stub_file_of(db_path);
    if (stub.empty()) {
        out.shards.push_back({ShardSpec::Kind::local, db_path, db_path, "", 0});
    } else {
        read_stub(stub, out, 0);
    }
    return out;
}

}  // namespace dateline
