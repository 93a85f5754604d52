// NitfReader: NITF (News Industry Text Format, IPTC), any version from 2.5 to 3.x; one article
// per <nitf> document.
//
// Mapping: <hedline><hl1> (else the text of <hedline> itself, else <head><title>) -> title; <byline> -> authors (a <person> inside
// it, else the names in its text); <dateline> -> dateline; <body.content> -> body (one paragraph
// per <p>, <pre> lines kept); <docdata>: <date.issue norm>, else <date.release norm>, else the
// dateline's <story.date norm>, else <pubdata date.publication> -> published (a date element
// without norm is read from its text); <doc-id id-string> -> id "nitf-<id-string>";
// <doc.copyright holder>, <pubdata name> or <distributor> -> source; <key-list><keyword key> and
// <tobject.subject matter> -> subjects (and keywords); xml:lang -> language. Inline <person>, <org> and
// <location> (or <city>/<country>/<region>/<state>) in the body are the curated people,
// organisations and places. <chron> carries no publication date (it marks dates the story talks
// about) and is left as text. A document with neither headline nor text yields no article.
#pragma once

#include <libxml/tree.h>

#include "reader.h"

namespace dateline {

class NitfReader final : public Reader {
public:
    std::string_view name() const override { return "nitf"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

// Fills `a` from an <nitf> element, as above; NewsML items that carry NITF use it too.
void article_from_nitf(const xmlNode* nitf, Article& a);

// Adds the inline <person>/<org>/<location> markup below `node` to a's curated lists.
void add_nitf_entities(const xmlNode* node, Article& a);

}  // namespace dateline
