#include "index_parts.h"

namespace dateline {

std::vector<Xapian::Database> IndexParts::handles(const Xapian::Database& db, const std::string& path, std::size_t count) {
    if (count < 2 || path.empty() || db.size() != 1) return {};
    try {
        if (path != path_) {
            handles_.clear();
            path_ = path;
        }
        const std::string uuid = db.get_uuid();
        const Xapian::rev revision = db.get_revision();
        while (handles_.size() < count) handles_.emplace_back(path);
        handles_.resize(count);
        for (Xapian::Database& handle : handles_) {
            // An index swapped in since (a compacted copy put in place) is opened again.
            if (handle.get_uuid() != uuid) handle = Xapian::Database(path);
            if (handle.get_revision() != revision) handle.reopen();
            if (handle.get_uuid() != uuid || handle.get_revision() != revision) return {};
        }
        return handles_;
    } catch (const Xapian::Error&) {
        // Not now (the folder being swapped, say): the search runs on one thread.
        handles_.clear();
        return {};
    }
}

}  // namespace dateline
