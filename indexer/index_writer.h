// IndexWriter: the only code that writes the Xapian database. It knows Xapian, not formats.
// A first build on every core writes shards and makes them the index through it too
// (open_shards, merge_shards; sharded_build.h says when and why).
//
// The index keeps, in its metadata, a record of every source file it has read (path, size,
// modification time, content hash, how many articles it gave, or why it failed), committed in
// the same transaction as the file's documents. So a run killed at any moment leaves an index
// whose records match its documents, and the next run redoes exactly the files whose changes were
// not committed.
//
// An article belongs to every file it was read from (one XPATH: term per file): the same story
// saved twice is one document, and it disappears only when the last file holding it does.
//
// Not thread-safe: one writer thread owns it. Opening takes Xapian's write lock; a second writer
// gets IndexUnusable at once, with a message naming the index.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include "band_memo.h"
#include "index_folder.h"

namespace dateline {

struct FileRecord {
    std::string path;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content_hash;   // text::hash_hex of the (decompressed) bytes
    std::size_t articles = 0;
    bool failed = false;
    std::string reason;         // why it failed, or why it is not an article (then articles == 0)
};

struct BuiltArticle {
    std::string id_term;        // "Q..."
    Xapian::Document doc;
    std::size_t text_bytes = 0; // for batch sizing
};

struct ApplyCounts {
    std::size_t added = 0;
    std::size_t replaced = 0;
    std::size_t unchanged = 0;  // stories of a changed file that are as they were: not rewritten
    std::size_t removed = 0;
};

struct WriterOptions {
    // Build the index anew (--full). An index holding stories is rebuilt aside, in a work folder
    // inside it, and put in place only when the run completes (rebuilding()): until then
    // searchers read the old one, and a run killed or stopped leaves it as it was. A Xapian
    // database Dateline did not write is never replaced.
    bool fresh = false;
    // Commit once this many documents, or this much text, are pending. Measured on the Reuters
    // corpus: ~2,500 stories per commit beat Xapian's default of 10,000 (faster, half the
    // memory); a first build's fresh shards do best with ~500 (open_shards).
    std::size_t batch_documents = 2500;
    std::size_t batch_bytes = 8u * 1024 * 1024;
    // While the database began the run empty: band postings the copy finder keeps in memory
    // (band_memo.h), about 34 bytes each (measured: 1.5 million took 51 MB). Past them the
    // table is dropped and Xapian's postings answer for the rest of the run (slower, not
    // wrong), so memory does not grow with the archive. The shards of a first build on several
    // cores share kMemoBandsBudget; 16 million is a million articles' on two cores, 540 MB.
    std::size_t memo_bands = kMemoBandsBudget;
    static constexpr std::size_t kMemoBandsBudget = std::size_t{16} << 20;
};

class IndexWriter {
public:
    // Opens the index at `path`, creating the folder when absent (its parent must exist). Throws
    // IndexUnusable when `path` is not a folder Dateline may write in (index_folder.h), or the
    // index is locked, unreadable, or of another schema version. Work folders a killed run left
    // inside the index are removed once the lock is held.
    explicit IndexWriter(const std::string& path, const WriterOptions& options = {});

    // Records of the files this index has read, by path.
    const std::map<std::string, FileRecord>& records() const { return records_; }

    // Puts one file's articles in the index, replacing what the file gave before (articles the
    // file no longer holds are removed), and records the file. Commits when the batch is full.
    // The same as add_articles then end_file.
    ApplyCounts apply_file(const FileRecord& record, std::vector<BuiltArticle>& articles);

    // One file's articles in batches, for a file streamed while it is read: add_articles for each
    // batch (in file order, all with the file's path), then end_file, which removes the stories
    // the file gave before and no longer holds, and records the file; or record_failure.
    // Commits happen between batches when they are full; the file's record is written only by
    // end_file, so a run killed half-way reads the whole file again next time, and finds the
    // stories already written as they are (unchanged, not rewritten).
    ApplyCounts add_articles(const std::string& path, std::vector<BuiltArticle>& batch);
    ApplyCounts end_file(const FileRecord& record);

    // Records a failed file; the articles it gave before, if any, stay (and so do the ones an
    // unfinished add_articles gave).
    void record_failure(const FileRecord& record);

    // Records that a file's content is unchanged though its time stamp moved.
    void record_touch(const FileRecord& record);

    // Removes a vanished file's articles (those no other file holds) and its record.
    ApplyCounts remove_file(const std::string& path);

    // Commits everything pending, with the time of the commit in the metadata.
    void commit();
    // The run's last commit: also says that every story of this run's added stamp is in.
    void finish_run();
    // The added stamp this run gives the stories it writes (common/added_stamp.h); a story
    // written again unchanged (the same fingerprint) keeps the stamp it had.
    const std::string& added_stamp() const { return stamp_; }

    Xapian::doccount document_count() const { return db_.get_doccount(); }
    // True when the index held no documents and no file records when it was opened (or is
    // being rebuilt: then the run writes into an empty database).
    bool started_empty() const { return started_empty_; }
    // True for a --full run over an index that holds stories: this writer writes a new database
    // in a work folder and holds the old one's lock. compact_first_build (one writer) or
    // merge_shards (a first build on every core) puts the new one in place; a writer closed or
    // destroyed before then leaves the old index as it was and throws the new one away.
    bool rebuilding() const { return kept_.has_value(); }
    // Closes the database (committing nothing more) and releases the lock.
    void close();
    bool closed() const { return closed_; }
    const std::string& path() const { return path_; }

    // A first build on every core (sharded_build.h), by the writer of an index that started
    // empty, which holds the index's lock throughout. open_shards gives `count` writers of empty
    // scratch databases, in a work folder inside the index folder (index_folder.h) that goes
    // with this writer however the build ends; each shard is written by one thread and
    // committed. merge_shards then closes them, compacts them in their order into one database
    // (document ids follow the shards, so they come out in file order), keeps one document for a
    // story that two shards hold, and puts that database's files in place of this empty index's:
    // the folder itself is never moved or removed. A run killed before the last step leaves the
    // empty index. Afterwards this writer is closed; throws Xapian::Error or
    // std::filesystem::filesystem_error.
    std::vector<IndexWriter> open_shards(std::size_t count);
    struct Merged {
        Xapian::doccount documents = 0;  // in the index now
        std::size_t duplicates = 0;      // copies of a story written by two shards, now one document
    };
    Merged merge_shards(std::vector<IndexWriter>& shards);

    // After the run of a writer whose index started empty and that wrote documents (a shard of
    // a shard folder's first build, written directly rather than merged): compacts the database
    // with Xapian's compactor, as a first build's merge does, and puts it in place of the
    // written one the way merge_shards does (the folder stays; a run killed during the swap
    // leaves tables that the next run clears, and then reads that shard's files again).
    // A rebuild (rebuilding()) is put in place the same way, even empty: its callers decide
    // whether it should be (not when the run was stopped, nor when the whole archive gave
    // nothing, which is more likely unmounted than emptied). Returns false, doing nothing, for
    // any other writer, or one already closed. Afterwards this writer is closed.
    bool compact_first_build();

private:
    // `scratch`: a shard of a first build (open_shards), thrown away if the run dies, so it is
    // written without syncing to disk (Xapian's DB_NO_SYNC).
    IndexWriter(const std::string& path, const WriterOptions& options, bool scratch);

    // The file add_articles is writing: its path term, and which documents (by docid) it held
    // before and has kept or written since. Bitmaps, not sets: a file of a million stories costs
    // a bit per document of the index, not a tree node per story.
    struct OpenFile {
        std::string path;
        std::string own_term;
        std::vector<bool> before;
        std::vector<bool> kept;
        std::size_t articles = 0;
    };
    OpenFile& open_file(const std::string& path);
    void save_record(const FileRecord& record);
    void maybe_commit();
    // Notes in the metadata that this run's stories are being written (schema.h's
    // dateline.added_open), before its first one.
    void mark_run_open();

    std::string path_;
    std::string location_;                 // where db_ is: path_, or the rebuild's work folder
    std::string stamp_;                    // this run's added stamp
    bool scratch_ = false;
    bool run_open_ = false;
    WriterOptions options_;
    // Declared in this order so that they go in the reverse one: db_ first, then the folder it
    // is in, and the old index's lock last.
    std::optional<Xapian::WritableDatabase> kept_;  // a rebuild: the old index, open for its lock
    std::unique_ptr<WorkFolder> rebuild_folder_;    // a rebuild: where db_ is written
    Xapian::WritableDatabase db_;
    bool closed_ = false;
    std::unique_ptr<WorkFolder> shard_folder_;  // open_shards' work folder
    std::map<std::string, FileRecord> records_;
    bool started_empty_ = false;           // the index held nothing when opened
    // Hashes (text::hash64) of the id terms added this run, while started_empty_: 8 bytes and a
    // node a story (about 40 bytes). Two ids of one hash only cost the second a look-up in the
    // index. At most kMaxRememberedIds (about 40 MiB): past them, stories are looked up as in an
    // index that was not empty (slower, not wrong), so memory does not grow with the archive.
    static constexpr std::size_t kMaxRememberedIds = std::size_t{1} << 20;
    std::unordered_set<std::uint64_t> new_ids_;
    std::set<std::string> applied_paths_;  // files written this run, while started_empty_
    // While started_empty_: the band postings of every document written, for the copy finder,
    // up to options_.memo_bands of them.
    std::unique_ptr<BandMemo> band_memo_;
    const BandMemo* bands() const { return band_memo_.get(); }
    void remember_bands(Xapian::docid id, const Xapian::Document& doc);
    std::optional<OpenFile> open_;
    std::size_t pending_documents_ = 0;
    std::size_t pending_bytes_ = 0;
};

// The file records an index holds, by path (also for read-only use: dateline-index --status).
std::map<std::string, FileRecord> load_file_records(const Xapian::Database& db);

// Metadata keys: "dateline.file:<hash of path>" holds a file's record as JSON;
// the time of the last commit is under schema::kLastCommitKey.
inline constexpr const char* kFileRecordKeyPrefix = "dateline.file:";

}  // namespace dateline
