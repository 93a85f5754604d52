// HTML to plain text, the way a reader sees it: block elements (p, div, li, h1-h6, tr ...) become
// paragraphs separated by "\n\n", <br> breaks a line, <pre> keeps its lines, and what a reader
// never sees (script, style, form controls, embedded media, hidden elements' markup such as
// <template>) is dropped. Used for feed descriptions, NewsML inline XHTML and the body the
// article extractor chose. Thread-safe.
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <string>
#include <string_view>

namespace dateline::html {

// True for elements whose content is never reading text (script, style, svg, button ...).
bool is_non_content_element(const xmlNode* node);

// True for elements that start a new block (paragraph) in rendered text.
bool is_block_element(const xmlNode* node);

// The text of `node`'s subtree with paragraphs kept (see above). When `keep` is given, an element
// for which it returns false is left out together with its subtree.
std::string render_text(const xmlNode* node, const std::function<bool(const xmlNode*)>& keep = {});

// The text of an HTML fragment ("<p>One</p><p>Two &amp; three</p>"), or of plain text, which
// is returned with its paragraphs normalised.
std::string fragment_to_text(std::string_view html);

}  // namespace dateline::html
