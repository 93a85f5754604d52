// IndexWriter's part in a first build on every core: the shards, and making them the index.
#include <algorithm>
#include <filesystem>

#include "index_writer.h"

#include "copy_finder.h"
#include "schema.h"

namespace dateline {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMergeBatch = 2500;

// A story held by files of two shards is in both; as a single writer would, keep one document
// (at the first one's id, with the last one's content) that belongs to all of those files.
// Returns how many copies were removed.
// Commits every kMergeBatch changes: Xapian keeps uncommitted changes in memory, and a merge of
// a large archive may change many documents.
std::size_t merge_duplicate_stories(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    const std::string id_prefix(schema::field(schema::FieldId::id).filter_prefix);
    const std::string path_prefix(schema::field(schema::FieldId::path).filter_prefix);
    // The ids held twice, listed before anything changes (a term list is not walked while the
    // database under it is committed): a few bytes a duplicate.
    std::vector<std::string> held_twice;
    for (auto t = db.allterms_begin(id_prefix); t != db.allterms_end(id_prefix); ++t) {
        if (t.get_termfreq() >= 2) held_twice.push_back(*t);
    }
    std::size_t removed = 0, pending = 0;
    for (const std::string& id_term : held_twice) {
        std::vector<Xapian::docid> copies;
        for (auto p = db.postlist_begin(id_term); p != db.postlist_end(id_term); ++p) copies.push_back(*p);
        Xapian::Document keep = db.get_document(copies.back());
        for (std::size_t i = 0; i + 1 < copies.size(); ++i) {
            Xapian::Document other = db.get_document(copies[i]);
            auto term = other.termlist_begin();
            for (term.skip_to(path_prefix); term != other.termlist_end() && (*term).rfind(path_prefix, 0) == 0; ++term) {
                keep.add_boolean_term(*term);
            }
        }
        db.replace_document(copies.front(), keep);
        for (std::size_t i = 1; i < copies.size(); ++i) db.delete_document(copies[i]);
        removed += copies.size() - 1;
        pending += copies.size();
        if (pending >= kMergeBatch) {
            db.commit();
            pending = 0;
        }
    }
    if (removed) db.commit();
    return removed;
}

// Puts the database at `merged` in place of the empty one in `index_dir`, file by file: the
// folder itself stays (it may be the current directory, a mount point or the target of a link).
// The version file goes first and comes back last, so a run killed in between leaves a folder
// of Xapian tables without a version file, which the next run clears (clear_interrupted_swap).
// The caller holds the index's lock, whose file (flintlock) is left alone.
void replace_database_files(const fs::path& index_dir, const fs::path& merged) {
    fs::remove(index_dir / "iamglass");
    for (const fs::directory_entry& e : fs::directory_iterator(index_dir)) {
        std::string name = e.path().filename().string();
        if (is_xapian_file_name(name) && name != "flintlock" && !fs::exists(merged / name)) fs::remove(e.path());
    }
    for (const fs::directory_entry& e : fs::directory_iterator(merged)) {
        std::string name = e.path().filename().string();
        if (is_xapian_file_name(name) && name != "flintlock" && name != "iamglass") fs::rename(e.path(), index_dir / name);
    }
    fs::rename(merged / "iamglass", index_dir / "iamglass");
}

}  // namespace

std::vector<IndexWriter> IndexWriter::open_shards(std::size_t count) {
    // Nothing left pending (the schema version of a new index, say): closing this writer after
    // merge_shards has swapped the files must write nothing into them.
    commit();
    shard_folder_ = std::make_unique<WorkFolder>(fs::canonical(path_));
    WriterOptions shard_options;
    shard_options.fresh = true;
    // Measured on Reuters-21578 (two shards): 500 stories per commit 4.8 s, 2,500 5.3 s, 11,000
    // 6.0 s; small batches keep Xapian's in-memory postings cheap to merge.
    shard_options.batch_documents = 500;
    shard_options.memo_bands = options_.memo_bands / std::max<std::size_t>(count, 1);
    std::vector<IndexWriter> shards;
    for (std::size_t i = 0; i < count; ++i) {
        shards.push_back(IndexWriter((shard_folder_->path() / ("shard-" + std::to_string(i))).string(), shard_options, true));
        shards.back().stamp_ = stamp_;  // one run, one stamp
    }
    return shards;
}

IndexWriter::Merged IndexWriter::merge_shards(std::vector<IndexWriter>& shards) {
    // Merge the shards in order: the compactor renumbers documents one shard after the other.
    Xapian::Database all;
    // Where the second shard's documents begin in the merged database.
    Xapian::docid later_shards = shards.size() > 1 ? shards.front().db_.get_lastdocid() + 1 : 0;
    for (IndexWriter& shard : shards) {
        shard.close();
        all.add_database(Xapian::Database(shard.path()));
    }
    const fs::path merged = shard_folder_->path() / "merged";
    all.compact(merged.string(), Xapian::Compactor::FULL);
    all.close();
    Merged result;
    result.duplicates = merge_duplicate_stories(merged.string());
    {
        // Copies of one story written by different shards (copy_finder.h).
        Xapian::WritableDatabase db(merged.string(), Xapian::DB_OPEN);
        link_shard_copies(db, later_shards);
    }

    // Swapped in while this writer still holds the lock; it has nothing pending, so closing it
    // writes nothing.
    replace_database_files(fs::canonical(path_), merged);
    close();
    shard_folder_.reset();
    result.documents = Xapian::Database(path_).get_doccount();
    return result;
}

bool IndexWriter::compact_first_build() {
    if (!started_empty_ || scratch_ || closed_ || (!rebuilding() && db_.get_doccount() == 0)) return false;
    commit();
    WorkFolder work(fs::canonical(path_));
    const fs::path compacted = work.path() / "compacted";
    {
        Xapian::Database written(location_);
        written.compact(compacted.string(), Xapian::Compactor::FULL);
    }
    // This writer still holds the lock and has nothing pending, so closing it writes nothing.
    replace_database_files(fs::canonical(path_), compacted);
    close();
    return true;
}

}  // namespace dateline
