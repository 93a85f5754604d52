#include "newsml_reader.h"

#include "article_fields.h"
#include "charset.h"
#include "html_text.h"
#include "nitf_reader.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {
namespace {

using Emit = std::function<void(Article&)>;

// "nprov:dpa" -> "dpa"
std::string qcode_value(std::string_view qcode) {
    std::size_t colon = qcode.find(':');
    return std::string(colon == std::string_view::npos ? qcode : qcode.substr(colon + 1));
}

// A G2 concept's display name: its <name> child (English or untagged first), else its literal.
std::string concept_name(const xmlNode* node, std::string_view language) {
    std::string best;
    for (const xmlNode* n : xml::children(node, "name")) {
        std::string lang = fields::language_code(xml::attribute(n, "lang"));
        std::string value = xml::text_of(n);
        if (value.empty()) continue;
        if (lang.empty() || lang == language) return value;
        if (best.empty() || lang == "en") best = value;
    }
    if (!best.empty()) return best;
    return xml::attribute(node, "literal");
}

// Text from escaped HTML or plain text, as NewsML 1 DataContent and G2 inlineData carry it.
std::string text_content(const xmlNode* node, std::string_view content_type) {
    std::string raw = xml::direct_text(node);
    if (content_type.find("plain") != std::string_view::npos) return text::normalize_paragraphs(raw);
    return html::fragment_to_text(raw);
}

// The body of a content element that holds markup: NITF, XHTML, or escaped HTML text.
std::string markup_body(const xmlNode* holder, Article& a, std::string_view content_type) {
    if (const xmlNode* nitf = xml::descendant(holder, "nitf")) {
        Article inner;
        article_from_nitf(nitf, inner);
        if (a.title.empty()) a.title = inner.title;
        for (const std::string& p : inner.people) add_unique(a.people, p);
        for (const std::string& o : inner.organizations) add_unique(a.organizations, o);
        for (const std::string& p : inner.places) add_unique(a.places, p);
        a.curated_people |= inner.curated_people;
        a.curated_organizations |= inner.curated_organizations;
        a.curated_places |= inner.curated_places;
        for (const std::string& au : inner.authors) add_unique(a.authors, au);
        return inner.body;
    }
    if (const xmlNode* html_body = xml::descendant(holder, "body")) return html::render_text(html_body);
    if (!xml::children(holder).empty()) return html::render_text(holder);
    return text_content(holder, content_type);
}

// ---- NewsML-G2 ----

void read_g2_subject(const xmlNode* subject, Article& a) {
    std::string type = xml::attribute(subject, "type");
    std::string name = concept_name(subject, a.language);
    if (name.empty()) return;
    if (type == "cpnat:person") {
        add_unique(a.people, name);
        a.curated_people = true;
    } else if (type == "cpnat:organisation" || type == "cpnat:organization") {
        add_unique(a.organizations, name);
        a.curated_organizations = true;
    } else if (type == "cpnat:geoArea" || type == "cpnat:poi") {
        add_unique(a.places, name);
        a.curated_places = true;
    } else {
        add_subject(a, name);
    }
}

// Items carry several headlines told apart by role ("hlrole:main", "hlrole:sub", "short"): the
// main one, else one without a role, else the first.
std::string main_headline(const xmlNode* content_meta) {
    std::vector<const xmlNode*> headlines = xml::children(content_meta, "headline");
    for (bool want_main : {true, false}) {
        for (const xmlNode* h : headlines) {
            std::string role = text::fold_case(xml::attribute(h, "role"));
            bool main = role.find("main") != std::string::npos;
            if ((want_main ? main : role.empty()) && !xml::text_of(h).empty()) return xml::text_of(h);
        }
    }
    return headlines.empty() ? std::string() : xml::text_of(headlines.front());
}

std::optional<UtcTime> date_of(const xmlNode* node) {
    return node ? fields::parse_date(xml::text_of(node)) : std::nullopt;
}

void read_g2_item(const xmlNode* item, const xmlNode* message_header, const Emit& emit) {
    const xmlNode* item_meta = xml::child(item, "itemMeta");
    const xmlNode* content_meta = xml::child(item, "contentMeta");
    const xmlNode* content_set = xml::child(item, "contentSet");
    Article a;
    a.id = xml::attribute(item, "guid");
    a.language = fields::language_code(xml::attribute(xml::child(content_meta, "language"), "tag"));
    if (a.language.empty()) a.language = fields::language_code(xml::attribute(item, "lang"));

    a.title = main_headline(content_meta);
    if (a.title.empty()) a.title = xml::child_text(item_meta, "title");
    a.dateline = xml::child_text(content_meta, "dateline");

    for (const xmlNode* holder : xml::children(content_set)) {
        std::string type = xml::attribute(holder, "contenttype");
        if (xml::is_element(holder, "inlineXML")) a.body = markup_body(holder, a, type);
        else if (xml::is_element(holder, "inlineData")) a.body = text_content(holder, type);
        if (!a.body.empty()) break;
    }
    if (a.body.empty()) {
        // A picture or video item is still findable by its caption.
        for (const xmlNode* d : xml::children(content_meta, "description")) {
            a.body = html::render_text(d);
            if (!a.body.empty()) break;
        }
    }
    if (a.title.empty()) a.title = xml::child_text(content_meta, "slugline");
    if (a.title.empty()) a.title = fields::title_from_text(a.body);

    a.published = date_of(xml::child(item_meta, "firstCreated"));
    if (!a.published) a.published = date_of(xml::child(content_meta, "contentCreated"));
    if (!a.published) a.published = date_of(xml::child(item_meta, "versionCreated"));
    if (!a.published) a.published = date_of(xml::child(message_header, "sent"));

    for (const xmlNode* creator : xml::children(content_meta, "creator")) {
        for (const std::string& n : fields::byline_names(concept_name(creator, a.language))) add_unique(a.authors, n);
    }
    for (const xmlNode* by : xml::children(content_meta, "by")) {
        for (const std::string& n : fields::byline_names(xml::text_of(by))) add_unique(a.authors, n);
    }
    for (const xmlNode* subject : xml::children(content_meta, "subject")) read_g2_subject(subject, a);
    for (const xmlNode* keyword : xml::children(content_meta, "keyword")) add_unique(a.keywords, xml::text_of(keyword));
    for (const xmlNode* located : xml::children(content_meta, "located")) {
        std::string place = concept_name(located, a.language);
        if (!place.empty()) {
            add_unique(a.places, place);
            a.curated_places = true;
        }
    }
    const xmlNode* provider = xml::child(item_meta, "provider");
    a.source = concept_name(provider, a.language);
    if (a.source.empty()) a.source = qcode_value(xml::attribute(provider, "qcode"));
    if (a.source.empty()) a.source = xml::child_text(content_meta, "creditline");

    if (a.body.empty()) return;  // a package, a concept, a picture without a caption
    emit(a);
}

void read_g2(const xmlNode* root, const Emit& emit) {
    if (xml::is_element(root, "newsItem")) {
        read_g2_item(root, nullptr, emit);
        return;
    }
    const xmlNode* header = xml::child(root, "header");
    for (const xmlNode* set : xml::children(root, "itemSet")) {
        for (const xmlNode* item : xml::children(set, "newsItem")) read_g2_item(item, header, emit);
    }
}

// ---- NewsML 1.x ----

struct Inherited {
    std::string language, source, id;
    std::optional<UtcTime> published;
    std::vector<std::string> places, keywords;
};

bool has_headline(const xmlNode* component) {
    return !xml::text_of(xml::child(xml::child(component, "NewsLines"), "HeadLine")).empty();
}

bool is_text_item(const xmlNode* content_item) {
    std::string media = xml::attribute(xml::child(content_item, "MediaType"), "FormalName");
    return media.empty() || text::equals_ci(media, "Text");
}

// A component below `c` that is a story of its own (has a headline and text).
bool has_inner_story(const xmlNode* c);

bool has_text_below(const xmlNode* c) {
    for (const xmlNode* item : xml::children(c, "ContentItem")) {
        if (is_text_item(item) && xml::child(item, "DataContent")) return true;
    }
    for (const xmlNode* sub : xml::children(c, "NewsComponent")) {
        if (has_text_below(sub)) return true;
    }
    return false;
}

bool has_inner_story(const xmlNode* c) {
    for (const xmlNode* sub : xml::children(c, "NewsComponent")) {
        if ((has_headline(sub) && has_text_below(sub)) || has_inner_story(sub)) return true;
    }
    return false;
}

void read_v1_metadata(const xmlNode* component, Inherited& meta) {
    const xmlNode* descriptive = xml::child(component, "DescriptiveMetadata");
    if (std::string lang = fields::language_code(xml::attribute(xml::child(descriptive, "Language"), "FormalName")); !lang.empty()) {
        meta.language = lang;
    }
    std::vector<const xmlNode*> location_props = xml::children(descriptive, "Property");
    for (const xmlNode* loc : xml::children(descriptive, "Location")) {
        for (const xmlNode* p : xml::children(loc, "Property")) location_props.push_back(p);
    }
    for (const xmlNode* p : location_props) {
        std::string kind = xml::attribute(p, "FormalName");
        for (std::string_view place_kind : {"City", "Country", "CountryArea", "Region", "WorldRegion"}) {
            // Three-letter country codes say less than the names beside them.
            std::string value = xml::attribute(p, "Value");
            if (kind == place_kind && value.size() > 3) add_unique(meta.places, value);
        }
    }
    const xmlNode* admin = xml::child(component, "AdministrativeMetadata");
    for (std::string_view who : {"Provider", "Source"}) {
        if (!meta.source.empty()) break;
        meta.source = xml::attribute(xml::child(xml::child(admin, who), "Party"), "FormalName");
    }
    for (const xmlNode* set : xml::children(component, "TopicSet")) {
        for (const xmlNode* topic : xml::children(set, "Topic")) {
            for (const xmlNode* d : xml::children(topic, "Description")) {
                std::string lang = fields::language_code(xml::attribute(d, "lang"));
                if (xml::attribute(d, "Variant") == "Name" && (lang.empty() || lang == "en" || lang == meta.language)) {
                    add_unique(meta.keywords, xml::text_of(d));
                    break;
                }
            }
        }
    }
}

// Appends the text of every text ContentItem below `c` that is not part of an inner story.
void collect_v1_body(const xmlNode* c, Article& a, std::string& body) {
    for (const xmlNode* item : xml::children(c, "ContentItem")) {
        if (!is_text_item(item)) continue;
        const xmlNode* data = xml::child(item, "DataContent");
        if (!data) continue;
        std::string format = text::fold_case(xml::attribute(xml::child(item, "Format"), "FormalName"));
        std::string part = markup_body(data, a, format == "text" ? "text/plain" : "text/html");
        if (part.empty()) continue;
        if (!body.empty()) body.append("\n\n");
        body.append(part);
    }
    for (const xmlNode* sub : xml::children(c, "NewsComponent")) {
        if (!has_headline(sub)) collect_v1_body(sub, a, body);
    }
}

void read_v1_component(const xmlNode* c, Inherited meta, const Emit& emit) {
    read_v1_metadata(c, meta);
    if (!has_headline(c) || has_inner_story(c)) {
        for (const xmlNode* sub : xml::children(c, "NewsComponent")) read_v1_component(sub, meta, emit);
        return;
    }
    Article a;
    const xmlNode* lines = xml::child(c, "NewsLines");
    a.title = xml::child_text(lines, "HeadLine");
    a.dateline = xml::child_text(lines, "DateLine");
    for (const xmlNode* by : xml::children(lines, "ByLine")) {
        for (const std::string& n : fields::byline_names(xml::text_of(by))) add_unique(a.authors, n);
    }
    for (const xmlNode* k : xml::children(lines, "KeywordLine")) add_unique(a.keywords, xml::text_of(k));
    std::string body;
    collect_v1_body(c, a, body);
    a.body = text::normalize_paragraphs(body);
    if (a.body.empty()) return;
    a.language = meta.language;
    a.source = meta.source;
    if (a.source.empty()) a.source = xml::child_text(lines, "CreditLine");
    a.published = meta.published;
    a.id = meta.id;
    for (const std::string& p : meta.places) add_unique(a.places, p);
    for (const std::string& k : meta.keywords) add_unique(a.keywords, k);
    emit(a);
}

void read_v1(const xmlNode* root, const Emit& emit) {
    std::optional<UtcTime> envelope_date = date_of(xml::child(xml::child(root, "NewsEnvelope"), "DateAndTime"));
    for (const xmlNode* item : xml::children(root, "NewsItem")) {
        Inherited meta;
        const xmlNode* management = xml::child(item, "NewsManagement");
        meta.published = fields::parse_date(xml::child_text(management, "FirstCreated"));
        if (!meta.published) meta.published = fields::parse_date(xml::child_text(management, "ThisRevisionCreated"));
        if (!meta.published) meta.published = envelope_date;
        const xmlNode* identifier = xml::child(xml::child(item, "Identification"), "NewsIdentifier");
        meta.id = xml::child_text(identifier, "PublicIdentifier");
        if (meta.id.empty()) meta.id = xml::child_text(identifier, "NewsItemId");
        std::size_t stories = 0;
        for (const xmlNode* c : xml::children(item, "NewsComponent")) {
            read_v1_component(c, meta, [&](Article& a) {
                // Several stories in one item share its identifier; keep their ids distinct.
                if (!a.id.empty() && stories > 0) a.id.append("#").append(std::to_string(stories));
                ++stories;
                emit(a);
            });
        }
    }
}

bool is_g2_root(const xmlNode* root) {
    for (std::string_view name : {"newsMessage", "newsItem", "packageItem", "conceptItem", "knowledgeItem",
                                  "planningItem", "catalogItem", "conceptSet"}) {
        if (xml::is_element(root, name)) return true;
    }
    return false;
}

}  // namespace

int NewsmlReader::sniff(std::string_view, std::string_view head) const {
    std::string_view start = head.substr(0, 4096);
    for (std::string_view root : {"<NewsML", "<newsMessage", "<newsItem", "<packageItem", "<conceptItem",
                                  "<knowledgeItem", "<planningItem", "<catalogItem", ":newsMessage", ":newsItem"}) {
        if (start.find(root) != std::string_view::npos) return 95;
    }
    return start.find("iptc.org/std/nar/") != std::string_view::npos ? 60 : 0;
}

void NewsmlReader::read(const SourceFile& file, const ReaderOptions&, const std::function<void(Article&&)>& emit) const {
    xml::check_file_size(file);
    std::string utf8 = charset::to_utf8(file.data, charset::declared_in_xml(file.data));
    std::optional<ReadError> damage;
    xml::Document doc = xml::parse_xml(utf8, file, damage);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    std::size_t emitted = 0;
    Emit finish_and_emit = [&](Article& a) {
        fields::finish(a, file, name());
        ++emitted;
        emit(std::move(a));
    };
    if (xml::is_element(root, "NewsML")) read_v1(root, finish_and_emit);
    else if (is_g2_root(root)) read_g2(root, finish_and_emit);
    else throw ReadError("not a NewsML document: the root element is <" + std::string(xml::local_name(root)) + ">");
    if (damage && emitted == 0) throw ReadError(std::string(damage->what()) + ", and no item could be recovered", damage->line());
}

}  // namespace dateline
