// JsonlReader: JSON Lines, one article per line (nlohmann-json).
//
// Each line is a JSON object, read by RecordFields (record_fields.h) for its article fields.
// A whole-file JSON document (an array of such objects, or one object) is read the same way;
// an object that is no article itself but an API response or a search engine's dump
// ({"response": {"docs": [...]}}, {"hits": {"hits": [...]}}) gives the records of its largest
// array of objects.
// A record without article text (body) is metadata, not an article, and is passed over; a file
// with no article at all is NotAnArticle.
//
// JSON Lines are streamed: a file of any size is read a line at a time (lines over 64 MiB are
// skipped), and its articles are emitted as they are read. A whole JSON document (a file whose
// first lines are not each a JSON value) must be parsed at once, and keeps the 64 MiB limit.
// A line that is not valid JSON or not an object is reported (SourceFile::warn, with its line
// and the reason) and skipped: every other line is read. Only a file without one readable line
// is a ReadError.
#pragma once

#include "reader.h"

namespace dateline {

class JsonlReader final : public Reader {
public:
    std::string_view name() const override { return "jsonl"; }
    int sniff(std::string_view path, std::string_view head) const override;
    bool streams() const override { return true; }
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};


}  // namespace dateline
