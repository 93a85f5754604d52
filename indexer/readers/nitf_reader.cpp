#include "nitf_reader.h"

#include "article_fields.h"
#include "charset.h"
#include "html_text.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {
namespace {

// "Britain's" is marked up as a place; the place is "Britain".
std::string entity_name(const xmlNode* node) {
    std::string name = xml::text_of(node);
    for (std::string_view tail : {"'s", "\xE2\x80\x99s"}) {
        if (name.size() > tail.size() && name.ends_with(tail)) name.resize(name.size() - tail.size());
    }
    return text::trim(name);
}

// A date element's norm attribute; older feeds leave it out and write the date as the text.
std::optional<UtcTime> norm_date(const xmlNode* node) {
    if (!node) return std::nullopt;
    if (auto t = fields::parse_date(xml::attribute(node, "norm"))) return t;
    return fields::parse_date(xml::text_of(node));
}

// <hedline><hl1>, or, as some NITF 2.5 feeds write it, the headline as the text of <hedline>
// itself (without the <hl2> subheadline).
std::string headline_of(const xmlNode* hedline) {
    if (!hedline) return {};
    if (const xmlNode* hl1 = xml::descendant(hedline, "hl1")) return xml::text_of(hl1);
    std::string own;
    for (const xmlNode* c = hedline->children; c != nullptr; c = c->next) {
        if (xml::is_element(c, "hl2")) continue;
        if (c->type == XML_TEXT_NODE && c->content) own += reinterpret_cast<const char*>(c->content);
        else if (c->type == XML_ELEMENT_NODE) own += " " + xml::text_of(c) + " ";
    }
    return text::collapse_spaces(own);
}

// Archive NITF (The New York Times' among others) lists what a story is about in
// <docdata><identified-content>: people, organizations, places and subject descriptors.
void add_identified_content(const xmlNode* docdata, Article& a) {
    const xmlNode* identified = xml::child(docdata, "identified-content");
    for (const xmlNode* n : xml::children(identified)) {
        std::string text = xml::text_of(n);
        if (text.empty()) continue;
        if (xml::is_element(n, "person")) {
            add_unique(a.people, fields::index_entry_name(text, true));
            a.curated_people = true;
        } else if (xml::is_element(n, "org")) {
            add_unique(a.organizations, fields::index_entry_name(text, false));
            a.curated_organizations = true;
        } else if (xml::is_element(n, "location")) {
            add_unique(a.places, fields::index_entry_name(text, false));
            a.curated_places = true;
        } else if (xml::is_element(n, "classifier") && xml::attribute(n, "type") == "descriptor") {
            add_unique(a.keywords, fields::index_entry_name(text, false));
        }
    }
}

// True when every word of `name` is already a word of one of `authors`: a second byline that
// only restates the first ("Holt, Maren" after "By MAREN HOLT").
bool restates(const std::string& name, const std::vector<std::string>& authors) {
    for (const std::string& word : text::split_trimmed(text::fold_case(name), ' ')) {
        bool found = false;
        for (const std::string& author : authors) {
            for (const std::string& w : text::split_trimmed(text::fold_case(author), ' ')) found = found || w == word;
        }
        if (!found) return false;
    }
    return true;
}

// The story's text, without its pictures' captions and credits (<media>). Archives repeat the
// opening in a block of its own before the full text (<block class="lead_paragraph"> then
// <block class="full_text">); a block whose text the next one begins with is left out.
std::string content_text(const xmlNode* content) {
    auto text_of = [](const xmlNode* n) {
        return html::render_text(n, [](const xmlNode* e) { return !xml::is_element(e, "media"); });
    };
    std::vector<const xmlNode*> blocks = xml::children(content, "block");
    bool blocks_only = blocks.size() >= 2 && blocks.size() == xml::children(content).size();
    if (!blocks_only) return text_of(content);
    std::string out;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        std::string part = text_of(blocks[i]);
        if (part.empty()) continue;
        if (i + 1 < blocks.size() && text_of(blocks[i + 1]).starts_with(part)) continue;
        if (!out.empty()) out += "\n\n";
        out += part;
    }
    return out;
}

}  // namespace

void add_nitf_entities(const xmlNode* node, Article& a) {
    xml::for_each_element(node, [&](const xmlNode* n) {
        if (xml::is_element(n, "byline")) return false;  // the people who wrote it, not people in it
        if (xml::is_element(n, "person")) {
            add_unique(a.people, entity_name(n));
            a.curated_people = true;
            return false;
        }
        if (xml::is_element(n, "org")) {
            add_unique(a.organizations, entity_name(n));
            a.curated_organizations = true;
            return false;
        }
        if (xml::is_element(n, "location")) {
            // <location><city>Paris</city>, <country>France</country></location> names two places.
            bool parts = false;
            for (const xmlNode* c : xml::children(n)) {
                for (std::string_view kind : {"city", "country", "region", "state", "sublocation"}) {
                    if (xml::is_element(c, kind)) {
                        add_unique(a.places, entity_name(c));
                        parts = true;
                    }
                }
            }
            if (!parts) add_unique(a.places, entity_name(n));
            a.curated_places = true;
            return false;
        }
        return true;
    });
}

void article_from_nitf(const xmlNode* nitf, Article& a) {
    const xmlNode* head = xml::child(nitf, "head");
    const xmlNode* body = xml::child(nitf, "body");
    const xmlNode* body_head = xml::child(body, "body.head");
    const xmlNode* docdata = xml::child(head, "docdata");

    a.title = headline_of(xml::child(body_head, "hedline"));
    if (a.title.empty()) a.title = xml::child_text(head, "title");

    for (const xmlNode* byline : xml::children(body_head, "byline")) {
        bool marked = false;
        xml::for_each_element(byline, [&](const xmlNode* n) {
            if (!xml::is_element(n, "person")) return true;
            for (const std::string& name : fields::byline_names(xml::text_of(n))) add_unique(a.authors, name);
            marked = true;
            return false;
        });
        if (!marked) {
            for (const std::string& name : fields::byline_names(xml::text_of(byline))) {
                if (!restates(name, a.authors)) add_unique(a.authors, name);
            }
        }
    }
    const xmlNode* dateline = xml::child(body_head, "dateline");
    a.dateline = xml::text_of(dateline);

    const xmlNode* content = xml::child(body, "body.content");
    a.body = content ? content_text(content) : std::string();
    if (a.body.empty()) a.body = html::render_text(xml::child(body_head, "abstract"));

    a.published = norm_date(xml::child(docdata, "date.issue"));
    if (!a.published) a.published = norm_date(xml::child(docdata, "date.release"));
    if (!a.published) a.published = norm_date(xml::descendant(dateline, "story.date"));
    if (!a.published) a.published = fields::parse_date(xml::attribute(xml::child(head, "pubdata"), "date.publication"));

    if (std::string id = xml::attribute(xml::child(docdata, "doc-id"), "id-string"); !id.empty()) a.id = "nitf-" + id;

    a.source = xml::attribute(xml::child(head, "pubdata"), "name");
    if (a.source.empty()) a.source = xml::text_of(xml::child(body_head, "distributor"));
    if (a.source.empty()) a.source = xml::attribute(xml::child(docdata, "doc.copyright"), "holder");

    for (const xmlNode* k : xml::children(xml::child(docdata, "key-list"), "keyword")) add_unique(a.keywords, xml::attribute(k, "key"));
    for (const xmlNode* t : xml::children(head, "tobject")) {
        for (const xmlNode* s : xml::children(t, "tobject.subject")) {
            std::string subject = xml::attribute(s, "tobject.subject.matter");
            if (subject.empty()) subject = xml::attribute(s, "tobject.subject.type");
            if (!subject.empty()) add_subject(a, subject);
        }
    }

    for (const xmlNode* n : {nitf, body, content}) {
        if (a.language.empty()) a.language = fields::language_code(xml::attribute(n, "lang"));
    }
    add_nitf_entities(content, a);
    add_identified_content(docdata, a);
    if (a.section.empty()) {
        for (const xmlNode* m : xml::children(head, "meta")) {
            if (xml::attribute(m, "name") == "dsk" || xml::attribute(m, "name") == "section") a.section = xml::attribute(m, "content");
        }
    }
}

int NitfReader::sniff(std::string_view, std::string_view head) const {
    std::string_view start = head.substr(0, 4096);
    std::size_t root = start.find("<nitf");
    if (root == std::string_view::npos) return 0;
    // NITF inside a NewsML envelope belongs to the NewsML reader.
    if (start.substr(0, root).find("<newsMessage") != std::string_view::npos ||
        start.substr(0, root).find("<newsItem") != std::string_view::npos ||
        start.substr(0, root).find("<NewsML") != std::string_view::npos) {
        return 0;
    }
    return 90;
}

void NitfReader::read(const SourceFile& file, const ReaderOptions&, const std::function<void(Article&&)>& emit) const {
    xml::check_file_size(file);
    std::string utf8 = charset::to_utf8(file.data, charset::declared_in_xml(file.data));
    std::optional<ReadError> damage;
    xml::Document doc = xml::parse_xml(utf8, file, damage);
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    // NITF also travels wrapped (a NewsML contentSet holding it as inline XML): the story is the
    // first <nitf> element, wherever it is.
    if (!xml::is_element(root, "nitf")) {
        const xmlNode* wrapped = xml::descendant(root, "nitf");
        if (!wrapped) throw ReadError("not NITF: the root element is <" + std::string(xml::local_name(root)) + "> and holds no <nitf>");
        root = wrapped;
    }
    Article a;
    article_from_nitf(root, a);
    if (a.title.empty() && a.body.empty()) {
        if (damage) throw ReadError(std::string(damage->what()) + ", and no story could be recovered", damage->line());
        return;  // an empty shell, as wire systems send to kill a story
    }
    fields::finish(a, file, name());
    emit(std::move(a));
}

}  // namespace dateline
