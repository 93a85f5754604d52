// JsonlReader: JSON Lines, one article per line (nlohmann-json).
//
// Each line is a JSON object; blank lines are skipped. Article fields are taken from the first
// key present (non-empty) in the record, by default:
//   id        id, guid, uuid              title     title, headline, name
//   body      body, text, content, article_body, articleBody, summary, description
//   published date, published, datePublished, publish_date, pubDate, published_at, created_at,
//             timestamp (ISO 8601 or any form dates::parse reads; numbers are Unix seconds)
//   url       url, link, canonical_link, canonical_url
//   source    source, publication, publisher, site_name, site
//   authors   author, authors, byline, creator   section   section, category
//   language  language, lang                     dateline  dateline
//   people, organizations, places   people/persons, organizations/organisations/orgs, places/locations
//   keywords  keywords, tags, topics, subjects
// A value may be a string, a number, an array of strings, or objects with a "name" (as JSON-LD
// writes authors). ReaderOptions::json_map replaces the keys tried for a field with one key
// (`--map title=headline`); a key starting with '/' is a JSON pointer into nested objects
// (`--map published=/meta_data/article/published_time`). People, organisations and places given
// in a record are curated.
//
// A whole-file JSON document (an array of such objects, or one object) is read the same way.
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

// The field names --map accepts ("title", "body", ...), for help text and validation.
const std::vector<std::string>& jsonl_field_names();

}  // namespace dateline
