#include "schema.h"

#include "text.h"

namespace dateline::schema {
namespace {

std::vector<std::string> one(const std::string& s) {
    if (s.empty()) return {};
    return {s};
}

constexpr std::array kFields{
    Field{"id", "id", "", "Q", -1, 0, false, Kind::filter, "",
          [](const Article& a) { return one(a.id); }, "the article's unique id"},
    Field{"title", "title", "S", "", -1, 5, true, Kind::text, "",
          [](const Article& a) { return one(a.title); }, "words in the headline"},
    Field{"body", "body", "", "", -1, 1, true, Kind::text, "",
          [](const Article& a) { return one(a.body); }, "words in the article text"},
    Field{"author", "authors", "A", "XAUTHOR:", -1, 2, false, Kind::both, "",
          [](const Article& a) { return a.authors; }, "byline"},
    Field{"source", "source", "XSOURCE", "XSOURCE:", kSlotSource, 1, false, Kind::both, "sources",
          [](const Article& a) { return one(a.source); }, "publication or agency"},
    Field{"section", "section", "XSECTION", "XSECTION:", -1, 1, false, Kind::both, "",
          [](const Article& a) { return one(a.section); }, "desk or section"},
    Field{"person", "people", "XPERSON", "XPERSON:", kSlotPeople, 2, false, Kind::both, "people",
          [](const Article& a) { return a.people; }, "a person named in the article"},
    Field{"org", "organizations", "XORG", "XORG:", kSlotOrganizations, 2, false, Kind::both, "organizations",
          [](const Article& a) { return a.organizations; }, "an organization named in the article"},
    Field{"place", "places", "XPLACE", "XPLACE:", kSlotPlaces, 2, false, Kind::both, "places",
          [](const Article& a) { return a.places; }, "a place named in the article"},
    Field{"kind", "kind", "", "XKIND:", kSlotKind, 0, false, Kind::filter, "kinds",
          [](const Article& a) { return one(a.kind); }, "story, brief, table (results, standings, prices) or list"},
    Field{"keyword", "keywords", "XKEYWORD", "K", -1, 1, false, Kind::both, "",
          [](const Article& a) { return a.keywords; }, "topic, subject or category"},
    Field{"url", "url", "", "U", -1, 0, false, Kind::filter, "",
          [](const Article& a) { return one(a.url); }, "canonical URL"},
    Field{"language", "language", "", "L", -1, 0, false, Kind::filter, "",
          [](const Article& a) { return one(a.language); }, "ISO 639-1 language code"},
    // The index writer adds one path term per file that holds the story (a story saved twice is
    // one document), so the builder leaves this field to it.
    Field{"path", "path", "", "XPATH:", -1, 0, false, Kind::filter, "",
          [](const Article&) { return std::vector<std::string>{}; }, "a file the article came from"},
    Field{"date", "date", "", "", kSlotPublished, 0, false, Kind::date, "",
          [](const Article&) { return std::vector<std::string>{}; },
          "publication date, UTC: date:2025-02-01..2025-02-28, year:1987"},
    Field{"year", "years", "", "Y", kSlotYear, 0, false, Kind::filter, "years",
          [](const Article&) { return std::vector<std::string>{}; }, "publication year"},
};

// Schema mistakes fail the build: names, prefixes and slots must be unique.
constexpr bool unique_names_prefixes_slots() {
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        for (std::size_t j = i + 1; j < kFields.size(); ++j) {
            const Field& a = kFields[i];
            const Field& b = kFields[j];
            if (a.name == b.name || a.json_name == b.json_name) return false;
            if (!a.filter_prefix.empty() && a.filter_prefix == b.filter_prefix) return false;
            if (!a.text_prefix.empty() && a.text_prefix == b.text_prefix) return false;
            if (a.slot >= 0 && a.slot == b.slot) return false;
        }
    }
    return true;
}
static_assert(unique_names_prefixes_slots(), "schema: duplicate field name, prefix or slot");

}  // namespace

const std::vector<Field>& fields() {
    static const std::vector<Field> table(kFields.begin(), kFields.end());
    return table;
}

const Field* find(std::string_view name) {
    for (const Field& f : fields()) {
        if (f.name == name || f.json_name == name) return &f;
    }
    return nullptr;
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
        if (!out.empty()) out += '\x1f';
        out += v;
    }
    return out;
}

std::vector<std::string> decode_list(std::string_view encoded) {
    std::vector<std::string> out;
    if (encoded.empty()) return out;
    std::size_t start = 0;
    while (true) {
        std::size_t end = encoded.find('\x1f', start);
        out.emplace_back(encoded.substr(start, end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace dateline::schema
