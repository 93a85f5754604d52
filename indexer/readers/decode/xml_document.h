// Safe libxml2 parsing and the node helpers every markup reader shares.
//
// parse_xml() and parse_html() take text that charset::to_utf8 has already decoded and return a
// tree owned by the returned pointer. Both run with network access off, no DTD loading, no entity
// substitution and no XInclude; on top of that the process-wide external entity loader refuses
// every load, so neither a DOCTYPE nor an entity can make libxml2 open a file or a URL.
// libxml2's own amplification checks stop entity-expansion bombs (XML_PARSE_HUGE is never set),
// and the text helpers below never descend into entity references, so an entity's replacement
// text cannot reach an Article by another route.
//
// Thread-safety: every function may be called from several threads at once. The one-time
// libxml2 set-up (xmlInitParser, the refusing entity loader) happens on first use.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reader.h"

namespace dateline::xml {

// Limits that keep one hostile or broken file from exhausting a worker.
inline constexpr std::size_t max_title_bytes = 1024;       // headlines are cut to this
inline constexpr std::size_t max_body_bytes = 2u << 20;    // bodies are cut to this

// Throws ReadError when the file is over kMaxParsedBytes.
void check_file_size(const SourceFile& file);

// Cuts title and body to the limits above (on character boundaries).
void clip_fields(Article& a);

struct DocumentDeleter {
    void operator()(xmlDoc* doc) const;
};
using Document = std::unique_ptr<xmlDoc, DocumentDeleter>;

// A well-formed XML document, or ReadError naming libxml2's first complaint and its line.
Document parse_xml(std::string_view utf8);

// The same, except that a document that is not well-formed (a bare '&', a tag never closed, a
// file cut short) is read in libxml2's recovery mode (XML_PARSE_RECOVER), its first complaint
// reported on `file` with its line, and `damage` set to it: one damaged spot loses what libxml2
// cannot make out around it, not the file (a reader that finds nothing in what was recovered
// throws `damage`). The recovery parse runs on the text with its DTD
// internal subset and entity references removed, so the protections above hold. ReadError only
// when nothing is recoverable (no root element).
Document parse_xml(std::string_view utf8, const SourceFile& file, std::optional<ReadError>& damage);

// An HTML document; the HTML parser recovers from anything, so this throws only when the input
// is empty or libxml2 runs out of memory.
Document parse_html(std::string_view utf8);

// The element's local name (no namespace prefix); "" for non-elements.
std::string_view local_name(const xmlNode* node);
bool is_element(const xmlNode* node, std::string_view local);

// The attribute with this local name in any namespace, trimmed; "" when absent.
std::string attribute(const xmlNode* node, std::string_view local);

// All text below `node` (text and CDATA only, never entity references), every run of whitespace
// collapsed to one space.
std::string text_of(const xmlNode* node);

// The node's own text and CDATA children joined as written (no collapsing): the escaped HTML a
// feed or NewsML 1 DataContent carries.
std::string direct_text(const xmlNode* node);

// The first child element with this local name, or nullptr.
const xmlNode* child(const xmlNode* node, std::string_view local);
// All child elements with this local name (all child elements when `local` is empty).
std::vector<const xmlNode*> children(const xmlNode* node, std::string_view local = {});
// The first element with this local name in document order below `node`, or nullptr.
const xmlNode* descendant(const xmlNode* node, std::string_view local);
// Calls `visit` for every element below `node` in document order; `visit` returns false to skip
// the element's subtree.
void for_each_element(const xmlNode* node, const std::function<bool(const xmlNode*)>& visit);

// Text of the first child with this local name, "" when there is none.
std::string child_text(const xmlNode* node, std::string_view local);

}  // namespace dateline::xml
