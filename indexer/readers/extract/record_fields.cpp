#include "record_fields.h"

#include <algorithm>
#include <array>

#include "article_fields.h"
#include "html_text.h"
#include "text.h"

namespace dateline {
namespace {

using nlohmann::json;

enum class Field { id, title, body, published, url, source, authors, section, language, dateline,
                   people, organizations, places, subjects, keywords };

struct FieldKeys {
    Field field;
    std::string_view name;
    std::vector<std::string> keys;
};

const std::vector<FieldKeys>& default_keys() {
    static const std::vector<FieldKeys> table{
        {Field::id, "id", {"id", "guid", "uuid", "_id"}},
        {Field::title, "title", {"title", "headline", "name", "webTitle"}},
        {Field::body, "body", {"body", "text", "content", "article_body", "articleBody", "bodyText", "body_text",
                               "summary", "description", "lead_paragraph", "abstract", "snippet"}},
        {Field::published, "published", {"date_gmt", "date", "published", "datePublished", "publish_date", "pubDate", "published_at",
                                         "publishedAt", "pub_date", "webPublicationDate", "firstPublicationDate",
                                         "date_published", "created_at", "timestamp"}},
        {Field::url, "url", {"url", "link", "canonical_link", "canonical_url", "webUrl", "web_url", "permalink"}},
        {Field::source, "source", {"source", "publication", "publisher", "site_name", "site"}},
        {Field::authors, "authors", {"author", "authors", "byline", "creator"}},
        {Field::section, "section", {"section", "category", "label", "sectionName", "section_name"}},
        {Field::language, "language", {"language", "lang"}},
        {Field::dateline, "dateline", {"dateline"}},
        {Field::people, "people", {"people", "persons"}},
        {Field::organizations, "organizations", {"organizations", "organisations", "orgs"}},
        {Field::places, "places", {"places", "locations"}},
        {Field::subjects, "subjects", {"subjects", "subject"}},
        {Field::keywords, "keywords", {"keywords", "tags", "topics", "subjects"}},
    };
    return table;
}

// The keys to try for each field once the --map overrides are applied.
std::vector<FieldKeys> effective_keys(const ReaderOptions& options) {
    std::vector<FieldKeys> table = default_keys();
    for (const auto& [field, key] : options.json_map) {
        std::string f = text::fold_case(text::trim(field));
        if (f == "author" || f == "byline") f = "authors";
        if (f == "date") f = "published";
        auto it = std::find_if(table.begin(), table.end(), [&](const FieldKeys& k) { return k.name == f; });
        if (it == table.end()) {
            std::string known;
            for (const FieldKeys& k : table) known += (known.empty() ? "" : ", ") + std::string(k.name);
            throw ReadError("--map " + field + "=" + key + ": unknown article field '" + field + "' (known: " + known + ")");
        }
        it->keys = {text::trim(key)};
    }
    return table;
}

// Exports wrap an article's own fields: Elasticsearch in "_source", the Guardian's API in
// "fields", JSON:API in "attributes", others in "article" or "data". A key not in the record
// itself is looked for there.
constexpr std::array<const char*, 5> kNestedHolders{"_source", "fields", "attributes", "article", "data"};

const json* lookup(const json& record, const std::string& key) {
    if (key.starts_with("/")) {
        try {
            json::json_pointer pointer(key);
            return record.contains(pointer) ? &record.at(pointer) : nullptr;
        } catch (const json::exception&) {
            return nullptr;
        }
    }
    if (auto it = record.find(key); it != record.end()) return &*it;
    for (const char* holder : kNestedHolders) {
        auto h = record.find(holder);
        if (h == record.end() || !h->is_object()) continue;
        if (auto it = h->find(key); it != h->end()) return &*it;
    }
    return nullptr;
}

// A {"name": category, "value": text} pair, as archive APIs list an article's index terms
// ({"name": "persons", "value": "Vale, Henrietta"}).
bool is_category_pair(const json& v) {
    if (!v.is_object()) return false;
    auto name = v.find("name"), value = v.find("value");
    return name != v.end() && value != v.end() && name->is_string() && value->is_string();
}

// Every string a value holds: a string, a number, the strings of an array, an object's text
// under its usual key: "name" (JSON-LD), "@value", "value", "main" (a headline object),
// "original" (a byline object), "rendered" (WordPress).
void strings_of(const json& v, std::vector<std::string>& out, int depth = 0) {
    if (depth > 3) return;
    if (v.is_string()) {
        if (std::string s = text::trim(v.get<std::string>()); !s.empty()) out.push_back(std::move(s));
    } else if (v.is_number()) {
        out.push_back(v.dump());
    } else if (v.is_array()) {
        for (const json& e : v) strings_of(e, out, depth + 1);
    } else if (is_category_pair(v)) {
        strings_of(v.at("value"), out, depth + 1);
    } else if (v.is_object()) {
        for (const char* key : {"name", "@value", "value", "main", "original", "rendered"}) {
            if (auto it = v.find(key); it != v.end()) {
                strings_of(*it, out, depth + 1);
                break;
            }
        }
    }
}

std::vector<std::string> values(const json& record, const FieldKeys& field) {
    for (const std::string& key : field.keys) {
        const json* v = lookup(record, key);
        if (!v) continue;
        std::vector<std::string> out;
        strings_of(*v, out);
        if (!out.empty()) return out;
    }
    return {};
}

std::string first(const std::vector<std::string>& v) { return v.empty() ? std::string() : v.front(); }

void add_all(std::vector<std::string>& list, const std::vector<std::string>& items) {
    for (const std::string& i : items) {
        // "a, b, c" in one string is a list too.
        for (const std::string& piece : text::split_trimmed(i, ',')) add_unique(list, piece);
    }
}

// Markup in a body (a CMS's HTML, WordPress's "rendered" content) becomes text.
std::string body_text(const std::string& raw) {
    std::string folded = text::fold_case(raw.substr(0, 4096));
    for (const char* tag : {"<p>", "<p ", "<br", "</", "<div"}) {
        if (folded.find(tag) != std::string::npos) return html::fragment_to_text(raw);
    }
    return text::normalize_paragraphs(raw);
}

// Keywords; those given as category pairs go by category: persons, organizations and
// (geographic) locations to the curated entity lists, the rest to keywords.
void add_keywords(const json& record, const FieldKeys& field, Article& a) {
    const json* list = nullptr;
    for (const std::string& key : field.keys) {
        if ((list = lookup(record, key)) != nullptr) break;
    }
    if (!list) return;
    for (const json& item : list->is_array() ? *list : json::array({*list})) {
        if (!is_category_pair(item)) {
            std::vector<std::string> v;
            strings_of(item, v);
            add_all(a.keywords, v);
            continue;
        }
        std::string category = text::fold_case(item.at("name").get<std::string>());
        const std::string& value = item.at("value").get_ref<const std::string&>();
        if (category == "persons" || category == "person" || category == "people") {
            add_unique(a.people, fields::index_entry_name(value, true));
            a.curated_people = true;
        } else if (category == "organizations" || category == "organization" || category == "organisations") {
            add_unique(a.organizations, fields::index_entry_name(value, false));
            a.curated_organizations = true;
        } else if (category == "glocations" || category == "locations" || category == "location" || category == "places") {
            add_unique(a.places, fields::index_entry_name(value, false));
            a.curated_places = true;
        } else {
            add_unique(a.keywords, value);
        }
    }
}

// Crawlers (newspaper3k and the like) keep the page's <meta> tags in the record, nested by their
// dotted or coloned names ({"meta_data": {"article": {"published_time": ...}}}); when the record
// itself has no date, the page's publishing date is there.
std::optional<UtcTime> date_in_page_meta(const json& record) {
    static const std::vector<std::vector<std::string>> paths{
        {"article", "published_time"}, {"article:published_time"}, {"datePublished"}, {"pubdate"}, {"publish_date"},
        {"publishdate"}, {"published_at"}, {"date"}, {"dc", "date"}, {"DC", "date"}, {"dc.date"}, {"DC.date"},
        {"dcterms", "date"}, {"parsely-pub-date"}, {"sailthru", "date"}, {"PublicationDate"}, {"lastPublishedDate"}};
    for (const char* holder : {"meta_data", "metadata", "meta"}) {
        auto it = record.find(holder);
        if (it == record.end() || !it->is_object()) continue;
        for (const std::vector<std::string>& path : paths) {
            const json* v = &*it;
            for (const std::string& step : path) {
                auto next = v->is_object() ? v->find(step) : v->end();
                v = next == v->end() ? nullptr : &*next;
                if (!v) break;
            }
            if (v && v->is_string()) {
                if (auto t = fields::parse_date(v->get<std::string>())) return t;
            }
        }
    }
    return std::nullopt;
}

Article article_from(const json& record, const std::vector<FieldKeys>& table) {
    Article a;
    for (const FieldKeys& f : table) {
        std::vector<std::string> v = values(record, f);
        if (v.empty()) continue;
        switch (f.field) {
            case Field::id: a.id = "jsonl-" + first(v); break;
            case Field::title: a.title = text::collapse_spaces(html::fragment_to_text(first(v))); break;
            case Field::body: a.body = body_text(first(v)); break;
            case Field::published: a.published = fields::parse_date(first(v), true); break;
            case Field::url: a.url = first(v); break;
            case Field::source: a.source = first(v); break;
            case Field::authors:
                for (const std::string& s : v) {
                    for (const std::string& n : fields::byline_names(s)) add_unique(a.authors, n);
                }
                break;
            case Field::section: a.section = first(v); break;
            case Field::language: a.language = fields::language_code(first(v)); break;
            case Field::dateline: a.dateline = first(v); break;
            case Field::people: add_all(a.people, v); a.curated_people = true; break;
            case Field::organizations: add_all(a.organizations, v); a.curated_organizations = true; break;
            case Field::places: add_all(a.places, v); a.curated_places = true; break;
            case Field::subjects:
                for (const std::string& s : v) add_subject(a, s);
                break;
            case Field::keywords: add_keywords(record, f, a); break;
        }
    }
    if (!a.published) a.published = date_in_page_meta(record);
    return a;
}

}  // namespace

struct RecordFields::Table {
    std::vector<FieldKeys> keys;
};

RecordFields::RecordFields(const ReaderOptions& options)
    : table_(std::make_shared<const Table>(Table{effective_keys(options)})) {}

Article RecordFields::article(const nlohmann::json& record) const { return article_from(record, table_->keys); }

}  // namespace dateline
