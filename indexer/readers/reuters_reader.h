// ReutersReader: the SGML of the Reuters-21578 collection (reut2-*.sgm).
//
// Each <REUTERS> element is one article: NEWID gives the id ("reuters-<NEWID>"), <DATE> the
// publication time, <TITLE>, <DATELINE> and <BODY> the text (UNPROC stories keep their raw text as
// the body), <PEOPLE>/<ORGS>/<PLACES> the curated entity lists with readable names
// ("james-baker" -> "James Baker", "opec" -> "OPEC", "west-germany" -> "West Germany"), and <TOPICS>
// the subjects (each a keyword too). The files are SGML, not XML: control-character references (&#3;), stray '&' and
// '<' in text are expected and handled. A story that never closes (a truncated file) makes the
// file fail after the complete stories before it have been emitted.
#pragma once

#include "reader.h"

namespace dateline {

class ReutersReader final : public Reader {
public:
    std::string_view name() const override { return "reuters"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

// The display name of a Reuters category code of the given list ("people", "orgs", "places").
std::string reuters_display_name(std::string_view list, std::string_view code);

}  // namespace dateline
