#include "xml_document.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <mutex>

#include "text.h"

namespace dateline::xml {
namespace {

// Readers never want anything from outside the file: DTDs, external entities and XIncludes are
// all refused here, whatever the parser options say.
xmlParserInputPtr refuse_external_entity(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }

void init_libxml_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external_entity);
    });
}

// The first error libxml2 reports while parsing one document.
struct FirstError {
    std::string message;
    int line = 0;
};

void capture_error(void* user_data, xmlErrorPtr error) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(user_data);
    auto* first = static_cast<FirstError*>(ctxt->_private);
    if (first == nullptr || !first->message.empty() || error == nullptr) return;
    if (error->level < XML_ERR_ERROR) return;
    first->message = text::trim(error->message ? error->message : "malformed XML");
    first->line = error->line;
}

struct ContextDeleter {
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

int checked_size(std::string_view s) {
    if (s.size() > static_cast<std::size_t>(INT_MAX)) throw ReadError("the file is too large to parse");
    return static_cast<int>(s.size());
}

// Iterative, like for_each_element, so that deep nesting cannot overflow the stack.
void collect_text(const xmlNode* root, std::string& out) {
    const xmlNode* n = root->children;
    while (n != nullptr && n != root) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) out += reinterpret_cast<const char*>(n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            // Element boundaries separate words ("<p>one</p><p>two</p>").
            out += ' ';
            if (n->children != nullptr) {
                n = n->children;
                continue;
            }
        }
        while (n != root && n->next == nullptr) {
            n = n->parent;
            if (n != root) out += ' ';
        }
        if (n == root) break;
        n = n->next;
    }
}

}  // namespace

void check_file_size(const SourceFile& file) {
    if (file.data.size() > kMaxParsedBytes) {
        throw ReadError("the file is " + std::to_string(file.data.size() >> 20) + " MiB, over the " +
                        std::to_string(kMaxParsedBytes >> 20) + " MiB limit for one file; split it or leave it out");
    }
}

void clip_fields(Article& a) {
    a.title = text::truncate_utf8(a.title, max_title_bytes);
    a.body = text::truncate_utf8(a.body, max_body_bytes);
}

void DocumentDeleter::operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }

namespace {

// The document with its DOCTYPE's internal subset cut out and every reference to a named
// entity other than XML's five predefined ones dropped: what an entity bomb or an entity pointing
// at a local file amounts to once nothing is expanded.
std::string without_declared_entities(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    std::size_t doctype = in.find("<!DOCTYPE");
    std::size_t resume = 0;
    if (doctype != std::string_view::npos) {
        std::size_t open = in.find('[', doctype);
        std::size_t close = in.find("]>", doctype);
        std::size_t plain_end = in.find('>', doctype);
        if (open != std::string_view::npos && close != std::string_view::npos && open < plain_end) {
            out.append(in.substr(0, doctype));
            resume = close + 2;
        }
    }
    for (std::size_t i = resume; i < in.size(); ++i) {
        if (in[i] == '&' && i + 1 < in.size() && in[i + 1] != '#') {
            std::size_t semi = in.find(';', i);
            std::string_view name = semi == std::string_view::npos ? std::string_view() : in.substr(i + 1, semi - i - 1);
            bool predefined = name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos";
            bool is_name = !name.empty() && name.size() < 64 && name.find_first_of(" \t\n<&") == std::string_view::npos;
            if (is_name && !predefined) {
                i = semi;
                continue;
            }
        }
        out += in[i];
    }
    return out;
}

Document parse_xml_once(std::string_view utf8, FirstError& first, bool recover = false) {
    std::unique_ptr<xmlParserCtxt, ContextDeleter> ctxt(xmlNewParserCtxt());
    if (!ctxt) throw ReadError("out of memory starting the XML parser");
    ctxt->_private = &first;
    ctxt->sax->serror = capture_error;
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                        XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES | (recover ? XML_PARSE_RECOVER : 0);
    Document doc(xmlCtxtReadMemory(ctxt.get(), utf8.data(), checked_size(utf8), nullptr, "UTF-8", options));
    if (!doc || (!ctxt->wellFormed && !recover)) return nullptr;
    return doc;
}

// The strict parse; on failure `first` holds the complaint.
Document parse_strict(std::string_view utf8, FirstError& first) {
    init_libxml_once();
    Document doc = parse_xml_once(utf8, first);
    if (!doc && first.message.find("ntit") != std::string::npos) {
        // libxml2 refused the entities (a reference loop, an amplification bomb, an undefined or
        // external one): the story itself is still readable without them.
        FirstError second;
        doc = parse_xml_once(without_declared_entities(utf8), second);
    }
    return doc;
}

ReadError malformed(const FirstError& first) {
    std::string why = first.message.empty() ? std::string("not well-formed XML") : first.message;
    return ReadError("malformed XML: " + why, first.line > 0 ? static_cast<std::size_t>(first.line) : 0);
}

}  // namespace

Document parse_xml(std::string_view utf8) {
    FirstError first;
    Document doc = parse_strict(utf8, first);
    if (!doc) throw malformed(first);
    if (xmlDocGetRootElement(doc.get()) == nullptr) throw ReadError("the XML document has no root element");
    return doc;
}

Document parse_xml(std::string_view utf8, const SourceFile& file, std::optional<ReadError>& damage) {
    damage.reset();
    FirstError first;
    Document doc = parse_strict(utf8, first);
    if (!doc) {
        FirstError again;
        doc = parse_xml_once(without_declared_entities(utf8), again, true);
        if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) throw malformed(first);
        damage = malformed(first);
        file.report(damage->line(), std::string(damage->what()) + "; read in recovery mode, the text around it may be incomplete");
    }
    if (xmlDocGetRootElement(doc.get()) == nullptr) throw ReadError("the XML document has no root element");
    return doc;
}

Document parse_html(std::string_view utf8) {
    init_libxml_once();
    if (text::trim(utf8).empty()) throw ReadError("the page is empty");
    std::unique_ptr<xmlParserCtxt, ContextDeleter> ctxt(htmlNewParserCtxt());
    if (!ctxt) throw ReadError("out of memory starting the HTML parser");
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
    Document doc(htmlCtxtReadMemory(ctxt.get(), utf8.data(), checked_size(utf8), nullptr, "UTF-8", options));
    if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) throw ReadError("the HTML page could not be parsed");
    return doc;
}

std::string_view local_name(const xmlNode* node) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
    return reinterpret_cast<const char*>(node->name);
}

bool is_element(const xmlNode* node, std::string_view local) {
    std::string_view name = local_name(node);
    return !name.empty() && text::equals_ci(name, local);
}

std::string attribute(const xmlNode* node, std::string_view local) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
        if (a->name == nullptr || !text::equals_ci(reinterpret_cast<const char*>(a->name), local)) continue;
        std::string value;
        for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
            if (c->type == XML_TEXT_NODE && c->content) value += reinterpret_cast<const char*>(c->content);
        }
        return text::trim(value);
    }
    return {};
}

std::string text_of(const xmlNode* node) {
    if (node == nullptr) return {};
    std::string out;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content) out = reinterpret_cast<const char*>(node->content);
    } else {
        collect_text(node, out);
    }
    return text::collapse_spaces(out);
}

std::string direct_text(const xmlNode* node) {
    std::string out;
    if (node == nullptr) return out;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            out += reinterpret_cast<const char*>(c->content);
        }
    }
    return out;
}

const xmlNode* child(const xmlNode* node, std::string_view local) {
    if (node == nullptr) return nullptr;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (is_element(c, local)) return c;
    }
    return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* node, std::string_view local) {
    std::vector<const xmlNode*> out;
    if (node == nullptr) return out;
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && (local.empty() || is_element(c, local))) out.push_back(c);
    }
    return out;
}

const xmlNode* descendant(const xmlNode* node, std::string_view local) {
    const xmlNode* found = nullptr;
    for_each_element(node, [&](const xmlNode* n) {
        if (found) return false;
        if (is_element(n, local)) {
            found = n;
            return false;
        }
        return true;
    });
    return found;
}

void for_each_element(const xmlNode* node, const std::function<bool(const xmlNode*)>& visit) {
    if (node == nullptr) return;
    // Iterative, so that a deeply nested hostile document cannot overflow the stack here.
    const xmlNode* n = node->children;
    while (n != nullptr && n != node) {
        bool descend = false;
        if (n->type == XML_ELEMENT_NODE) descend = visit(n) && n->children != nullptr;
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != node && n->next == nullptr) n = n->parent;
        if (n == node || n == nullptr) break;
        n = n->next;
    }
}

std::string child_text(const xmlNode* node, std::string_view local) { return text_of(child(node, local)); }

}  // namespace dateline::xml
