// Character encodings: which one a file declares or, when it declares none (plain text, CSV,
// JSON Lines), which one its bytes are in; and conversion to UTF-8.
//
// Readers hand libxml2 UTF-8 only (and tell it to ignore the document's own encoding hint), so
// that every format decodes the same way and a wrong or partly invalid declaration repairs
// instead of failing the file. The rules, in order:
//   1. a byte-order mark (UTF-8, UTF-16LE/BE) wins;
//   2. else the declared charset (XML declaration, <meta charset>, <meta http-equiv=
//      "Content-Type" content="...; charset=...">) is used, with the WHATWG aliases browsers
//      apply (ISO-8859-1 and US-ASCII mean windows-1252, GB2312 means GB18030 ...);
//   3. a declaration of UTF-8, or none, on bytes that are not UTF-8: mostly-UTF-8 bytes are
//      repaired, anything else is read in the encoding guess() finds.
// The result is always valid UTF-8 (text::repair_utf8 has run). All functions are thread-safe.
//
// guess() asks uchardet (Debian's libuchardet, Mozilla's detector) and corrects the answers it
// gives that news text never needs: measured on the Russian, Ukrainian and German texts of the
// shared corpora converted with iconv, it is right on 100% of whole texts in windows-1251,
// KOI8-R, windows-1252 and ISO-8859-1 once ISO-8859-1 is read as windows-1252 (its superset) and
// KOI8-R as KOI8-U (Ukrainian's superset of it, which uchardet never names); on 100-byte snippets
// it took windows-1251 for MAC-CYRILLIC 3-5% of the time, so that answer means windows-1251. The
// hand-written guess it replaced (windows-1251 when Cyrillic-looking, else windows-1252) never
// got KOI8 right.
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

// The encoding of bytes that declare none, as an iconv name: "UTF-8" when they are (mostly)
// valid UTF-8, else the legacy encoding they read best in.
std::string guess(std::string_view bytes);

// UTF-16 (without its byte-order mark) to UTF-8, for a file read in pieces: the bytes of a
// character cut at the end of `piece` wait in `carry` for the next piece.
std::string utf16_to_utf8(std::string_view piece, bool big_endian, std::string& carry);

// Decoding a file read in pieces (lines of a JSON Lines or CSV file), with one encoding for the
// whole file: a short piece says too little to guess from alone. The guess is made from
// `sample` (the file's first bytes), or else from the first piece that is not UTF-8. A piece
// that is valid UTF-8 is always read as UTF-8. Not thread-safe: one per file being read.
class StreamDecoder {
public:
    explicit StreamDecoder(std::string_view sample);
    std::string decode(std::string_view piece);
    // The legacy encoding in use, "" while every piece has been UTF-8.
    const std::string& encoding() const { return encoding_; }

private:
    std::string encoding_;
};

}  // namespace dateline::charset
