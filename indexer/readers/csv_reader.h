// CsvReader: tables of articles, one row each (CMS exports, research corpora): .csv and .tsv.
//
// The delimiter (',', ';', tab, '|') and the quote character ('"' or ''') are found from the
// first rows: the pair under which they agree best on their number of columns. A doubled quote
// inside a quoted field stands for itself. A first row with a cell that names an article field
// (title, text, date, url... as RecordFields knows them) is a header. A table without one is
// read by shape: its longest column, when its cells run to paragraphs, is the article text (title
// and text run together, the title being the first sentence), and a short column whose values
// repeat is the section. Rows become records for RecordFields, so --map works as for JSON Lines.
// A table without a column of article text (a metadata table) is NotAnArticle; rows without
// text are passed over.
//
// Tables are streamed: the dialect, the header and the columns' roles come from the rows in the
// first 64 KiB, then the table is read a line at a time, whatever its size. A broken row (more
// fields than the header, text after a closing quote, a quote never closed) is reported
// (SourceFile::warn, with its first line and why) and skipped; every other row is read.
#pragma once

#include "reader.h"

namespace dateline {

class CsvReader final : public Reader {
public:
    std::string_view name() const override { return "csv"; }
    int sniff(std::string_view path, std::string_view head) const override;
    bool streams() const override { return true; }
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

}  // namespace dateline
