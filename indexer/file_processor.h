// FileProcessor: one source file -> articles and Xapian documents, on a worker thread.
//
// Everything an indexing run does to a file except writing it: open (gunzip), notice when the
// content is the same as last time, pick the reader, parse, extract entities, give ids, build
// documents. It never touches the index, so any number of workers run it at once.
//
// Articles are handed on in batches (FileBatch) as the reader emits them: a streamed file (JSON
// Lines, CSV, of any size) is never held whole. A worker holds at most one batch being filled;
// the caller bounds the batches waiting to be written (ordered_work.h: two per file in flight). A
// file read whole (XML, HTML, text; at most kMaxFileBytes) is held whole while it is parsed.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "discovery.h"
#include "document_builder.h"
#include "entities.h"
#include "index_options.h"
#include "index_writer.h"

namespace dateline {

struct FileTask {
    DiscoveredFile file;
    std::optional<FileRecord> previous;  // what the index knows of the file, if anything
};

enum class FileState {
    new_file,     // never indexed: its articles are added
    changed,      // indexed before with other content: its articles replace the old ones
    touched,      // time stamp moved, content the same: nothing to do but remember the time
    failed,       // cannot be read: reported, counted, recorded
    not_article,  // read, but not a news article: skipped with a notice, recorded
    interrupted,  // stopped half-way (StopReading): batches handed on stay, nothing is recorded,
                  // so the next run reads the file again
};

// A batch is handed on when it holds this many articles or this much text. Measured with the
// 1 GB JSON Lines case of scripts/bench: bigger batches gain no speed, and the writer commits
// every 2,500 documents anyway.
inline constexpr std::size_t kBatchArticles = 500;
inline constexpr std::size_t kBatchTextBytes = 4u << 20;

// Problems named per file (the rest are counted): a file of bad lines must not flood the log.
inline constexpr std::size_t kMaxWarningsShown = 10;

struct FileBatch {
    std::string path;                  // the file the articles come from
    std::vector<BuiltArticle> built;   // documents to write (not in dry runs)
    std::vector<Article> articles;     // parsed articles (dry runs only)
};

struct FileResult {
    FileRecord record;                 // the file's new record (reason set when it failed)
    FileState state = FileState::new_file;
    std::vector<BuiltArticle> built;   // the last documents, not handed on in a batch
    std::vector<Article> articles;     // the same, in dry runs
    bool handed_on = false;            // some batches were handed on before this result
    // Records skipped and markup repaired while reading (the file is read all the same):
    // (line or 0, reason), the first kMaxWarningsShown of warning_count.
    std::vector<std::pair<std::size_t, std::string>> warnings;
    std::size_t warning_count = 0;
};

// Thrown by a hand_on callback to stop reading the file (the run is being stopped): the result
// is then FileState::interrupted.
struct StopReading {};

// Receives each full batch of a file, in order, before FileProcessor::process returns.
using BatchSink = std::function<void(FileBatch&&)>;

// One run's way of processing files: its options and its EntityExtractor, made once and shared
// by every worker (process is const and touches nothing shared but the extractor, which is const).
class FileProcessor {
public:
    explicit FileProcessor(const IndexOptions& options);

    // `builder` belongs to the calling thread.
    FileResult process(const FileTask& task, DocumentBuilder& builder, const BatchSink& hand_on) const;

    const IndexOptions& options() const { return options_; }

private:
    const IndexOptions& options_;
    EntityExtractor extractor_;
};

}  // namespace dateline
