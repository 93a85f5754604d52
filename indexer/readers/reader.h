// Reader: one per file format. A reader knows its format and the Article model, nothing else: it
// never touches Xapian, the index or the terminal.
//
// The pipeline opens a file (gunzipped when it was compressed), asks every reader how sure it is
// that the first bytes are its format (sniff), and hands the file to the most confident one.
// read() calls `emit` once per article in the file, in file order. Readers are stateless and
// read() is called from several worker threads at once, so it must not touch shared state.
//
// A reader that parses a whole document at once (XML, HTML, one JSON document) gets the whole
// file, within a size limit. A reader of a line-oriented format (streams() true: JSON Lines,
// CSV) gets the first bytes and a stream of the rest, and reads a file of any size in bounded
// memory: every article it emits is written before the end of the file is reached.
//
// One bad record loses one record: a reader that meets a record it cannot read (a line that is
// not JSON, a broken row, markup it had to repair) reports it through SourceFile::warn, with its
// line and the reason, and reads on. ReadError is for a file with nothing readable left.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "article.h"

namespace dateline {

// The two size limits of reading, both here so that readers and the loader share them:
// A file read whole (after decompression) above kMaxFileBytes is refused: an article file is never
// this large, and reading one would hold the whole thing in memory on each worker.
inline constexpr std::size_t kMaxFileBytes = 256u << 20;
// What is parsed at once (an XML or HTML document, one JSON document, one line of JSON Lines or
// CSV) is at most kMaxParsedBytes: a parser's tree takes several times its input.
inline constexpr std::size_t kMaxParsedBytes = 64u << 20;

}  // namespace dateline

namespace dateline {

// The bytes of a file after its first ones, in pieces, decompressed. Not thread-safe.
class ByteStream {
public:
    virtual ~ByteStream() = default;
    // Up to `size` bytes into `buffer`; 0 at the end. Throws ReadError when the file cannot be
    // read further (a damaged or truncated gzip stream, an I/O error).
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

struct SourceFile {
    SourceFile(std::string path_, std::string data_, ByteStream* rest_ = nullptr,
               std::function<void(std::size_t, const std::string&)> warn_ = {})
        : path(std::move(path_)), data(std::move(data_)), rest(rest_), warn(std::move(warn_)) {}

    std::string path;   // as the user gave it (or found under a directory they gave)
    // The file's bytes, decompressed: all of them, or, when `rest` is set, the first ones.
    std::string data;
    // The bytes after `data`, for readers that stream (Reader::streams()); null when `data` is
    // the whole file.
    ByteStream* rest = nullptr;
    // Where a reader reports a record it skipped or markup it repaired, and reads on: the 1-based
    // line (0 when unknown) and the reason. Unset: such reports are dropped.
    std::function<void(std::size_t line, const std::string& why)> warn;

    void report(std::size_t line, const std::string& why) const {
        if (warn) warn(line, why);
    }
};

// A file that cannot be read as its format. what() says why in words a user can act on; line
// is 1-based, 0 when unknown. The indexer reports the file as failed and reads it again once it
// has changed. Articles a streaming reader emitted before the error stay indexed (the file's
// older stories too: nothing is pruned from a file that was not read to its end); a file read
// whole gives none.
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

    // True when read() takes SourceFile::rest: the file is given as a stream, whatever its size.
    virtual bool streams() const { return false; }

    // Parses the file and emits its articles; throws ReadError when the file is not readable as
    // this format. Articles need not have ids: the pipeline assigns stable ones.
    virtual void read(const SourceFile& file, const ReaderOptions& options,
                      const std::function<void(Article&&)>& emit) const = 0;
};

// A streamed file's bytes (data, then all of rest) as one string, for a reader that finds it
// must parse the file as one document after all; ReadError when they are over `max_bytes`.
std::string whole_file(const SourceFile& file, std::size_t max_bytes);

// Every reader Dateline has, in the order they are offered a file.
const std::vector<std::unique_ptr<Reader>>& all_readers();

// The reader with this --format name, or nullptr.
const Reader* reader_named(std::string_view name);

// The most confident reader for this file, or nullptr when none claims it.
const Reader* detect_reader(std::string_view path, std::string_view head);

}  // namespace dateline
