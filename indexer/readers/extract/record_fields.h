// RecordFields: the article inside a record of named values, for the formats that are tables of
// records: JSON Lines, JSON documents, CSV.
//
// Each article field is taken from the first key present (non-empty) in the record, by default:
//   id        id, guid, uuid, _id          title     title, headline, name, webTitle
//   body      body, text, content, article_body, articleBody, bodyText, body_text, summary,
//             description, lead_paragraph, abstract, snippet (HTML in it becomes text)
//   published date_gmt, date, published, datePublished, publish_date, pubDate, published_at,
//             publishedAt, pub_date, webPublicationDate, firstPublicationDate, date_published,
//             created_at, timestamp (ISO 8601 or any form dates::parse reads; numbers are Unix
//             seconds); else the page's publishing date among crawled <meta> tags kept in the
//             record (meta_data / metadata / meta: article:published_time, pubdate, dc.date ...)
//   url       url, link, canonical_link, canonical_url, webUrl, web_url, permalink
//   source    source, publication, publisher, site_name, site
//   authors   author, authors, byline, creator
//   section   section, category, label, sectionName, section_name
//   language  language, lang                     dateline  dateline
//   people, organizations, places   people/persons, organizations/organisations/orgs, places/locations
//   subjects  subjects, subject (each is a keyword too)
//   keywords  keywords, tags, topics, subjects
// A key missing from the record is looked for in the objects exports wrap articles in:
// "_source" (Elasticsearch), "fields" (the Guardian's API), "attributes" (JSON:API), "article",
// "data". A value may be a string, a number, an array, or an object with its text under "name"
// (JSON-LD), "value", "main" (a headline object), "original" (a byline object) or "rendered"
// (WordPress). Keywords given as {"name": category, "value": text} pairs go by category:
// persons, organizations and (g)locations become curated entities ("Vale, Henrietta" ->
// Henrietta Vale). ReaderOptions::json_map replaces the keys tried for a field with one key
// (`--map title=headline`); a key starting with '/' is a JSON pointer into nested objects
// (`--map published=/meta_data/article/published_time`). People, organisations and places given
// in a record are curated.
//
// Immutable after construction: one instance may serve several threads.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "reader.h"

namespace dateline {

class RecordFields {
public:
    // Throws ReadError for a --map naming no article field.
    explicit RecordFields(const ReaderOptions& options);

    // The article a record holds; its body is empty when the record has no article text.
    Article article(const nlohmann::json& record) const;

private:
    struct Table;
    std::shared_ptr<const Table> table_;
};

}  // namespace dateline
