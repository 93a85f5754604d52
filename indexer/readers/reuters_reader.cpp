#include "reuters_reader.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "dates.h"
#include "story_kind.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {
namespace {

// Reuters-21578 is SGML with a fixed, flat tag set and malformed text (stray '&' and '<'), which
// an XML parser rejects and libxml2's HTML parser would "repair" by moving text around. A small
// scanner for the known tags is both simpler and faithful to the data.

std::size_t line_of(std::string_view data, std::size_t offset) {
    return 1 + static_cast<std::size_t>(std::count(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// Decodes the character references the collection uses; control characters disappear and
// anything that is not a known reference is kept as written (a stray '&' stays an '&').
std::string decode_sgml(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] != '&') {
            out += in[i];
            continue;
        }
        std::size_t semi = in.find(';', i);
        if (semi == std::string_view::npos || semi - i > 8) {
            out += '&';
            continue;
        }
        std::string_view ref = in.substr(i + 1, semi - i - 1);
        if (ref == "lt") out += '<';
        else if (ref == "gt") out += '>';
        else if (ref == "amp") out += '&';
        else if (ref == "quot") out += '"';
        else if (!ref.empty() && ref[0] == '#' && ref.size() > 1 &&
                 std::all_of(ref.begin() + 1, ref.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            int code = std::stoi(std::string(ref.substr(1)));
            if (code == '\n' || code == '\t') out += static_cast<char>(code);
            else if (code >= 32 && code < 127) out += static_cast<char>(code);
            // Other control characters are the wire's transmission codes: dropped.
        } else {
            out += '&';
            continue;
        }
        i = semi;
    }
    return out;
}

// The text between <tag...> and </tag> inside `story`, or nullopt when the tag is absent.
std::optional<std::string_view> element(std::string_view story, std::string_view tag) {
    std::string open = "<" + std::string(tag);
    std::size_t start = 0;
    while (true) {
        start = story.find(open, start);
        if (start == std::string_view::npos) return std::nullopt;
        char next = start + open.size() < story.size() ? story[start + open.size()] : '>';
        if (next == '>' || next == ' ') break;
        start += open.size();
    }
    std::size_t content = story.find('>', start);
    if (content == std::string_view::npos) return std::nullopt;
    ++content;
    std::string close = "</" + std::string(tag) + ">";
    std::size_t end = story.find(close, content);
    if (end == std::string_view::npos) return std::nullopt;
    return story.substr(content, end - content);
}

std::string attribute(std::string_view open_tag, std::string_view name) {
    std::string key = " " + std::string(name) + "=\"";
    std::size_t pos = open_tag.find(key);
    if (pos == std::string_view::npos) return {};
    pos += key.size();
    std::size_t end = open_tag.find('"', pos);
    if (end == std::string_view::npos) return {};
    return std::string(open_tag.substr(pos, end - pos));
}

std::vector<std::string> d_list(std::string_view story, std::string_view tag) {
    std::vector<std::string> out;
    auto list = element(story, tag);
    if (!list) return out;
    std::size_t pos = 0;
    while ((pos = list->find("<D>", pos)) != std::string_view::npos) {
        pos += 3;
        std::size_t end = list->find("</D>", pos);
        if (end == std::string_view::npos) break;
        std::string code = text::trim(decode_sgml(list->substr(pos, end - pos)));
        if (!code.empty()) out.push_back(code);
        pos = end + 4;
    }
    return out;
}

// Reuters bodies mark paragraphs with an indented line, not a blank one, and end with the
// "Reuter" sign-off.
std::string clean_body(std::string_view raw) {
    std::string decoded = decode_sgml(raw);
    std::string marked;
    marked.reserve(decoded.size());
    std::size_t start = 0;
    while (start < decoded.size()) {
        std::size_t end = decoded.find('\n', start);
        if (end == std::string::npos) end = decoded.size();
        std::string_view line(decoded.data() + start, end - start);
        if (line.size() >= 2 && line[0] == ' ' && line[1] == ' ' && !marked.empty()) marked += "\n\n";
        else if (!marked.empty()) marked += '\n';
        marked.append(line);
        start = end + 1;
    }
    std::string body = text::normalize_paragraphs(marked);
    for (std::string_view signoff : {"Reuter", "REUTER"}) {
        if (body.size() >= signoff.size() &&
            std::string_view(body).substr(body.size() - signoff.size()) == signoff) {
            body.erase(body.size() - signoff.size());
            body = text::trim(body);
            break;
        }
    }
    return body;
}

}  // namespace

std::string reuters_display_name(std::string_view list, std::string_view code) {
    if (list == "orgs") {
        if (code == "worldbank") return "World Bank";
        // Organization codes are acronyms; a suffix after '-' tells two apart ("ico-coffee").
        std::string out;
        std::size_t dash = code.find('-');
        for (char c : code.substr(0, dash)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (dash != std::string_view::npos) out += " " + text::title_case_code(code.substr(dash + 1));
        return out;
    }
    if (list == "places") {
        static const std::array<std::string_view, 6> acronyms{"usa", "uk", "ussr", "uae", "usvi", "ivory-coast"};
        if (code == "ivory-coast") return "Ivory Coast";
        for (std::string_view a : acronyms) {
            if (code == a) {
                std::string out;
                for (char c : code) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                return out;
            }
        }
    }
    return text::title_case_code(code);
}

int ReutersReader::sniff(std::string_view path, std::string_view head) const {
    // A real story tag carries its NEWID; a text that merely mentions <REUTERS> (a README) does not.
    for (std::size_t p = head.find("<REUTERS"); p != std::string_view::npos; p = head.find("<REUTERS", p + 1)) {
        std::size_t end = head.find('>', p);
        if (end != std::string_view::npos && head.substr(p, end - p).find("NEWID=") != std::string_view::npos) return 90;
    }
    if (path.size() > 4 && path.substr(path.size() - 4) == ".sgm") return 30;
    return 0;
}

void ReutersReader::read(const SourceFile& file, const ReaderOptions&,
                         const std::function<void(Article&&)>& emit) const {
    std::string_view data = file.data;
    std::size_t pos = 0;
    std::size_t stories = 0;
    while ((pos = data.find("<REUTERS", pos)) != std::string_view::npos) {
        std::size_t tag_end = data.find('>', pos);
        std::size_t end = data.find("</REUTERS>", pos);
        std::size_t next_open = data.find("<REUTERS", pos + 8);
        if (tag_end == std::string_view::npos || end == std::string_view::npos ||
            (next_open != std::string_view::npos && next_open < end)) {
            std::string newid = tag_end == std::string_view::npos ? std::string() : attribute(data.substr(pos, tag_end - pos + 1), "NEWID");
            throw ReadError("truncated Reuters SGML: the story" + (newid.empty() ? std::string() : " NEWID=" + newid) +
                                " starting here has no </REUTERS> (" + std::to_string(stories) +
                                " complete stories before it were read)",
                            line_of(data, pos));
        }
        std::string_view open_tag = data.substr(pos, tag_end - pos + 1);
        std::string_view story = data.substr(tag_end + 1, end - tag_end - 1);
        pos = end + 10;
        ++stories;

        Article a;
        a.format = "reuters";
        a.source = "Reuters";
        a.language = "en";
        a.source_path = file.path;
        std::string newid = attribute(open_tag, "NEWID");
        if (newid.empty()) throw ReadError("a <REUTERS> story has no NEWID attribute", line_of(data, pos));
        a.id = "reuters-" + newid;
        if (auto d = element(story, "DATE")) {
            // Some dates carry transmission codes or an editor's note after the time
            // ("...00:02:59.13&#5;&#5;RM", "... # date added by ..."), and a few a garbled time
            // ("605:12:19.12"): then the day alone is still right.
            std::string date = text::trim(d->substr(0, d->find_first_of("&#")));
            a.published = dates::parse(date);
            if (!a.published) a.published = dates::parse(date.substr(0, date.find(' ')));
        }
        if (auto text_el = element(story, "TEXT")) {
            std::string_view t = *text_el;
            auto title = element(t, "TITLE");
            auto dateline = element(t, "DATELINE");
            auto body = element(t, "BODY");
            if (title) a.title = text::collapse_spaces(decode_sgml(*title));
            if (dateline) {
                a.dateline = text::collapse_spaces(decode_sgml(*dateline));
                while (!a.dateline.empty() && (a.dateline.back() == '-' || a.dateline.back() == ' ')) a.dateline.pop_back();
            }
            if (body) a.body = clean_body(*body);
            if (!title && !body) a.body = clean_body(t);  // TYPE="UNPROC": raw text only
            // Tables (earnings, prices) show in the lines as the wire sent them.
            a.kind = story_kind::classify(decode_sgml(body ? *body : t));
        }
        if (a.title.empty()) {
            // Untitled stories get their first line as a headline, so every result has one; a
            // story the wire sent empty is still one of the collection's stories.
            std::string first = a.body.substr(0, a.body.find('\n'));
            a.title = first.empty() ? "(no headline)" : text::truncate_utf8(first, 120);
        }
        a.title = text::repair_utf8(a.title);
        a.body = text::repair_utf8(a.body);
        // The other readers cut fields in fields::finish; this one keeps the collection's own
        // places and kind, so it takes only the cut.
        xml::clip_fields(a);
        for (const std::string& code : d_list(story, "PEOPLE")) add_unique(a.people, reuters_display_name("people", code));
        for (const std::string& code : d_list(story, "ORGS")) add_unique(a.organizations, reuters_display_name("orgs", code));
        for (const std::string& code : d_list(story, "PLACES")) add_unique(a.places, reuters_display_name("places", code));
        for (const std::string& code : d_list(story, "TOPICS")) add_subject(a, code);
        // The tags are the collection's curated lists, even when empty: "no people tagged".
        a.curated_people = a.curated_organizations = a.curated_places = true;
        emit(std::move(a));
    }
    if (stories == 0) throw ReadError("no <REUTERS> stories found: not a Reuters-21578 SGML file");
}

}  // namespace dateline
