// IndexFolder: what `--db` may name, and which files in it are Dateline's to replace or remove.
//
// An archive is the one thing a newsroom cannot rebuild, so dateline-index writes an index only
// into a folder that is new, empty, or already a Xapian database (then IndexWriter checks that
// Dateline wrote it). Anything else, a folder of articles, a file, a dangling link, is refused
// with IndexUnusable before anything is written, and nothing in it is touched.
//
// What Dateline may remove is named here too: the Xapian files of an index it swaps (a first
// build, IndexWriter::merge_shards) and its own work folders, created inside the index folder under a
// hidden name (kWorkFolderPrefix) so that a run killed half-way leaves nothing beside the index
// and nothing a folder walk would read as articles.
//
// Stateless functions; safe from any thread.
#pragma once

#include <filesystem>
#include <string>

namespace dateline {

// Refuses (throws IndexUnusable, naming the path and the reason) a --db that is a file, a
// dangling symbolic link, a non-empty folder that is not a Xapian database, or a path whose
// parent folder does not exist. Returns the folder to write in, with symbolic links resolved
// when it exists (so `--db` may be a link to the index, as scripts/nightly makes it).
std::filesystem::path check_index_folder(const std::string& db);

// True when `dir` holds a Xapian database (its version file): such a folder is an index, never
// a folder of articles.
bool holds_xapian_database(const std::filesystem::path& dir);

// True for the names of the files Xapian keeps in a database folder (iamglass, flintlock,
// *.glass, and the companions below): the only files of an index folder Dateline replaces.
bool is_xapian_file_name(const std::string& name);

// The files Xapian writes beside a database's tables: v.tmp, the version file it writes before
// renaming it to iamglass (a run killed inside a commit leaves it), and changes<N>, the
// changesets of a run with XAPIAN_MAX_CHANGESETS set. check_index_folder counts them as Xapian's
// only beside its tables or lock: alone they could be anybody's.
bool is_xapian_companion_name(const std::string& name);

// A fresh work folder inside the index folder `index_dir`, named kWorkFolderPrefix + a unique
// suffix, removed with everything in it when the object goes. The constructor throws
// IndexUnusable when it cannot be made.
class WorkFolder {
public:
    explicit WorkFolder(const std::filesystem::path& index_dir);
    ~WorkFolder();
    WorkFolder(const WorkFolder&) = delete;
    WorkFolder& operator=(const WorkFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Removes work folders that a killed run left inside `index_dir`. Call only while holding the
// index's write lock: then no other run is using them.
void remove_stale_work_folders(const std::filesystem::path& index_dir);

// A first build killed while its merged database was being moved in (IndexWriter::merge_shards) leaves
// Xapian tables without their version file beside its work folder: no program can open them,
// and they are that build's own. A run killed while Xapian created the database leaves its empty
// tables beside v.tmp, again without the version file. Removes them (and any work folder) so the
// index can be made again, unless another process holds the index's lock. Call before opening
// the index.
void clear_interrupted_swap(const std::filesystem::path& index_dir);

inline constexpr const char* kWorkFolderPrefix = ".dateline-work-";

}  // namespace dateline
