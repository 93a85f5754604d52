#include "html_text.h"

#include <array>

#include "text.h"
#include "xml_document.h"

namespace dateline::html {
namespace {

template <std::size_t N>
bool name_in(const xmlNode* node, const std::array<std::string_view, N>& names) {
    std::string_view name = xml::local_name(node);
    if (name.empty()) return false;
    for (std::string_view n : names) {
        if (text::equals_ci(name, n)) return true;
    }
    return false;
}

// HTML whitespace collapses, so source line breaks inside a paragraph are just spaces.
void append_flowing(std::string& out, std::string_view s) {
    for (char c : s) out += (c == '\n' || c == '\r' || c == '\t' || c == '\f') ? ' ' : c;
}

// Each line of a <pre> (a table in a wire story, say) stays a line of its own.
void append_preformatted(std::string& out, std::string_view s) {
    for (char c : s) {
        if (c == '\n') out += "\n\n";
        else out += c;
    }
}

}  // namespace

bool is_non_content_element(const xmlNode* node) {
    static constexpr std::array<std::string_view, 20> names{
        "script", "style",  "noscript", "template", "iframe", "svg",  "math",   "canvas", "object", "embed",
        "button", "select", "option",   "input",    "textarea", "head", "title", "link",  "meta",   "video"};
    return name_in(node, names);
}

bool is_block_element(const xmlNode* node) {
    static constexpr std::array<std::string_view, 40> names{
        "p",       "div",  "section", "article", "main",       "header", "footer", "aside",  "nav",   "ul",
        "ol",      "li",   "dl",      "dt",      "dd",         "h1",     "h2",     "h3",     "h4",    "h5",
        "h6",      "pre",  "blockquote", "table", "tr",        "thead",  "tbody",  "figure", "figcaption", "hr",
        "address", "form", "fieldset", "center", "hgroup",     "details", "summary", "caption", "body", "block"};
    return name_in(node, names);
}

std::string render_text(const xmlNode* root, const std::function<bool(const xmlNode*)>& keep) {
    std::string out;
    if (root == nullptr) return out;
    int in_pre = 0;
    auto enter = [&](const xmlNode* n) {
        if (is_block_element(n)) out += "\n\n";
        else if (xml::is_element(n, "br")) out += '\n';
        else if (xml::is_element(n, "td") || xml::is_element(n, "th")) out += ' ';
        if (xml::is_element(n, "pre")) ++in_pre;
    };
    auto leave = [&](const xmlNode* n) {
        if (is_block_element(n)) out += "\n\n";
        if (xml::is_element(n, "pre")) --in_pre;
    };
    auto wanted = [&](const xmlNode* n) {
        return !is_non_content_element(n) && (!keep || keep(n));
    };
    if (root->type == XML_ELEMENT_NODE && !wanted(root)) return out;
    // Iterative walk with explicit enter/leave so that deep nesting cannot overflow the stack.
    const xmlNode* n = root->children;
    while (n != nullptr && n != root) {
        bool descend = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) {
                std::string_view s = reinterpret_cast<const char*>(n->content);
                if (in_pre > 0) append_preformatted(out, s);
                else append_flowing(out, s);
            }
        } else if (n->type == XML_ELEMENT_NODE && wanted(n)) {
            enter(n);
            if (n->children != nullptr) descend = true;
            else leave(n);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == nullptr) {
            n = n->parent;
            if (n != root && n != nullptr) leave(n);
        }
        if (n == root || n == nullptr) break;
        n = n->next;
    }
    return text::normalize_paragraphs(out);
}

std::string fragment_to_text(std::string_view html) {
    if (text::trim(html).empty()) return {};
    if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
        return text::normalize_paragraphs(html);
    }
    xml::Document doc = xml::parse_html(html);
    return render_text(xmlDocGetRootElement(doc.get()));
}

}  // namespace dateline::html
