#include "file_applier.h"

#include "article_json.h"
#include "dates.h"

namespace dateline {

FileApplier::FileApplier(IndexWriter* writer, const IndexOptions& options, RunSummary& summary, std::ostream& out,
                         std::ostream& err)
    : writer_(writer), options_(options), summary_(summary), out_(out), err_(err) {}

void FileApplier::print(const std::vector<Article>& articles) {
    for (const Article& a : articles) {
        if (options_.json) out_ << to_json(a).dump() << "\n";
        else out_ << a.id << "\t" << (a.published ? dates::to_iso8601(*a.published) : std::string("-")) << "\t" << a.title << "\n";
    }
}

void FileApplier::count(const ApplyCounts& c) {
    summary_.articles_added += c.added;
    summary_.articles_replaced += c.replaced;
    summary_.articles_unchanged += c.unchanged;
    summary_.articles_removed += c.removed;
}

void FileApplier::apply(FileBatch& batch) {
    summary_.articles_read += batch.built.size() + batch.articles.size();
    print(batch.articles);
    if (writer_) count(writer_->add_articles(batch.path, batch.built));
}

void FileApplier::apply(FileResult& r) {
    // What a reader skipped or repaired and read past: named, counted, and the file is read. A
    // file that gave nothing has its failure to say why instead.
    if (!r.handed_on && (r.state == FileState::failed || r.state == FileState::not_article)) {
        r.warnings.clear();
        r.warning_count = 0;
    }
    for (const auto& [line, why] : r.warnings) {
        err_ << "dateline-index: " << r.record.path << (line ? ":" + std::to_string(line) : std::string()) << ": " << why << "\n";
    }
    if (r.warning_count > r.warnings.size()) {
        err_ << "dateline-index: " << r.record.path << ": " << r.warning_count - r.warnings.size() << " more problems like these\n";
    }
    summary_.problems += r.warning_count;
    switch (r.state) {
        case FileState::failed:
            ++summary_.files_failed;
            err_ << "dateline-index: " << r.record.path << ": " << r.record.reason << "\n";
            if (writer_) writer_->record_failure(r.record);
            return;
        case FileState::not_article:
            ++summary_.files_skipped;
            if (!options_.quiet) err_ << "dateline-index: " << r.record.path << ": skipped, " << r.record.reason << "\n";
            // Remembered, so the next run does not read it again until it changes.
            if (writer_) writer_->apply_file(r.record, r.built);
            return;
        case FileState::touched:
            ++summary_.files_touched;
            if (writer_) writer_->record_touch(r.record);
            return;
        case FileState::interrupted:
            summary_.interrupted = true;
            return;
        case FileState::new_file:
        case FileState::changed:
            break;
    }
    ++summary_.files_read;
    ++(r.state == FileState::new_file ? summary_.files_new : summary_.files_changed);
    if (r.warning_count) ++summary_.files_read_in_part;
    summary_.articles_read += r.built.size() + r.articles.size();
    print(r.articles);
    if (writer_) count(writer_->apply_file(r.record, r.built));
}

}  // namespace dateline
