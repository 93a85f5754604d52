// Article: the one model every part of Dateline shares.
//
// Each member that is a field has its row in the schema (common/schema.h), which maps it to
// terms, slots and JSON; the members below the entity lists are the reader's bookkeeping.
//
// Readers (indexer/readers) produce Articles from files; the analysis step fills in what the
// source did not say (entities, language, id); the document builder turns an Article into a
// Xapian document through the schema (common/schema.h). Nothing here knows about Xapian or about
// any file format.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dateline {

// Seconds since the Unix epoch, UTC. Dateline stores every date in UTC.
using UtcTime = std::chrono::sys_seconds;

struct Article {
    std::string id;            // stable unique id; empty until assign_id() or the reader sets one
    std::string title;         // headline, one line
    std::string body;          // article text, paragraphs separated by "\n\n"
    std::vector<std::string> authors;  // bylines, "By" removed
    std::string source;        // publication or agency, e.g. "Reuters"
    std::string section;       // desk or section, e.g. "Business"
    std::string url;           // canonical URL when the source gives one
    std::string language;      // ISO 639-1 code ("en"), empty if unknown
    std::string dateline;      // the place line of a wire story ("SALVADOR, Feb 26")
    // What the text is: "story" (prose), "brief" (a story of a few sentences), "table" (results,
    // standings, prices: rows of names and figures) or "list" (items, not sentences). Readers
    // set it (indexer/readers/extract/story_kind.h); "" when unknown.
    std::string kind;
    std::optional<UtcTime> published;  // publication time; empty when the source gives none
    std::vector<std::string> people;         // display names, one per person
    std::vector<std::string> organizations;  // display names, one per organization
    std::vector<std::string> places;         // display names, one per place
    // The subject categories the source filed the story under, in its own words or codes
    // (Reuters TOPICS "crude", IPTC "economy, business and finance"). Each is a keyword too.
    std::vector<std::string> subjects;
    std::vector<std::string> keywords;       // topics / subjects / categories / tags
    std::string source_path;   // the file the article came from (as given on the command line)
    std::string format;        // the reader that produced it: "text", "reuters", ...

    // True when the entity lists came from the source's own markup (Reuters tags, NITF
    // <person>, JSON-LD ...). Curated lists are kept as they are; the extractor does not add to
    // them unless asked (--extract always).
    bool curated_people = false;
    bool curated_organizations = false;
    bool curated_places = false;
};

// Gives `a` a stable id when its reader did not: a hash of what identifies the story (its URL
// when known, else title, date and the start of the body), so the same story read twice, from
// the same or another file, gets the same id and replaces rather than duplicates.
void assign_id(Article& a);

// Appends `value` to `list` unless an equal value (compared case-insensitively) is there already.
void add_unique(std::vector<std::string>& list, const std::string& value);

// Adds a subject the source filed the story under, to its subjects and to its keywords (a
// subject is a keyword too, so keyword:crude finds what subject:crude does).
void add_subject(Article& a, const std::string& subject);

}  // namespace dateline
