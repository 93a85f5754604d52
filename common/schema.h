// The schema: the one table of Dateline's fields, and the plain description of what an index holds.
//
// WHAT A DATELINE INDEX HOLDS
//
// A Dateline index is a Xapian database (glass backend). Each document is one article. The
// document holds four things:
//
// 1. Terms. Here "_" stands for the value, and "stem" means Xapian's Snowball stem for the
//    article's language, with accents folded:
//      Z<stem>              a word of the title or the body, stemmed (STEM_ALL_Z). The title's words
//                           count 5 per occurrence and the body's 1. Words are positional. A gap of
//                           100 positions separates fields, so no phrase spans two of them.
//      ZS<stem>             a word of the title, also under the title's own prefix (title:word)
//      ZA<stem>, ZXSOURCE<stem>, ZXSECTION<stem>, ZXKEYWORD<stem>
//                           a word of an author, source, section or keyword (author:word...).
//                           A one-word value has no positions, because no phrase can use them.
//                           People, organizations and places have no word terms (flag
//                           kWordsFromNames): person:word finds the names holding the word among
//                           their XPERSON: terms (searcher/name_words.h). Indexes written before
//                           hold ZXPERSON<stem>, ZXORG<stem> and ZXPLACE<stem> too; no query
//                           reads them now.
//      Q_                   the article's id (unique: a story is replaced, never doubled)
//      XAUTHOR:_ XSOURCE:_ XSECTION:_ XPERSON:_ XORG:_ XPLACE:_ XKIND:_ XSUBJECT:_ K_ U_ L_
//                           exact filters: the whole value lower-cased with spaces collapsed
//                           (K keyword, U url, L language code). Over 240 bytes, the value is
//                           cut and followed by '#' and a hash of the whole.
//      XPATH:_              one term per file holding the story, with the path exactly as given.
//                           The index writer adds it; a story no file holds any more is removed.
//      D<YYYYMMDD> M<YYYYMM> Y<YYYY>
//                           the publication date's day, month and year (Omega's date terms)
//      XMINHASH<16 hex>     the MinHash band keys of the body (common/minhash.h): an article
//                           sharing one with another is a candidate copy of its story. No
//                           positions, wdf 0; none for a body under minhash::kMinWords words.
//      XSTORY:<16 hex>      the story the article is a copy of (slot 9 holds the same key): all
//                           copies of a story, for listing them under a result
//      plus unsigned forms of "c++"/"c#"-like words, and CJK text indexed unstemmed
//      (indexer/document_builder.cpp says why)
// 2. Value slots:
//      0  the publication time, "YYYYMMDDhhmmss" UTC, which sorts as a string
//      1  people, 2 organizations, 3 places, 4 source, 7 kind, 8 subjects: the display names,
//         joined by '\x1f' (encode_list), which the facets count
//      5  the year, "YYYY", which the years facet counts
//      6  the fingerprint: a hash of the document data and the schema version, so a changed
//         file's unchanged stories are not written again
//      9  the story key: 16 hex digits, the same for every copy of one story (the same agency
//         text republished, re-sent or lightly edited); the searcher collapses on it. The index
//         writer gives it (indexer/copy_finder.h): the key of the earliest copy found, else a
//         hash of the article's own id term
//      10 the added stamp: when the index run that wrote the story began, "YYYYMMDDhhmmssffffff"
//         UTC to the microsecond, the same for every story of a run and later than every stamp
//         the index held before (common/added_stamp.h). A story written again because it changed
//         gets the run's stamp; an unchanged one keeps its own. "New since" searches read it.
// 3. Document data: the article as JSON (common/article_json.h). Its keys are the JSON names of
//    the table below that have an Article member: id, title, date (ISO 8601 UTC, or null), source,
//    authors, section, url, language, dateline, kind, path, format, people, organizations,
//    places, subjects, keywords, body.
// 4. Metadata keys:
//      dateline.schema_version   kVersion below. Both programs refuse any other version and ask
//                                for a rebuild.
//      dateline.last_commit      the ISO 8601 UTC time of the last commit
//      dateline.added_open       the added stamp of a run that has begun committing and has not
//                                finished ("" once it has): "new since" stops before it
//      dateline.file:<hash>      one record per file read: its path, size, mtime, content hash,
//                                article ids, or why it failed (indexer/index_writer.h)
//
// THE TABLE
//
// Each row below names a field once, with everything the rest of Dateline needs: its name in
// queries and options ("person"), its JSON key ("people"), its labels on the page, its Article
// member, prefixes, slot, weight, facet name and flags. Several things are derived from the
// table: the document builder, the query parser's prefixes, the exact filters of the command line
// and the HTTP API, the default facets, the completions, both programs' --help, article and result
// JSON, and the page's filters and facets (GET /api/schema). Code names a field by its FieldId,
// never by a string, so renaming a field fails the build. To add a field: give it an id, a row
// and an Article member, have the readers fill it, and test it. If the index changes, bump kVersion.
//
// Prefixes follow Omega's conventions where Omega has them (Q id, S title, A author, U url,
// K keyword, L language, D/M/Y dates), so that xapian-delve and Omega users recognise the index.
// Dateline's own fields use X... prefixes, and their exact-filter prefixes end in ':' so that a
// filter term can never be mistaken for a free-text term with the same letters.
//
// Free text is indexed stemmed only, as Xapian's STEM_ALL_Z does ("talks" and "talk" are one
// term). Measured on Reuters-21578, this indexes a third faster and is a sixth smaller than
// Omega's stemmed-plus-unstemmed terms. A news archive is searched by word, not by inflection.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace dateline::schema {

// Bump this when a change makes older indexes unreadable, or wrong for this code (new prefixes,
// different slot contents).
inline constexpr int kVersion = 4;  // 4: story keys (copies), added stamps; 3: subjects; 2: kind, per-language stems, accents folded, CJK n-grams
inline constexpr std::string_view kVersionKey = "dateline.schema_version";
// The one check of a stored version, for the writer and the searcher alike: "" when `stored` is
// kVersion, else the message both programs give for the index at `path` (it says to rebuild). An
// index with no version at all is each program's own case, and not asked here.
std::string version_mismatch(std::string_view stored, const std::string& path);
inline constexpr std::string_view kLastCommitKey = "dateline.last_commit";
// The added stamp of a run still writing (see above).
inline constexpr std::string_view kAddedOpenKey = "dateline.added_open";

// Every field, in the order of the table (the order of options, parameters and help).
enum class FieldId {
    id, title, body, author, section, person, org, place, source, kind, subject, keyword, url, language, path, date, year,
    dateline, format,
};

enum class Kind {
    text,      // free text only: positional, searchable as name:word
    filter,    // exact filter only: one boolean term per value
    both,      // free text and exact filter
    date,      // the publication date: D/M/Y terms, a sortable value
    stored,    // kept in the document data only: shown, never searched
};

// What a field takes part in besides indexing, as bits of Field::flags.
enum Flag : unsigned {
    kFilter = 1u << 0,        // an exact filter: --NAME, NAME= / any_NAME= / not_NAME= over HTTP, the page's chips
    kDefaultFacet = 1u << 1,  // counted when no facets are asked for (it has a facet name)
    kSuggest = 1u << 2,       // its names are offered by completions when no field is asked for
    kResult = 1u << 3,        // in each result of the search JSON (the article JSON has every field)
    kHelp = 1u << 4,          // listed under "Fields" in dateline-search --help
    kByWriter = 1u << 5,      // the index writer adds its terms, not the document builder (path)
    // Its words have no terms: NAME:word is answered from its filter terms (searcher/name_words.h).
    kWordsFromNames = 1u << 6,
};

// Where an Article keeps a field: one string, or a list of strings. Neither for the date (its own
// type) or the year (derived from the date).
struct Member {
    std::string Article::*one = nullptr;
    std::vector<std::string> Article::*many = nullptr;
};

struct Field {
    FieldId id;
    std::string_view name;           // name in queries ("person:"), options (--person) and parameters
    std::string_view json_name;      // key in JSON ("people")
    std::string_view label;          // the page's name for one value ("Person")
    std::string_view plural;         // the page's heading for its facet ("People")
    Member member;
    std::string_view text_prefix;    // free-text term prefix ("" = unprefixed, body text)
    std::string_view filter_prefix;  // exact-filter term prefix, "" when none
    int slot;                        // value slot, -1 when none
    int weight;                      // wdf per occurrence for free text (title above body)
    // Prose (title, body): the words of a prefixed field are also indexed unprefixed, so plain
    // queries find headlines. Otherwise the field holds names (people, places, sources...) and is
    // searched only through its prefix ("person:hegseth"). Plain words still find those names in
    // the article's own text.
    bool prose;
    Kind kind;
    std::string_view facet;          // facet name ("sources"), "" when not a facet
    unsigned flags;                  // Flag bits
    std::string_view help;           // one line for --help

    constexpr bool has(Flag f) const { return (flags & f) != 0; }
    constexpr bool searchable_text() const { return kind == Kind::text || kind == Kind::both; }
    // Its names can be completed (/api/suggest?field=NAME): a filter of names with a facet slot,
    // whose display forms completions show.
    constexpr bool completable() const { return has(kFilter) && kind == Kind::both && slot >= 0; }
    // Can be named in a query ("person:hegseth", "date:2025-02", "year:1987").
    constexpr bool queryable() const { return kind != Kind::stored && (kind != Kind::filter || !filter_prefix.empty()); }
};

// Value slots.
inline constexpr int kSlotPublished = 0;   // "YYYYMMDDhhmmss" UTC: sorts as a string
inline constexpr int kSlotPeople = 1;
inline constexpr int kSlotOrganizations = 2;
inline constexpr int kSlotPlaces = 3;
inline constexpr int kSlotSource = 4;
inline constexpr int kSlotYear = 5;        // "YYYY"
// Indexes written before the fingerprint existed rewrite each story once.
inline constexpr int kSlotFingerprint = 6;
inline constexpr int kSlotKind = 7;        // "story", "brief", "table" or "list"
inline constexpr int kSlotSubjects = 8;
inline constexpr int kSlotStory = 9;       // the story key: copies of one story share it

// Copies of one story (indexer/copy_finder.h): the MinHash band keys of the body, and the story.
inline constexpr std::string_view kMinHashPrefix = "XMINHASH";
inline constexpr std::string_view kStoryPrefix = "XSTORY:";

// When the story was added or last revised: common/added_stamp.h.
inline constexpr int kSlotAdded = 10;

// Prefixes of date terms (Omega's): D20250214, M202502, Y2025.
inline constexpr std::string_view kDayPrefix = "D";
inline constexpr std::string_view kMonthPrefix = "M";
inline constexpr std::string_view kYearPrefix = "Y";
// Stemmed free-text terms carry Xapian's "Z" before the field prefix.
inline constexpr std::string_view kStemPrefix = "Z";

// Gap in term positions between fields, so a phrase can never match across two fields.
inline constexpr unsigned kFieldPositionGap = 100;

// The table, in FieldId order.
const std::vector<Field>& fields();

// The row of a field the code names.
const Field& field(FieldId id);

// The field a user named, by query/option name ("person") or JSON name ("people"); nullptr if none.
const Field* find(std::string_view name);

// The rows with a flag, in table order: the exact filters (kFilter), the default facets
// (kDefaultFacet)...
std::vector<const Field*> with(Flag flag);

// A field's values in an article (empty: absent). The date and the year have none here: the
// document builder and the JSON treat the date by itself.
std::vector<std::string> values(const Field& field, const Article& a);
// Sets a field's values in an article: a one-string field takes the first value.
void set_values(const Field& field, Article& a, std::vector<std::string> values);

// The term an exact filter on `field` with `value` looks for (lower-cased, spaces collapsed).
std::string filter_term(const Field& field, std::string_view value);

// The filter term of a value whose case matters (file paths): the value exactly as given.
std::string exact_term(const Field& field, std::string_view value);

// Multi-valued slot contents: values joined by '\x1f' (unit separator), which never occurs in
// cleaned text.
inline constexpr char kListSeparator = '\x1f';
std::string encode_list(const std::vector<std::string>& values);
std::vector<std::string> decode_list(std::string_view encoded);

}  // namespace dateline::schema
