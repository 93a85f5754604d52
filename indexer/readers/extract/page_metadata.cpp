#include "page_metadata.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>

#include "article_fields.h"
#include "html_text.h"
#include "text.h"
#include "xml_document.h"

namespace dateline::html {
namespace {

using nlohmann::json;

// <meta> values by lower-cased name/property/itemprop, in page order.
using MetaTags = std::multimap<std::string, std::string>;

MetaTags collect_meta(const xmlNode* root) {
    MetaTags tags;
    xml::for_each_element(root, [&](const xmlNode* n) {
        if (!xml::is_element(n, "meta")) return true;
        std::string content = text::collapse_spaces(xml::attribute(n, "content"));
        // Some page savers rewrite content= as value=.
        if (content.empty()) content = text::collapse_spaces(xml::attribute(n, "value"));
        if (content.empty()) return false;
        for (std::string_view key_attr : {"property", "name", "itemprop", "http-equiv"}) {
            std::string key = text::fold_case(xml::attribute(n, key_attr));
            if (!key.empty()) tags.emplace(key, content);
        }
        return false;
    });
    return tags;
}

std::string meta(const MetaTags& tags, std::string_view key) {
    auto it = tags.find(std::string(key));
    return it == tags.end() ? std::string() : it->second;
}

std::vector<std::string> meta_all(const MetaTags& tags, std::string_view key) {
    std::vector<std::string> out;
    auto [b, e] = tags.equal_range(std::string(key));
    for (auto it = b; it != e; ++it) out.push_back(it->second);
    return out;
}

bool is_url(std::string_view s) { return s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//"); }

// ---- JSON-LD ----

std::vector<std::string> types_of(const json& node) {
    std::vector<std::string> out;
    auto it = node.find("@type");
    if (it == node.end()) return out;
    if (it->is_string()) out.push_back(it->get<std::string>());
    else if (it->is_array()) {
        for (const json& t : *it) {
            if (t.is_string()) out.push_back(t.get<std::string>());
        }
    }
    return out;
}

bool has_type(const json& node, std::initializer_list<std::string_view> wanted) {
    for (const std::string& t : types_of(node)) {
        for (std::string_view w : wanted) {
            if (t == w) return true;
        }
    }
    return false;
}

bool is_article_type(const json& node) {
    for (const std::string& t : types_of(node)) {
        if (t.find("Article") != std::string::npos || t == "BlogPosting" || t == "LiveBlogPosting" || t == "Report") return true;
    }
    return false;
}

bool is_person(const json& n) { return has_type(n, {"Person"}); }
bool is_organization(const json& n) {
    return has_type(n, {"Organization", "NewsMediaOrganization", "Corporation", "GovernmentOrganization", "NGO",
                        "EducationalOrganization", "SportsOrganization", "PoliticalParty", "SportsTeam",
                        "MedicalOrganization", "LocalBusiness", "Airline", "Consortium", "ResearchOrganization"});
}
bool is_place(const json& n) {
    return has_type(n, {"Place", "Country", "City", "State", "AdministrativeArea", "Continent", "Landform",
                        "TouristAttraction", "LandmarksOrHistoricalBuildings", "CivicStructure", "BodyOfWater"});
}

// All JSON-LD nodes of the page, @graph arrays flattened.
std::vector<json> json_ld_nodes(const xmlNode* root) {
    std::vector<json> nodes;
    xml::for_each_element(root, [&](const xmlNode* n) {
        if (!xml::is_element(n, "script")) return true;
        if (text::fold_case(xml::attribute(n, "type")) != "application/ld+json") return false;
        std::string raw = xml::direct_text(n);
        // Some sites wrap the block in an HTML comment or a CDATA marker for old browsers; the
        // marker's own brackets are not the JSON's.
        for (std::string_view marker : {"<![CDATA[", "]]>"}) {
            if (std::size_t at = raw.find(marker); at != std::string::npos) raw.replace(at, marker.size(), " ");
        }
        std::size_t b = raw.find_first_of("{["), e = raw.find_last_of("}]");
        if (b == std::string::npos || e == std::string::npos || e < b) return false;
        json parsed = json::parse(raw.substr(b, e - b + 1), nullptr, false);
        if (parsed.is_discarded()) return false;
        std::vector<json> pending{parsed};
        while (!pending.empty() && nodes.size() < 200) {
            json j = std::move(pending.back());
            pending.pop_back();
            if (j.is_array()) {
                for (json& e2 : j) pending.push_back(std::move(e2));
            } else if (j.is_object()) {
                if (auto g = j.find("@graph"); g != j.end()) pending.push_back(*g);
                nodes.push_back(std::move(j));
            }
        }
        return false;
    });
    return nodes;
}

// A reference ({"@id": ...}) resolved against the page's other nodes.
const json& resolve(const json& v, const std::vector<json>& nodes) {
    if (v.is_object() && v.size() == 1 && v.contains("@id")) {
        for (const json& n : nodes) {
            if (n.value("@id", json()) == v["@id"] && n.size() > 1) return n;
        }
    }
    return v;
}

std::string string_value(const json& v) {
    if (v.is_string()) return text::collapse_spaces(v.get<std::string>());
    if (v.is_object()) {
        for (const char* key : {"name", "@id", "url", "@value"}) {
            if (auto it = v.find(key); it != v.end() && it->is_string()) return text::collapse_spaces(it->get<std::string>());
        }
    }
    if (v.is_array() && !v.empty()) return string_value(v.front());
    return {};
}

std::vector<const json*> as_list(const json& v) {
    std::vector<const json*> out;
    if (v.is_array()) {
        for (const json& e : v) out.push_back(&e);
    } else if (!v.is_null()) {
        out.push_back(&v);
    }
    return out;
}

void read_json_ld(const std::vector<json>& nodes, PageMetadata& m) {
    const json* article = nullptr;
    for (const json& n : nodes) {
        if (is_article_type(n)) {
            article = &n;
            break;
        }
    }
    if (!article) {
        for (const json& n : nodes) {
            if (has_type(n, {"WebPage"}) && n.contains("datePublished")) {
                article = &n;
                break;
            }
        }
    }
    if (!article) return;
    const json& a = *article;
    if (auto it = a.find("headline"); it != a.end()) m.title = html::fragment_to_text(string_value(*it));
    for (const char* key : {"datePublished", "dateCreated"}) {
        if (m.published) break;
        if (auto it = a.find(key); it != a.end()) m.published = fields::parse_date(string_value(*it));
    }
    if (auto it = a.find("author"); it != a.end()) {
        for (const json* au : as_list(*it)) {
            const json& r = resolve(*au, nodes);
            std::string name = r.is_string() ? r.get<std::string>() : (r.is_object() ? string_value(r.value("name", json())) : "");
            if (is_organization(r) || is_url(name)) continue;
            for (const std::string& n : fields::byline_names(name)) add_unique(m.authors, n);
        }
    }
    if (auto it = a.find("publisher"); it != a.end()) {
        const json& p = resolve(it->is_array() && !it->empty() ? it->front() : *it, nodes);
        std::string name = p.is_object() ? string_value(p.value("name", json())) : string_value(p);
        if (!is_url(name)) m.source = name;
    }
    for (const char* key : {"url", "mainEntityOfPage"}) {
        if (!m.url.empty()) break;
        if (auto it = a.find(key); it != a.end()) {
            std::string u = string_value(*it);
            if (is_url(u)) m.url = u;
        }
    }
    if (auto it = a.find("inLanguage"); it != a.end()) m.language = fields::language_code(string_value(*it));
    if (auto it = a.find("articleSection"); it != a.end()) m.section = string_value(*it);
    if (auto it = a.find("articleBody"); it != a.end()) m.article_body = html::fragment_to_text(string_value(*it));
    if (auto it = a.find("keywords"); it != a.end()) {
        for (const json* k : as_list(*it)) {
            for (const std::string& piece : text::split_trimmed(string_value(*k), ',')) add_unique(m.keywords, piece);
        }
    }
    for (const char* key : {"about", "mentions"}) {
        auto it = a.find(key);
        if (it == a.end()) continue;
        for (const json* e : as_list(*it)) {
            const json& r = resolve(*e, nodes);
            if (!r.is_object()) continue;
            std::string name = string_value(r.value("name", json()));
            if (name.empty()) continue;
            if (is_person(r)) add_unique(m.people, name);
            else if (is_organization(r)) add_unique(m.organizations, name);
            else if (is_place(r)) add_unique(m.places, name);
        }
    }
}

// ---- the page itself ----

// "Headline | Site", "Headline - Site", "Site: Headline" -> "Headline": the longest part.
std::string clean_document_title(std::string_view title) {
    std::string t = text::collapse_spaces(title);
    for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ", " \xC2\xB7 "}) {
        if (t.find(sep) == std::string::npos) continue;
        std::string best;
        std::size_t start = 0;
        while (start <= t.size()) {
            std::size_t end = t.find(sep, start);
            std::string part = text::trim(std::string_view(t).substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (part.size() > best.size()) best = part;
            if (end == std::string::npos) break;
            start = end + sep.size();
        }
        // Only when the headline part is a headline, not a fragment of one with a dash in it.
        if (text::split_trimmed(best, ' ').size() >= 4) return best;
    }
    return t;
}

// "Headline | Site" -> "Headline" when "Site" is the page's site name, or, behind " | ", a short
// name (social titles often carry one); "Opinion | Headline" keeps its section.
std::string without_site_name(const std::string& title, std::initializer_list<std::string> site_names) {
    for (std::string_view sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " : ", " \xC2\xBB ", " \xC2\xB7 "}) {
        std::size_t at = title.rfind(sep);
        if (at == std::string::npos || at == 0) continue;
        std::string head = text::trim(std::string_view(title).substr(0, at));
        std::string tail = text::trim(std::string_view(title).substr(at + sep.size()));
        bool is_site = false;
        for (const std::string& site : site_names) {
            if (!site.empty() && text::same_folded(tail, site)) is_site = true;
        }
        bool short_name = sep == " | " && text::split_trimmed(tail, ' ').size() <= 3 &&
                          text::split_trimmed(head, ' ').size() >= 4;
        if (is_site || short_name) return head;
    }
    return title;
}

// The site's name as a page's <title> carries it after the headline, when nothing else names
// the site: "Headline _Section _Site", "Headline [Site]", "Headline | Site" -> "Site".
std::string site_name_in_title(const std::string& document_title, const std::string& headline) {
    if (headline.empty() || document_title.size() <= headline.size() || document_title.rfind(headline, 0) != 0) return {};
    std::string rest = text::trim(std::string_view(document_title).substr(headline.size()));
    std::size_t cut = rest.find_last_of("_|[-");
    std::string name = text::trim(cut == std::string::npos ? std::string_view(rest) : std::string_view(rest).substr(cut + 1));
    while (!name.empty() && (name.back() == ']' || name.back() == ' ')) name.pop_back();
    return name.size() <= 40 && text::split_trimmed(name, ' ').size() <= 4 ? name : std::string();
}

std::string title_from_page(const xmlNode* root) {
    std::string document_title = xml::text_of(xml::descendant(xml::descendant(root, "head"), "title"));
    if (document_title.empty()) document_title = xml::text_of(xml::descendant(root, "title"));
    std::vector<std::string> h1s;
    xml::for_each_element(root, [&](const xmlNode* n) {
        if (xml::is_element(n, "h1")) {
            if (std::string t = xml::text_of(n); !t.empty()) h1s.push_back(t);
            return false;
        }
        return !html::is_non_content_element(n);
    });
    if (h1s.size() == 1 && document_title.find(h1s.front()) != std::string::npos) return h1s.front();
    return clean_document_title(document_title);
}

// A date from an element that marks one (<time datetime>, itemprop="datePublished").
std::optional<UtcTime> element_date(const xmlNode* n) {
    for (std::string_view attr : {"datetime", "content", "title"}) {
        if (auto t = fields::parse_date(xml::attribute(n, attr))) return t;
    }
    return fields::parse_date(xml::text_of(n));
}

// True for an element whose class or id names a timestamp ("published-date", "datestamp",
// "story-meta__timestamp", "article-posted-date").
bool names_timestamp(const xmlNode* n) {
    std::string cls = text::fold_case(xml::attribute(n, "class") + " " + xml::attribute(n, "id"));
    for (std::string_view word : {"date", "time", "publish", "posted"}) {
        if (cls.find(word) != std::string::npos) return true;
    }
    return false;
}

// True for text that labels itself a timestamp ("Updated: Oct 9, 2019, 11:05 IST").
bool opens_with_timestamp_label(std::string_view shown) {
    for (std::string_view label : {"published", "updated", "posted", "first published", "last updated",
                                   "ver\xC3\xB6" "ffentlicht", "aktualisiert", "publi\xC3\xA9", "mis \xC3\xA0 jour", "publicado",
                                   "actualizado"}) {
        if (text::starts_with_ci(shown, label)) return true;
    }
    return false;
}

// Sidebars, navigation, footers and lists of links to other stories carry their timestamps,
// not this one's; a list item without a link is the page's own (a "meta" list of section and
// date).
bool is_elsewhere_on_page(const xmlNode* n) {
    for (const xmlNode* p = n; p != nullptr && p->type == XML_ELEMENT_NODE; p = p->parent) {
        if (xml::is_element(p, "aside") || xml::is_element(p, "nav") || xml::is_element(p, "footer")) return true;
        if (xml::is_element(p, "li") && xml::descendant(p, "a") != nullptr) return true;
    }
    return false;
}

// Visible timestamps, strongest first: an element marked as the publishing date; the first
// <time> inside <article>; else the first <time>, element named as a timestamp, or text labelled
// as one, outside sidebars and link lists, whose text holds a date ("Updated: Dec 15, 2016
// 2:57 PM UTC", "By Jo Doe · May 20, 2019").
std::optional<UtcTime> date_from_page(const xmlNode* root) {
    std::optional<UtcTime> marked, in_article, first_time, stamped;
    xml::for_each_element(root, [&](const xmlNode* n) {
        if (marked) return false;
        if (html::is_non_content_element(n)) return false;
        std::string itemprop = text::fold_case(xml::attribute(n, "itemprop"));
        bool is_time = xml::is_element(n, "time");
        if (itemprop == "datepublished" || itemprop == "datecreated" || (is_time && xmlHasProp(n, BAD_CAST "pubdate"))) {
            marked = element_date(n);
            return false;
        }
        if (is_time && !first_time) {
            first_time = element_date(n);
            for (const xmlNode* p = n->parent; p != nullptr && !in_article; p = p->parent) {
                if (xml::is_element(p, "article")) in_article = first_time;
            }
            if (!first_time) first_time = fields::date_in_phrase(xml::text_of(n));
            if (is_elsewhere_on_page(n)) first_time.reset();
        }
        if (!stamped && !is_elsewhere_on_page(n)) {
            std::string shown = xml::text_of(n);
            bool is_stamp = is_time || names_timestamp(n) || (shown.size() <= 80 && opens_with_timestamp_label(shown));
            if (is_stamp && shown.size() <= 120) stamped = fields::date_in_phrase(shown);
        }
        return true;
    });
    if (marked) return marked;
    if (in_article) return in_article;
    return first_time ? first_time : stamped;
}

void authors_from_page(const xmlNode* root, PageMetadata& m) {
    xml::for_each_element(root, [&](const xmlNode* n) {
        if (html::is_non_content_element(n)) return false;
        std::string rel = text::fold_case(xml::attribute(n, "rel"));
        std::string itemprop = text::fold_case(xml::attribute(n, "itemprop"));
        if (rel == "author" || itemprop == "author" || itemprop == "creator") {
            const xmlNode* name_node = n;
            xml::for_each_element(n, [&](const xmlNode* c) {
                if (text::fold_case(xml::attribute(c, "itemprop")) == "name") name_node = c;
                return name_node == n;
            });
            std::string name = xml::text_of(name_node);
            if (name.empty()) name = xml::attribute(name_node, "content");
            if (name.size() < 120) {
                for (const std::string& a : fields::byline_names(name)) add_unique(m.authors, a);
            }
            return false;
        }
        return true;
    });
    if (!m.authors.empty()) return;
    // Bylines by class name, only when nothing more explicit named the authors.
    xml::for_each_element(root, [&](const xmlNode* n) {
        if (html::is_non_content_element(n) || !m.authors.empty()) return false;
        std::string cls = text::fold_case(xml::attribute(n, "class") + " " + xml::attribute(n, "id"));
        if (cls.find("byline") != std::string::npos) {
            std::string t = xml::text_of(n);
            if (!t.empty() && t.size() < 120) {
                for (const std::string& a : fields::byline_names(t)) add_unique(m.authors, a);
                return false;
            }
        }
        return true;
    });
}

}  // namespace

PageMetadata read_page_metadata(xmlDoc* doc) {
    PageMetadata m;
    const xmlNode* root = xmlDocGetRootElement(doc);
    if (!root) return m;
    read_json_ld(json_ld_nodes(root), m);
    MetaTags tags = collect_meta(root);

    for (std::string_view key : {"og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title"}) {
        if (m.title.empty()) m.title = meta(tags, key);
    }
    if (m.title.empty()) m.title = title_from_page(root);
    m.title = without_site_name(m.title, {meta(tags, "og:site_name"), meta(tags, "application-name"), m.source});

    for (std::string_view key : {"article:published_time", "article:published", "og:published_time", "og:article:published_time",
                                 "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "publication_date",
                                 "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created",
                                 "sailthru.date", "parsely-pub-date", "article:publicationdate", "publication-date", "article.published", "original-publish-date",
                                 "cxenseparse:recs:publishtime", "date", "displaydate", "dat", "pdate", "article_date_original"}) {
        if (m.published) break;
        for (const std::string& v : meta_all(tags, key)) {
            if ((m.published = fields::parse_date(v))) break;
        }
    }
    if (!m.published) {
        // parsely-page holds a JSON object with the date in it.
        json pp = json::parse(meta(tags, "parsely-page"), nullptr, false);
        if (pp.is_object()) m.published = fields::parse_date(string_value(pp.value("pub_date", json())));
    }
    if (!m.published) m.published = date_from_page(root);

    for (std::string_view key : {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "dcterms.creator"}) {
        if (!m.authors.empty()) break;
        for (const std::string& v : meta_all(tags, key)) {
            if (is_url(v)) continue;
            for (const std::string& a : fields::byline_names(v)) add_unique(m.authors, a);
        }
    }
    if (m.authors.empty()) authors_from_page(root, m);

    for (std::string_view key : {"og:site_name", "application-name", "al:ios:app_name", "twitter:app:name:iphone"}) {
        if (m.source.empty()) m.source = meta(tags, key);
    }

    xml::for_each_element(root, [&](const xmlNode* n) {
        if (!m.url.empty()) return false;
        if (xml::is_element(n, "link") && text::fold_case(xml::attribute(n, "rel")) == "canonical") {
            std::string href = xml::attribute(n, "href");
            if (is_url(href)) m.url = href;
        }
        return !xml::is_element(n, "body");
    });
    if (m.url.empty() && is_url(meta(tags, "og:url"))) m.url = meta(tags, "og:url");
    if (m.url.starts_with("//")) m.url = "https:" + m.url;
    if (m.source.empty()) m.source = fields::url_host(m.url);
    if (m.source.empty()) {
        m.source = site_name_in_title(xml::text_of(xml::descendant(xml::descendant(root, "head"), "title")), m.title);
    }

    if (std::string lang = fields::language_code(xml::attribute(root, "lang")); !lang.empty()) m.language = lang;
    for (std::string_view key : {"content-language", "language", "dc.language", "og:locale"}) {
        if (m.language.empty()) m.language = fields::language_code(meta(tags, key));
    }

    for (std::string_view key : {"article:section", "parsely-section", "section", "sailthru.section"}) {
        if (m.section.empty()) m.section = meta(tags, key);
    }
    for (std::string_view key : {"news_keywords", "keywords", "article:tag", "parsely-tags", "sailthru.tags"}) {
        for (const std::string& v : meta_all(tags, key)) {
            for (const std::string& k : text::split_trimmed(v, ',')) add_unique(m.keywords, k);
        }
    }
    for (std::string_view key : {"description", "og:description", "twitter:description", "dc.description"}) {
        if (m.description.empty()) m.description = html::fragment_to_text(meta(tags, key));
    }
    return m;
}

}  // namespace dateline::html
