// Character encodings of markup files: which one a file declares, and conversion to UTF-8.
//
// Readers hand libxml2 UTF-8 only (and tell it to ignore the document's own encoding hint), so
// that every format decodes the same way and a wrong or partly invalid declaration repairs
// instead of failing the file. The rules, in order:
//   1. a byte-order mark (UTF-8, UTF-16LE/BE) wins;
//   2. else the declared charset (XML declaration, <meta charset>, <meta http-equiv=
//      "Content-Type" content="...; charset=...">) is used, with the WHATWG aliases browsers
//      apply (ISO-8859-1 and US-ASCII mean windows-1252, GB2312 means GB18030 ...);
//   3. a declaration of UTF-8, or none, on bytes that are not UTF-8: mostly-UTF-8 bytes are
//      repaired, anything else is read as windows-1251 when it looks Cyrillic, else windows-1252.
// The result is always valid UTF-8 (text::repair_utf8 has run). All functions are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace dateline::charset {

// The encoding named in an XML declaration (<?xml ... encoding="..."?>), or "".
std::string declared_in_xml(std::string_view head);

// The encoding named by a <meta charset> or http-equiv Content-Type in the first 8 KiB of an
// HTML page (or its XML declaration, for XHTML), or "".
std::string declared_in_html(std::string_view head);

// The bytes decoded from `declared` (may be "") to valid UTF-8, following the rules above.
std::string to_utf8(std::string_view bytes, std::string_view declared);

}  // namespace dateline::charset
