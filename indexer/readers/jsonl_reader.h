// JsonlReader: JSON Lines, one article per line (nlohmann-json).
//
// Each line is a JSON object, read by RecordFields (record_fields.h) for its article fields.
// A whole-file JSON document (an array of such objects, or one object) is read the same way;
// an object that is no article itself but an API response or a search engine's dump
// ({"response": {"docs": [...]}}, {"hits": {"hits": [...]}}) gives the records of its largest
// array of objects.
// A record without article text (body) is metadata, not an article, and is passed over; a file
// with no article at all is NotAnArticle. A line that is not valid JSON or not an object does
// not stop the reading: every good line is read, then one ReadError reports "N bad lines, first
// at line L: reason", and the indexer reports the file.
#pragma once

#include "reader.h"

namespace dateline {

class JsonlReader final : public Reader {
public:
    std::string_view name() const override { return "jsonl"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};


}  // namespace dateline
