#include "index_folder.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <system_error>
#include <vector>

#include "index_error.h"

namespace dateline {
namespace fs = std::filesystem;

bool is_xapian_companion_name(const std::string& name) {
    if (name == "v.tmp") return true;
    static const std::string changes = "changes";
    return name.size() > changes.size() && name.compare(0, changes.size(), changes) == 0 &&
           name.find_first_not_of("0123456789", changes.size()) == std::string::npos;
}

bool is_xapian_file_name(const std::string& name) {
    if (name == "iamglass" || name == "flintlock" || is_xapian_companion_name(name)) return true;
    static const std::string ext = ".glass";
    return name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
}

bool holds_xapian_database(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "iamglass", ec);
}

namespace {

bool is_work_folder(const fs::directory_entry& entry) {
    std::error_code ec;
    return entry.path().filename().string().rfind(kWorkFolderPrefix, 0) == 0 && entry.is_directory(ec) &&
           !entry.is_symlink(ec);
}

// True when some process holds a lock on the index's lock file (Xapian's write lock).
bool lock_held(const fs::path& index_dir) {
    int fd = ::open((index_dir / "flintlock").c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return false;
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

[[noreturn]] void refuse(const std::string& db, const std::string& why) {
    throw IndexUnusable("--db " + db + ": " + why);
}

}  // namespace

fs::path check_index_folder(const std::string& db) {
    std::error_code ec;
    fs::path given = fs::absolute(db, ec).lexically_normal();
    if (ec) refuse(db, "cannot resolve the path: " + ec.message());
    if (!given.has_filename() && given != given.root_path()) given = given.parent_path();

    fs::file_status link = fs::symlink_status(given, ec);
    if (fs::is_symlink(link) && !fs::exists(fs::status(given, ec))) {
        refuse(db, "is a symbolic link to " + fs::read_symlink(given, ec).string() +
                       ", which does not exist; nothing was written.");
    }
    fs::file_status st = fs::status(given, ec);
    if (!fs::exists(st)) {
        fs::path parent = given.parent_path();
        if (!fs::is_directory(parent, ec)) {
            refuse(db, fs::exists(parent, ec) ? parent.string() + " is not a folder."
                                               : "the folder " + parent.string() +
                                                     " that would hold the index does not exist; create it first.");
        }
        return given;
    }
    if (!fs::is_directory(st)) {
        refuse(db, "is a file, not an index folder; nothing was written. Choose a new or empty folder, or an existing index.");
    }
    fs::path dir = fs::canonical(given, ec);
    if (ec) refuse(db, "cannot resolve the path: " + ec.message());

    // Only a folder that is empty or holds nothing but a Xapian database is written in.
    std::vector<std::string> foreign;
    std::vector<std::string> companions;
    bool core = false;
    fs::directory_iterator it(dir, ec);
    if (ec) refuse(db, "cannot list the folder: " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) refuse(db, "cannot list the folder: " + ec.message());
        std::string name = it->path().filename().string();
        if (is_xapian_companion_name(name)) {
            companions.push_back(name);
            continue;
        }
        if (is_xapian_file_name(name)) core = true;
        if (is_xapian_file_name(name) || is_work_folder(*it)) continue;
        if (foreign.size() < 3) foreign.push_back(name);
        else if (foreign.size() == 3) foreign.push_back("...");
    }
    // v.tmp and changesets are Xapian's only beside its tables or lock. Alone they may be
    // anybody's files, which a first commit would overwrite.
    if (!core) foreign.insert(foreign.begin(), companions.begin(), companions.end());
    if (foreign.size() > 4) {
        foreign.resize(3);
        foreign.push_back("...");
    }
    if (!foreign.empty()) {
        std::string names;
        for (const std::string& n : foreign) names += (names.empty() ? "" : ", ") + n;
        refuse(db, "is not a Dateline index and is not empty (it holds " + names + ")" +
                       "; nothing in it was touched. Dateline writes an index only into a new or empty folder or an "
                       "index of its own: choose another --db.");
    }
    return dir;
}

WorkFolder::WorkFolder(const fs::path& index_dir) {
    std::string tmpl = (index_dir / (std::string(kWorkFolderPrefix) + "XXXXXX")).string();
    std::vector<char> buffer(tmpl.begin(), tmpl.end());
    buffer.push_back('\0');
    if (!::mkdtemp(buffer.data())) {
        std::error_code ec(errno, std::generic_category());
        throw IndexUnusable("cannot make a work folder in the index " + index_dir.string() + ": " + ec.message());
    }
    path_ = buffer.data();
}

WorkFolder::~WorkFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void remove_stale_work_folders(const fs::path& index_dir) {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (fs::directory_iterator it(index_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (is_work_folder(*it)) stale.push_back(it->path());
    }
    for (const fs::path& p : stale) fs::remove_all(p, ec);
}

void clear_interrupted_swap(const fs::path& index_dir) {
    std::error_code ec;
    if (holds_xapian_database(index_dir) || lock_held(index_dir)) return;
    bool work_folder = false, version_temp = false;
    std::vector<fs::path> tables;
    for (fs::directory_iterator it(index_dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (is_work_folder(*it)) work_folder = true;
        else if (is_xapian_file_name(name) && name != "flintlock") tables.push_back(it->path());
        version_temp |= name == "v.tmp";
    }
    // v.tmp without iamglass is a creation killed before Xapian renamed its first version file:
    // Xapian writes v.tmp, then creates the tables (empty, truncated), then renames. A commit
    // always leaves iamglass in place, so nothing else leaves this state and nothing is lost.
    if (!work_folder && !version_temp) return;
    for (const fs::path& p : tables) fs::remove(p, ec);
    remove_stale_work_folders(index_dir);
}

}  // namespace dateline
