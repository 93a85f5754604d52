// TextReader: plain-text articles, one per file.
//
// The layout is the one people save stories in: the headline on the first line; then, before the
// first paragraph of prose, optional lines of metadata in any order (a date in any form
// dates::parse reads, "By <name>", a source such as "Reuters" or "Source: Reuters",
// "example.com bureau"), page furniture that is dropped (view counts, the headline repeated,
// "@tags"), and a standfirst, which is kept as the body's first paragraph. The body runs to the
// end, or to the page furniture that closes saved web pages ("Also Read", "Related", copyright
// lines), which is cut; a copyright line names the source when no other line did.
// Files that are not UTF-8 are read in the encoding charset::guess finds (windows-1251, KOI8,
// windows-1252 ...); UTF-16 with a byte-order mark is decoded by the loader.
#pragma once

#include "reader.h"

namespace dateline {

class TextReader final : public Reader {
public:
    std::string_view name() const override { return "text"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

}  // namespace dateline
