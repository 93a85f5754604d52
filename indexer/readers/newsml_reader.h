// NewsmlReader: IPTC NewsML-G2 (newsMessage, newsItem, packageItem and the other G2 item roots)
// and NewsML 1.x (<NewsML>). One article per text story; a message or package carrying several
// items yields several articles, and items without text (pictures, video, concepts, planning,
// packages that only point elsewhere) yield none.
//
// NewsML-G2 mapping, per newsItem: contentMeta/headline -> title; contentSet inlineXML (XHTML or
// NITF) or inlineData (text or HTML) -> body; itemMeta/firstCreated, else contentMeta/
// contentCreated, else itemMeta/versionCreated -> published; contentMeta/creator and by -> authors;
// typed subjects (cpnat:person, cpnat:organisation, cpnat:geoArea/poi) and located -> curated
// people, organisations and places; other subjects -> subjects (and keywords); keyword -> keywords; contentMeta/language
// or xml:lang -> language; itemMeta/provider, else contentMeta/creditline -> source; guid -> id; dateline -> dateline.
//
// NewsML 1.x mapping, per story (a NewsComponent with a HeadLine and text of its own below it):
// NewsLines HeadLine/ByLine/DateLine -> title/authors/dateline; ContentItem DataContent (NITF,
// XHTML or escaped HTML) -> body; NewsManagement FirstCreated, else ThisRevisionCreated, else the
// envelope's DateAndTime -> published; PublicIdentifier -> id; Provider/Source Party -> source;
// DescriptiveMetadata Language -> language, Location properties (City, Country ...) -> places,
// TopicSet names -> keywords.
#pragma once

#include "reader.h"

namespace dateline {

class NewsmlReader final : public Reader {
public:
    std::string_view name() const override { return "newsml"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

}  // namespace dateline
