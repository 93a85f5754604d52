#include "schema.h"

#include "text.h"

namespace dateline::schema {
namespace {

using A = Article;

// Shown in a result of the search JSON and in --help.
constexpr unsigned kShown = kResult | kHelp;
// A name list users filter and facet on.
constexpr unsigned kNames = kFilter | kShown;
// The names of entities: found by a word through their filter terms.
constexpr unsigned kEntities = kNames | kDefaultFacet | kSuggest | kWordsFromNames;

constexpr std::array kFields{
    Field{FieldId::id, "id", "id", "Id", "Ids", {&A::id, nullptr}, "", "Q", -1, 0, false, Kind::filter, "", kShown,
          "the article's unique id"},
    Field{FieldId::title, "title", "title", "Headline", "Headlines", {&A::title, nullptr}, "S", "", -1, 5, true, Kind::text, "",
          kShown, "words in the headline"},
    Field{FieldId::body, "body", "body", "Text", "Texts", {&A::body, nullptr}, "", "", -1, 1, true, Kind::text, "", kHelp,
          "words in the article text"},
    Field{FieldId::author, "author", "authors", "By", "Authors", {nullptr, &A::authors}, "A", "XAUTHOR:", -1, 2, false, Kind::both, "",
          kShown, "byline"},
    Field{FieldId::section, "section", "section", "Section", "Sections", {&A::section, nullptr}, "XSECTION", "XSECTION:", -1, 1, false,
          Kind::both, "", kHelp, "desk or section"},
    Field{FieldId::person, "person", "people", "Person", "People", {nullptr, &A::people}, "XPERSON", "XPERSON:", kSlotPeople, 2, false,
          Kind::both, "people", kEntities, "a person named in the article"},
    Field{FieldId::org, "org", "organizations", "Organization", "Organizations", {nullptr, &A::organizations}, "XORG", "XORG:",
          kSlotOrganizations, 2, false, Kind::both, "organizations", kEntities,
          "an organization named in the article"},
    Field{FieldId::place, "place", "places", "Place", "Places", {nullptr, &A::places}, "XPLACE", "XPLACE:", kSlotPlaces, 2, false,
          Kind::both, "places", kEntities, "a place named in the article"},
    Field{FieldId::source, "source", "source", "Source", "Sources", {&A::source, nullptr}, "XSOURCE", "XSOURCE:", kSlotSource, 1, false,
          Kind::both, "sources", kNames | kDefaultFacet, "publication or agency"},
    Field{FieldId::kind, "kind", "kind", "Kind", "Kinds", {&A::kind, nullptr}, "", "XKIND:", kSlotKind, 0, false, Kind::filter, "kinds",
          kNames, "story, brief, table (results, standings, prices) or list"},
    // An exact filter only: its codes are keywords too, so their words are searchable already,
    // and free text here would lengthen every document and so move every BM25 score.
    Field{FieldId::subject, "subject", "subjects", "Subject", "Subjects", {nullptr, &A::subjects}, "", "XSUBJECT:",
          kSlotSubjects, 0, false, Kind::filter, "subjects", kNames,
          "a subject the source filed the story under (Reuters topics, IPTC subjects)"},
    Field{FieldId::keyword, "keyword", "keywords", "Keyword", "Keywords", {nullptr, &A::keywords}, "XKEYWORD", "K", -1, 1, false,
          Kind::both, "", kShown, "topic, subject, category or tag"},
    Field{FieldId::url, "url", "url", "Address", "Addresses", {&A::url, nullptr}, "", "U", -1, 0, false, Kind::filter, "", kResult,
          "canonical URL"},
    Field{FieldId::language, "language", "language", "Language", "Languages", {&A::language, nullptr}, "", "L", -1, 0, false,
          Kind::filter, "", kHelp, "ISO 639-1 language code"},
    // One path term per file that holds the story (a story saved twice is one document): the
    // index writer adds them as it records the files.
    Field{FieldId::path, "path", "path", "File", "Files", {&A::source_path, nullptr}, "", "XPATH:", -1, 0, false, Kind::filter, "",
          kResult | kByWriter, "a file the article came from"},
    Field{FieldId::date, "date", "date", "Date", "Dates", {}, "", "", kSlotPublished, 0, false, Kind::date, "", kShown,
          "publication date, UTC: date:2025-02-01..2025-02-28, year:1987"},
    Field{FieldId::year, "year", "years", "Year", "Years", {}, "", "Y", kSlotYear, 0, false, Kind::filter, "years",
          kDefaultFacet | kHelp, "publication year"},
    Field{FieldId::dateline, "dateline", "dateline", "Dateline", "Datelines", {&A::dateline, nullptr}, "", "", -1, 0, false,
          Kind::stored, "", 0, "the place line of a wire story"},
    Field{FieldId::format, "format", "format", "Format", "Formats", {&A::format, nullptr}, "", "", -1, 0, false, Kind::stored, "", 0,
          "the reader that read it"},
};

// Schema mistakes fail the build: rows in FieldId order; names, prefixes and slots unique; a
// facet has a slot; a filter has a filter prefix; a default facet is a facet.
constexpr bool consistent() {
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        const Field& a = kFields[i];
        if (static_cast<std::size_t>(a.id) != i) return false;
        if (!a.facet.empty() && a.slot < 0) return false;
        if (a.has(kFilter) && a.filter_prefix.empty()) return false;
        if (a.has(kDefaultFacet) && a.facet.empty()) return false;
        if (a.has(kSuggest) && (!a.has(kFilter) || a.kind != Kind::both)) return false;
        if (a.has(kWordsFromNames) && (!a.has(kFilter) || a.kind != Kind::both)) return false;
        for (std::size_t j = i + 1; j < kFields.size(); ++j) {
            const Field& b = kFields[j];
            if (a.name == b.name || a.json_name == b.json_name) return false;
            if (!a.filter_prefix.empty() && a.filter_prefix == b.filter_prefix) return false;
            if (!a.text_prefix.empty() && a.text_prefix == b.text_prefix) return false;
            if (a.slot >= 0 && a.slot == b.slot) return false;
        }
    }
    return true;
}
static_assert(consistent(), "schema: rows out of FieldId order, a duplicate name, prefix or slot, or flags that do not fit");

}  // namespace

const std::vector<Field>& fields() {
    static const std::vector<Field> table(kFields.begin(), kFields.end());
    return table;
}

const Field& field(FieldId id) { return fields()[static_cast<std::size_t>(id)]; }

const Field* find(std::string_view name) {
    for (const Field& f : fields()) {
        if (f.name == name || f.json_name == name) return &f;
    }
    return nullptr;
}

std::vector<const Field*> with(Flag flag) {
    std::vector<const Field*> out;
    for (const Field& f : fields()) {
        if (f.has(flag)) out.push_back(&f);
    }
    return out;
}

std::vector<std::string> values(const Field& field, const Article& a) {
    if (field.member.many) return a.*field.member.many;
    if (field.member.one && !(a.*field.member.one).empty()) return {a.*field.member.one};
    return {};
}

void set_values(const Field& field, Article& a, std::vector<std::string> values) {
    if (field.member.many) {
        a.*field.member.many = std::move(values);
    } else if (field.member.one) {
        a.*field.member.one = values.empty() ? std::string() : std::move(values.front());
    }
}

std::string version_mismatch(std::string_view stored, const std::string& path) {
    if (stored == std::to_string(kVersion)) return "";
    return "the index " + path + " was written by an incompatible version of Dateline (schema " + std::string(stored) +
           ", this program uses " + std::to_string(kVersion) + "): rebuild it with dateline-index --full.";
}

std::string exact_term(const Field& field, std::string_view value) {
    std::string term(field.filter_prefix);
    // Xapian refuses terms over 245 bytes; a long value (a URL, say) keeps its start and gains a
    // hash of the whole, so it stays unique and the same value always gives the same term.
    constexpr std::size_t kMaxTerm = 240;
    if (term.size() + value.size() > kMaxTerm) {
        std::string hash = text::hash_hex(value);
        term += text::truncate_utf8(value, kMaxTerm - term.size() - hash.size() - 1);
        term += '#';
        term += hash;
    } else {
        term += value;
    }
    return term;
}

std::string filter_term(const Field& field, std::string_view value) {
    return exact_term(field, text::fold_case(text::collapse_spaces(value)));
}

std::string encode_list(const std::vector<std::string>& values) {
    std::string out;
    for (const std::string& v : values) {
        if (!out.empty()) out += kListSeparator;
        out += v;
    }
    return out;
}

std::vector<std::string> decode_list(std::string_view encoded) {
    std::vector<std::string> out;
    if (encoded.empty()) return out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = encoded.find(kListSeparator, start);
        out.emplace_back(encoded.substr(start, end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace dateline::schema
