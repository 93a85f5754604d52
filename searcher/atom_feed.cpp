#include "atom_feed.h"

#include <algorithm>
#include <cctype>

#include "added_stamp.h"
#include "dates.h"
#include "highlighter.h"

namespace dateline {
namespace {

// Text for XML content and attributes: the search page's escaping (&, <, >, " and '), after
// leaving out the C0 controls other than tab and line ends, which XML 1.0 cannot hold at all.
std::string xml(std::string_view text) {
    std::string allowed;
    allowed.reserve(text.size());
    for (char c : text) {
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') allowed += c;
    }
    return Highlighter::escape(allowed);
}

void element(std::string& out, std::string_view indent, std::string_view name, std::string_view text) {
    out += indent;
    out += '<';
    out += name;
    out += '>';
    out += xml(text);
    out += "</";
    out += name;
    out += ">\n";
}

void link(std::string& out, std::string_view indent, std::string_view rel, std::string_view type, std::string_view href) {
    out += std::string(indent) + "<link rel=\"" + xml(rel) + "\" type=\"" + xml(type) + "\" href=\"" + xml(href) + "\"/>\n";
}

}  // namespace

std::string percent_encode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto b = static_cast<unsigned char>(c);
        if (std::isalnum(b) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[b >> 4];
            out += hex[b & 15];
        }
    }
    return out;
}

std::string atom_feed(const FeedInfo& info, const SearchResponse& response) {
    std::string newest;
    for (const SearchResult& r : response.results) newest = std::max(newest, r.added);
    std::string updated = newest.empty() ? info.fallback_updated : added::to_iso8601(newest);
    if (updated.empty()) updated = "1970-01-01T00:00:00Z";

    std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
    element(out, "  ", "title", info.title);
    if (!info.subtitle.empty()) element(out, "  ", "subtitle", info.subtitle);
    element(out, "  ", "id", info.id);
    element(out, "  ", "updated", updated);
    link(out, "  ", "self", "application/atom+xml", info.self);
    if (!info.alternate.empty()) link(out, "  ", "alternate", "text/html", info.alternate);
    out += "  <author><name>Dateline</name></author>\n";
    element(out, "  ", "generator", "Dateline");
    for (const SearchResult& r : response.results) {
        const Article& a = r.article;
        out += "  <entry>\n";
        element(out, "    ", "id", "urn:dateline:article:" + percent_encode(a.id));
        element(out, "    ", "title", a.title.empty() ? a.id : a.title);
        std::string entry_updated = added::to_iso8601(r.added);
        element(out, "    ", "updated", entry_updated.empty() ? updated : entry_updated);
        if (a.published) element(out, "    ", "published", dates::to_iso8601(*a.published));
        if (!a.source.empty()) out += "    <author><name>" + xml(a.source) + "</name></author>\n";
        link(out, "    ", "alternate", "text/html", info.base + "/?article=" + percent_encode(a.id));
        // The passage is HTML (matches in <b>): Atom's type="html" carries it escaped.
        if (!r.snippet.empty()) out += "    <summary type=\"html\">" + xml(r.snippet) + "</summary>\n";
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    return out;
}

}  // namespace dateline
