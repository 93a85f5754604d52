// FeedReader: RSS 0.9x and 2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 feeds, Media RSS included. Each
// <item> or <entry> is one article.
//
// Mapping: title -> title (HTML in it removed); link (Atom: rel="alternate", else the first
// link; feedburner:origLink wins) -> url; guid/id -> id "feed-<hash>" when there is no link (else
// the pipeline derives the id from the url, so the same story from a page and a feed is one);
// pubDate, dc:date, published, updated, issued -> published (RFC 822 dates with localized day and
// month names, as Italian, Portuguese, Spanish, French and German feeds write them, are read);
// author, dc:creator, Atom author/name -> authors; category, Atom category term -> keywords;
// dc:subject -> subjects (and keywords); the longest of content:encoded, Atom content, description/summary and
// media:description -> body, HTML turned into text; the item's <source>, else the channel or feed
// title -> source; language, dc:language, xml:lang -> language. An item without a title is
// titled with the start of its text.
#pragma once

#include "reader.h"

namespace dateline {

class FeedReader final : public Reader {
public:
    std::string_view name() const override { return "feed"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

// A feed date: RFC 822 (localized names too), ISO 8601, or anything dates::parse reads.
std::optional<UtcTime> parse_feed_date(std::string_view value);

}  // namespace dateline
