#include "index_writer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "added_stamp.h"
#include "copy_finder.h"
#include "dates.h"
#include "index_error.h"
#include "index_folder.h"
#include "schema.h"
#include "text.h"

namespace dateline {
namespace {

const schema::Field& path_field() { return schema::field(schema::FieldId::path); }
std::string path_term(const std::string& path) { return schema::exact_term(path_field(), path); }

// True when the document still belongs to some file (has a path term).
bool has_path_term(Xapian::Document& doc) {
    const std::string prefix(path_field().filter_prefix);
    auto t = doc.termlist_begin();
    t.skip_to(prefix);
    return t != doc.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0;
}

nlohmann::json record_json(const FileRecord& r) {
    return {{"path", r.path}, {"size", r.size}, {"mtime_ns", r.mtime_ns}, {"hash", r.content_hash},
            {"articles", r.articles}, {"failed", r.failed}, {"reason", r.reason}};
}

FileRecord record_from_json(const nlohmann::json& j) {
    FileRecord r;
    r.path = j.value("path", "");
    r.size = j.value("size", std::uint64_t{0});
    r.mtime_ns = j.value("mtime_ns", std::int64_t{0});
    r.content_hash = j.value("hash", "");
    r.articles = j.value("articles", std::size_t{0});
    r.failed = j.value("failed", false);
    r.reason = j.value("reason", "");
    return r;
}

std::string version_string() { return std::to_string(schema::kVersion); }

std::string not_ours(const std::string& path) {
    return path + " holds a Xapian database that Dateline did not write (no schema version); nothing in it was "
                  "touched: choose another --db folder.";
}

// True when the database at `folder` has documents but no Dateline schema version: --full must
// not overwrite it. A database that cannot be read is Dateline's to rebuild.
bool foreign_database(const std::filesystem::path& folder) {
    if (!holds_xapian_database(folder)) return false;
    try {
        Xapian::Database db(folder.string());
        return db.get_metadata(std::string(schema::kVersionKey)).empty() && db.get_doccount() > 0;
    } catch (const Xapian::Error&) {
        return false;
    }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options) : IndexWriter(path, options, false) {}

namespace {

// True when --full would replace an index that holds stories: then the new one is built aside and
// put in place at the end, so searchers keep the old one meanwhile. An unreadable database has
// nothing to keep and is overwritten.
bool worth_keeping_while_rebuilt(const std::filesystem::path& folder) {
    if (!holds_xapian_database(folder)) return false;
    try {
        return Xapian::Database(folder.string()).get_doccount() > 0;
    } catch (const Xapian::Error&) {
        return false;
    }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options, bool scratch)
    : path_(path), location_(path), options_(options) {
    const bool fresh = options.fresh;
    std::filesystem::path folder = check_index_folder(path);
    if (fresh && foreign_database(folder)) throw IndexUnusable(not_ours(path));
    try {
        std::filesystem::create_directory(folder);
        if (!scratch) clear_interrupted_swap(folder);
        if (fresh && !scratch && worth_keeping_while_rebuilt(folder)) {
            // The old index stays open for searchers, and this handle keeps its lock for the run.
            kept_.emplace(path, Xapian::DB_OPEN);
        } else {
            int flags = fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN;
            if (scratch) flags |= Xapian::DB_NO_SYNC;
            db_ = Xapian::WritableDatabase(path, flags);
        }
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexUnusable("the index " + path + " is locked: another dateline-index run is writing it. "
                            "Wait for that run to finish (or stop it) and try again.");
    } catch (const std::filesystem::filesystem_error& e) {
        throw IndexUnusable("cannot create the index folder " + path + ": " + e.code().message());
    } catch (const Xapian::Error& e) {
        throw IndexUnusable("cannot open the index " + path + " for writing: " + e.get_description() +
                            ". If it is damaged, remove the folder and index again.");
    }
    if (!scratch) remove_stale_work_folders(folder);
    scratch_ = scratch;
    if (kept_) {
        // The stamp stays later than every story of the old index (saved searches compare them).
        stamp_ = added::run_stamp(std::chrono::system_clock::now(), kept_->get_value_upper_bound(schema::kSlotAdded));
        rebuild_folder_ = std::make_unique<WorkFolder>(folder);
        location_ = (rebuild_folder_->path() / "rebuilt").string();
        try {
            db_ = Xapian::WritableDatabase(location_, Xapian::DB_CREATE);
        } catch (const Xapian::Error& e) {
            throw IndexUnusable("cannot make the new index for --full in " + location_ + ": " + e.get_description());
        }
        db_.set_metadata(std::string(schema::kVersionKey), version_string());
        started_empty_ = true;
        band_memo_ = std::make_unique<BandMemo>();
        return;
    }
    std::string version = db_.get_metadata(std::string(schema::kVersionKey));
    if (version.empty()) {
        if (db_.get_doccount() > 0) {
            throw IndexUnusable(not_ours(path));
        }
        db_.set_metadata(std::string(schema::kVersionKey), version_string());
    } else if (std::string mismatch = schema::version_mismatch(version, path); !mismatch.empty()) {
        throw IndexUnusable(mismatch);
    }
    stamp_ = added::run_stamp(std::chrono::system_clock::now(), db_.get_value_upper_bound(schema::kSlotAdded));
    records_ = load_file_records(db_);
    started_empty_ = db_.get_doccount() == 0 && records_.empty();
    if (started_empty_) band_memo_ = std::make_unique<BandMemo>();
}

void IndexWriter::close() {
    db_.close();
    band_memo_.reset();
    // A rebuild's work folder goes while the old index's lock is still held.
    rebuild_folder_.reset();
    if (kept_) kept_->close();
    closed_ = true;
}

std::map<std::string, FileRecord> load_file_records(const Xapian::Database& db) {
    std::map<std::string, FileRecord> records;
    for (auto it = db.metadata_keys_begin(kFileRecordKeyPrefix); it != db.metadata_keys_end(kFileRecordKeyPrefix); ++it) {
        std::string value = db.get_metadata(*it);
        if (value.empty()) continue;
        try {
            FileRecord r = record_from_json(nlohmann::json::parse(value));
            records[r.path] = std::move(r);
        } catch (const nlohmann::json::exception&) {
            // A record we cannot read is forgotten: its file counts as new and is read again.
        }
    }
    return records;
}

void IndexWriter::save_record(const FileRecord& record) {
    db_.set_metadata(kFileRecordKeyPrefix + text::hash_hex(record.path), record_json(record).dump());
    records_[record.path] = record;
}

namespace {

bool bit(const std::vector<bool>& bits, Xapian::docid id) { return id < bits.size() && bits[id]; }

void set_bit(std::vector<bool>& bits, Xapian::docid id) {
    if (id >= bits.size()) bits.resize(std::max<std::size_t>(id + 1, bits.size() * 2));
    bits[id] = true;
}

}  // namespace

IndexWriter::OpenFile& IndexWriter::open_file(const std::string& path) {
    if (open_ && open_->path == path) return *open_;
    open_ = OpenFile{};
    open_->path = path;
    open_->own_term = path_term(path);
    // In an index that started empty, only files written earlier in this run have documents.
    bool may_have_documents = !started_empty_ || !applied_paths_.insert(path).second;
    if (may_have_documents) {
        for (auto it = db_.postlist_begin(open_->own_term); it != db_.postlist_end(open_->own_term); ++it) {
            set_bit(open_->before, *it);
        }
    }
    return *open_;
}

ApplyCounts IndexWriter::apply_file(const FileRecord& record, std::vector<BuiltArticle>& articles) {
    ApplyCounts counts = add_articles(record.path, articles);
    ApplyCounts ended = end_file(record);
    counts.removed += ended.removed;
    return counts;
}

ApplyCounts IndexWriter::add_articles(const std::string& path, std::vector<BuiltArticle>& batch) {
    ApplyCounts counts;
    OpenFile& file = open_file(path);
    const std::string& own_path = file.own_term;
    if (!batch.empty()) mark_run_open();
    for (BuiltArticle& built : batch) {
        ++file.articles;
        built.doc.add_value(schema::kSlotAdded, stamp_);
        // Into an index that was empty, a story not yet seen in this run is new: adding it
        // directly saves Xapian two look-ups per story, most of a first build's writing time.
        if (started_empty_ && new_ids_.size() < kMaxRememberedIds && new_ids_.insert(text::hash64(built.id_term)).second) {
            set_story(built.doc, story_key(db_, bands(), built.doc, built.id_term, 0));
            built.doc.add_boolean_term(own_path);
            Xapian::docid written = db_.add_document(built.doc);
            remember_bands(written, built.doc);
            set_bit(file.kept, written);
            ++counts.added;
            pending_bytes_ += built.text_bytes;
            ++pending_documents_;
            continue;
        }
        // Other files holding the same story keep their claim on it.
        auto existing = db_.postlist_begin(built.id_term);
        Xapian::docid own = 0;
        if (existing != db_.postlist_end(built.id_term)) {
            own = *existing;
            Xapian::Document old = db_.get_document(own);
            // A story this file gave before, unchanged: rewriting it would cost Xapian a look at
            // every one of its terms for nothing.
            if (bit(file.before, *existing) && !bit(file.kept, *existing) &&
                old.get_value(schema::kSlotFingerprint) == built.doc.get_value(schema::kSlotFingerprint)) {
                set_bit(file.kept, *existing);
                ++counts.unchanged;
                continue;
            }
            // The same story from another file: not new, so it keeps the time it was added.
            if (old.get_value(schema::kSlotFingerprint) == built.doc.get_value(schema::kSlotFingerprint) &&
                !old.get_value(schema::kSlotAdded).empty()) {
                built.doc.add_value(schema::kSlotAdded, old.get_value(schema::kSlotAdded));
            }
            const std::string prefix(path_field().filter_prefix);
            auto t = old.termlist_begin();
            for (t.skip_to(prefix); t != old.termlist_end() && (*t).compare(0, prefix.size(), prefix) == 0; ++t) {
                if (*t != own_path) built.doc.add_boolean_term(*t);
            }
            ++counts.replaced;
            set_bit(file.kept, own);
            if (band_memo_) band_memo_->remove(own, old);
        } else {
            ++counts.added;
        }
        set_story(built.doc, story_key(db_, bands(), built.doc, built.id_term, own));
        built.doc.add_boolean_term(own_path);
        Xapian::docid written = db_.replace_document(built.id_term, built.doc);
        remember_bands(written, built.doc);
        set_bit(file.kept, written);
        pending_bytes_ += built.text_bytes;
        ++pending_documents_;
    }
    maybe_commit();
    return counts;
}

ApplyCounts IndexWriter::end_file(const FileRecord& record) {
    ApplyCounts counts;
    OpenFile& file = open_file(record.path);
    for (Xapian::docid old = 1; old < file.before.size(); ++old) {
        if (!file.before[old] || bit(file.kept, old)) continue;
        Xapian::Document doc = db_.get_document(old);
        doc.remove_term(file.own_term);
        if (has_path_term(doc)) {
            db_.replace_document(old, doc);
        } else {
            if (band_memo_) band_memo_->remove(old, doc);
            db_.delete_document(old);
            ++counts.removed;
        }
        ++pending_documents_;
    }
    FileRecord saved = record;
    saved.articles = file.articles;
    saved.failed = false;
    open_.reset();
    save_record(saved);
    maybe_commit();
    return counts;
}

void IndexWriter::record_failure(const FileRecord& record) {
    if (open_ && open_->path == record.path) open_.reset();
    FileRecord saved = record;
    saved.failed = true;
    save_record(saved);
}

void IndexWriter::record_touch(const FileRecord& record) {
    auto it = records_.find(record.path);
    FileRecord saved = record;
    if (it != records_.end()) saved.articles = it->second.articles;
    save_record(saved);
}

ApplyCounts IndexWriter::remove_file(const std::string& path) {
    FileRecord empty;
    empty.path = path;
    std::vector<BuiltArticle> none;
    ApplyCounts counts = apply_file(empty, none);
    db_.set_metadata(kFileRecordKeyPrefix + text::hash_hex(path), "");
    records_.erase(path);
    return counts;
}

void IndexWriter::remember_bands(Xapian::docid id, const Xapian::Document& doc) {
    if (!band_memo_) return;
    band_memo_->add(id, doc);
    // Past the bound, Xapian's postings answer for the rest of the run (slower, not wrong).
    if (band_memo_->size() > options_.memo_bands) band_memo_.reset();
}

void IndexWriter::maybe_commit() {
    if (pending_documents_ >= options_.batch_documents || pending_bytes_ >= options_.batch_bytes) commit();
}

void IndexWriter::mark_run_open() {
    // A searcher that sees some of this run's commits must not take the run as done (its
    // stories of this stamp are not all there yet); a scratch shard's marks would outlive it.
    if (run_open_ || scratch_) return;
    db_.set_metadata(std::string(schema::kAddedOpenKey), stamp_);
    run_open_ = true;
}

void IndexWriter::finish_run() {
    // Also the mark of a run that was killed: its stories that were committed are all in now.
    const std::string key(schema::kAddedOpenKey);
    if (!scratch_ && (run_open_ || !db_.get_metadata(key).empty())) db_.set_metadata(key, "");
    run_open_ = false;
    commit();
}

void IndexWriter::commit() {
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    db_.set_metadata(std::string(schema::kLastCommitKey), dates::to_iso8601(now));
    db_.commit();
    pending_documents_ = 0;
    pending_bytes_ = 0;
}

}  // namespace dateline
