// FileProcessor: one source file -> articles and Xapian documents, on a worker thread.
//
// Everything an indexing run does to a file except writing it: load (gunzip), notice when the
// content is the same as last time, pick the reader, parse, extract entities, give ids, build
// documents. It never touches the index, so any number of workers run it at once.
#pragma once

#include <optional>
#include <string>
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
};

struct FileResult {
    FileRecord record;                 // the file's new record (reason set when it failed)
    FileState state = FileState::new_file;
    std::vector<BuiltArticle> built;   // documents to write (not in dry runs)
    std::vector<Article> articles;     // parsed articles (dry runs only)
};

// `builder` belongs to the calling thread; `extractor` is shared.
FileResult process_file(const FileTask& task, const IndexOptions& options, const EntityExtractor& extractor,
                        DocumentBuilder& builder);

}  // namespace dateline
