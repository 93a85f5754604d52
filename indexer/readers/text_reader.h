// TextReader: plain-text articles, one per file.
//
// The layout is the one people save stories in: the headline on the first line; then, before the
// first paragraph of prose, optional lines of metadata in any order (a date in any form
// dates::parse reads, "By <name>", a source such as "Reuters" or "Source: Reuters",
// "example.com bureau"), page furniture that is dropped (view counts, the headline repeated,
// "@tags"), and a standfirst, which is kept as the body's first paragraph. The body runs to the
// end, or to the page furniture that closes saved web pages ("Also Read", "Related", copyright
// lines), which is cut; a copyright line names the source when no other line did.
//
// Wire copy puts a dateline under the headline ("TIGNES, France 1996-12-06", or a place alone in
// capitals) or at the start of the first paragraph ("LONDON, March 3 (Reuters) - ..."); it is
// read with common/dateline.h and ends the header (a table's rows after it are never taken for
// metadata; at most eight header lines are looked at in any case). It gives the article's
// dateline, its date when no header line gave one, its places (article_fields.h), and its source
// when it names an agency and no other line named a source. The text after its dash stays in the
// body; a line shaped like a dateline whose date cannot be read stays in the body whole. The
// year of a day and month comes from, in order: a date on a header line, the file's path
// (dates::date_in_path), the year of its copyright line, its modification time
// (ReaderOptions::file_modified); without any, the day and month give no date.
//
// Briefs, results, standings and price tables are articles like any story (Article::kind says
// which, see story_kind.h). Only a file with no article text below its first line (a word list,
// a table of bare figures) is NotAnArticle.
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
