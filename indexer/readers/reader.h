// Reader: one per file format. A reader knows its format and the Article model, nothing else: it
// never touches Xapian, the index or the terminal.
//
// The pipeline loads a file (already gunzipped when it was compressed), asks every reader how
// sure it is that the bytes are its format (sniff), and hands the file to the most confident
// one. read() calls `emit` once per article in the file, in file order. Readers are stateless
// and read() is called from several worker threads at once, so it must not touch shared state.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace dateline {

struct SourceFile {
    std::string path;   // as the user gave it (or found under a directory they gave)
    std::string data;   // the file's bytes, decompressed
};

// A file that cannot be read as its format. what() says why in words a user can act on; line
// is 1-based, 0 when unknown. The indexer skips the whole file (articles emitted before the
// error included) and reads it again once it has changed.
class ReadError : public std::runtime_error {
public:
    explicit ReadError(const std::string& why, std::size_t line = 0)
        : std::runtime_error(why), line_(line) {}
    std::size_t line() const { return line_; }

private:
    std::size_t line_;
};

// A file that reads fine but is not a news article (a word list, a table, a memo of lists): it
// is skipped with a notice, not counted as a failure.
class NotAnArticle : public ReadError {
public:
    using ReadError::ReadError;
};

// Options that change what readers produce, set from the command line.
struct ReaderOptions {
    // JSON Lines field mapping overrides: article field -> key in the input ("title=headline").
    std::vector<std::pair<std::string, std::string>> json_map;
    // The headline, when metadata beside the file states it (a sidecar): a reader that would
    // guess a headline and header lines from the text keeps the text whole instead.
    std::string known_title;
    // The file's modification time, when known: the last resort for the year of a dateline that
    // gives only day and month (text_reader.h says what comes first).
    std::optional<UtcTime> file_modified;
};

class Reader {
public:
    virtual ~Reader() = default;

    // The --format name: "text", "reuters", ...
    virtual std::string_view name() const = 0;

    // How sure the reader is that the file is its format, 0 (not at all) to 100 (certain),
    // judged from the path and the first bytes (`head`, up to 64 KiB, already decompressed).
    virtual int sniff(std::string_view path, std::string_view head) const = 0;

    // Parses the file and emits its articles; throws ReadError when the file is not readable as
    // this format. Articles need not have ids: the pipeline assigns stable ones.
    virtual void read(const SourceFile& file, const ReaderOptions& options,
                      const std::function<void(Article&&)>& emit) const = 0;
};

// Every reader Dateline has, in the order they are offered a file.
const std::vector<std::unique_ptr<Reader>>& all_readers();

// The reader with this --format name, or nullptr.
const Reader* reader_named(std::string_view name);

// The most confident reader for this file, or nullptr when none claims it.
const Reader* detect_reader(std::string_view path, std::string_view head);

}  // namespace dateline
