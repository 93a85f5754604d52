// The schema: the one table of Dateline's fields.
//
// Every field has its name in queries and JSON, its Xapian term prefixes, its value slot and its
// weight. The indexer builds documents from this table, the searcher builds its QueryParser,
// filters and facets from it, and both programs' --help list fields from it. No term prefix or
// value slot is written anywhere else in Dateline.
//
// Prefixes follow Omega's conventions where they exist (Q id, S title, A author, U url, H host,
// L language, K keyword, D/M/Y dates) so that xapian-delve and Omega users recognise the index;
// Dateline's own fields use X... prefixes. Exact-filter prefixes of Dateline's own end in ':' so
// they can never be mistaken for a free-text term with the same letters.
//
// Free text is indexed stemmed only (Xapian's STEM_ALL_Z: "talks" and "talk" are one term, "Z"
// before the prefix), as search engines for prose usually do: measured on Reuters-21578 it is
// a third faster to index and a sixth smaller than Omega's stemmed-plus-unstemmed terms, and a
// news archive is searched by word, not by inflection.
//
// Exact-filter terms hold the value lower-cased (so --person "pete hegseth" and "Pete Hegseth"
// are the same filter); value slots hold display names, which is what facets show.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace dateline::schema {

// Bump when a change makes older indexes unreadable or wrong for this code (new prefixes,
// different slot contents). The index stores it in metadata key "dateline.schema_version"; both
// programs refuse an index with another version, with a message saying to rebuild it.
inline constexpr int kVersion = 2;  // 2: the kind field; per-language stems, accents folded, CJK n-grams
inline constexpr std::string_view kVersionKey = "dateline.schema_version";
// Metadata key of the ISO 8601 UTC time of the index's last commit (written by the indexer,
// shown by dateline-index --status and the server's /healthz).
inline constexpr std::string_view kLastCommitKey = "dateline.last_commit";

enum class Kind {
    text,      // free text only: positional, searchable as name:word
    filter,    // exact filter only: one boolean term per value
    both,      // free text and exact filter
    date,      // the publication date: D/M/Y terms, a sortable value
};

// Reads the values of one field from an article. Empty vector: the field is absent.
using Getter = std::vector<std::string> (*)(const Article&);

struct Field {
    std::string_view name;           // name in queries ("person:") and filters (--person)
    std::string_view json_name;      // key in JSON output ("people")
    std::string_view text_prefix;    // free-text term prefix ("" = unprefixed, body text)
    std::string_view filter_prefix;  // exact-filter term prefix, "" when none
    int slot;                        // value slot, -1 when none
    int weight;                      // wdf per occurrence for free text (title above body)
    // Prose (title, body): a prefixed field's words are indexed unprefixed too, so plain
    // queries find headlines. Otherwise a field of names (people, places, sources...),
    // searched only through its prefix ("person:hegseth"); plain words find names in the
    // article's text itself.
    bool prose;
    Kind kind;
    std::string_view facet;          // facet name for --facets ("sources"), "" when not a facet
    Getter get;
    std::string_view help;           // one line for --help
};

// Value slots. The facet slots hold a multi-valued list (see encode_list) so that an article
// naming three people counts once for each.
inline constexpr int kSlotPublished = 0;   // "YYYYMMDDhhmmss" UTC: sorts as a string
inline constexpr int kSlotPeople = 1;
inline constexpr int kSlotOrganizations = 2;
inline constexpr int kSlotPlaces = 3;
inline constexpr int kSlotSource = 4;
inline constexpr int kSlotYear = 5;        // "YYYY"
// The document's fingerprint (a hash of its data, which holds every field, and of the schema
// version), so that the unchanged stories of a changed file are not written again. Indexes
// written before it existed simply rewrite each story once.
inline constexpr int kSlotFingerprint = 6;
inline constexpr int kSlotKind = 7;        // "story", "brief", "table" or "list"

// Prefixes of date terms (Omega's): D20250214, M202502, Y2025.
inline constexpr std::string_view kDayPrefix = "D";
inline constexpr std::string_view kMonthPrefix = "M";
inline constexpr std::string_view kYearPrefix = "Y";
// Stemmed free-text terms carry Xapian's "Z" before the field prefix.
inline constexpr std::string_view kStemPrefix = "Z";

// Gap in term positions between fields, so a phrase can never match across two fields.
inline constexpr unsigned kFieldPositionGap = 100;

const std::vector<Field>& fields();

// The field with this query/filter name ("person") or JSON name ("people"); nullptr if none.
const Field* find(std::string_view name);

// The term an exact filter on `field` with `value` looks for (lower-cased, spaces collapsed).
std::string filter_term(const Field& field, std::string_view value);

// The filter term of a value whose case matters (file paths): the value exactly as given.
std::string exact_term(const Field& field, std::string_view value);

// Multi-valued slot contents: values joined by '\x1f' (unit separator), which never occurs in
// cleaned text.
std::string encode_list(const std::vector<std::string>& values);
std::vector<std::string> decode_list(std::string_view encoded);

}  // namespace dateline::schema
