#include "render_terminal.h"

#include <algorithm>

#include "dates.h"
#include "render_timeline.h"

namespace dateline {
namespace {

const char* kBold = "\x1b[1m";
const char* kMatch = "\x1b[1;33m";
const char* kDim = "\x1b[2m";
const char* kReset = "\x1b[0m";

// Snippets arrive HTML-escaped with <b>…</b> around matches, perhaps across paragraphs; the
// terminal gets plain text on one line.
std::string terminal_snippet(const std::string& html, bool colour) {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        if (html[i] == '\n') {
            if (!out.empty() && out.back() != ' ') out += ' ';
            ++i;
            continue;
        }
        if (html.compare(i, 3, "<b>") == 0) { out += colour ? kMatch : "*"; i += 3; continue; }
        if (html.compare(i, 4, "</b>") == 0) { out += colour ? kReset : "*"; i += 4; continue; }
        if (html[i] == '&') {
            struct Entity { const char* name; char c; };
            bool decoded = false;
            for (Entity e : {Entity{"&amp;", '&'}, Entity{"&lt;", '<'}, Entity{"&gt;", '>'}, Entity{"&quot;", '"'}, Entity{"&#39;", '\''}}) {
                std::string_view name(e.name);
                if (html.compare(i, name.size(), name) == 0) {
                    out += e.c;
                    i += name.size();
                    decoded = true;
                    break;
                }
            }
            if (decoded) continue;
        }
        out += html[i++];
    }
    return out;
}

}  // namespace

void render_terminal(const SearchResponse& response, const SearchRequest& request, std::ostream& out, bool colour) {
    if (response.suggestion) {
        out << "Did you mean: " << (colour ? kBold : "") << response.suggestion->query << (colour ? kReset : "") << "\n\n";
    }
    std::size_t rank = request.offset;
    if (response.matched == Matched::some && !response.results.empty()) {
        out << (colour ? kDim : "");
        if (response.total_all_words == 0) out << "No article holds all " << response.query_words << " words; the best matches:\n\n";
        else
            out << "Only " << response.total_all_words << (response.total_all_words == 1 ? " article holds" : " articles hold") << " all "
                << response.query_words << " words; then the best matches:\n\n";
        out << (colour ? kReset : "");
    }
    for (const SearchResult& r : response.results) {
        ++rank;
        const Article& a = r.article;
        std::string date = a.published ? dates::to_iso8601(*a.published).substr(0, 10) : std::string("(no date)");
        out << rank << ". " << (colour ? kDim : "") << date;
        if (!a.source.empty()) out << "  " << a.source;
        // Briefs, tables and lists say so; a story is the usual case.
        if (!a.kind.empty() && a.kind != "story") out << "  [" << a.kind << "]";
        out << (colour ? kReset : "") << "\n   " << (colour ? kBold : "") << terminal_snippet(r.title_html.empty() ? a.title : r.title_html, colour) << (colour ? kReset : "") << "\n";
        if (!r.snippet.empty()) out << "   " << terminal_snippet(r.snippet, colour) << "\n";
        std::string who;
        for (const auto* list : {&a.people, &a.organizations, &a.places}) {
            for (const std::string& v : *list) {
                if (who.size() > 100) break;
                who += (who.empty() ? "" : ", ") + v;
            }
        }
        if (!who.empty()) out << "   " << (colour ? kDim : "") << "with: " << who << (colour ? kReset : "") << "\n";
        if (r.copy_count > 0) {
            // The story's other runs, three of them named (--json lists up to 20).
            out << "   " << (colour ? kDim : "") << "also ran " << r.copy_count << (r.copy_count == 1 ? " more time: " : " more times: ");
            for (std::size_t i = 0; i < r.copies.size() && i < 3; ++i) {
                const StoryCopy& c = r.copies[i];
                out << (i ? ", " : "") << (c.source.empty() ? c.id : c.source);
                if (c.published) out << " " << dates::to_iso8601(*c.published).substr(0, 10);
            }
            if (r.copy_count > 3) out << ", ...";
            out << (colour ? kReset : "") << "\n";
        }
        out << "\n";
    }
    for (const Facet& f : response.facets) {
        if (f.values.empty()) continue;
        out << (colour ? kBold : "") << f.name << ":" << (colour ? kReset : "");
        bool first = true;
        for (const FacetValue& v : f.values) {
            out << (first ? " " : ", ") << v.value << " (" << v.count << ")";
            first = false;
        }
        out << "\n";
    }
    bool any_related = std::any_of(response.related.begin(), response.related.end(), [](const Related& r) { return !r.values.empty(); });
    if (any_related) {
        out << (response.facets.empty() ? "" : "\n") << (colour ? kBold : "") << "Appears with" << (colour ? kReset : "")
            << " (articles here / in the whole index):\n";
        for (const Related& r : response.related) {
            if (r.values.empty()) continue;
            out << "  " << r.name << ":";
            bool first = true;
            for (const RelatedValue& v : r.values) {
                out << (first ? " " : ", ") << v.value << " " << v.count << "/" << v.all;
                first = false;
            }
            out << "\n";
        }
    }
    if (response.timeline) {
        out << (response.facets.empty() && !any_related ? "" : "\n");
        render_timeline(*response.timeline, out, colour);
    }
    char took[64];
    std::snprintf(took, sizeof took, "%.1f", response.took_ms);
    bool above = !response.facets.empty() || any_related || response.timeline;
    out << (above ? "\n" : "") << response.total << (response.total == 1 ? " result" : " results")
        << (response.total_exact ? "" : " (about)");
    if (response.total_articles > response.total) out << " (" << response.total_articles << " articles, copies included)";
    out << " in " << took << " ms"
        << (response.approximate ? " (time limit reached: the best found in time)" : "") << "\n";
}

}  // namespace dateline
