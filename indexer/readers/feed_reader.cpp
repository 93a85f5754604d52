#include "feed_reader.h"

#include <array>

#include "article_fields.h"
#include "charset.h"
#include "html_text.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {
namespace {

// Month abbreviations feeds in other languages put in RFC 822 dates, with the English month
// each stands for. English ones are not listed: dates::parse knows them.
struct MonthName {
    std::string_view local;
    std::string_view english;
};
constexpr std::array<MonthName, 27> localized_months{{
    {"gen", "Jan"}, {"ene", "Jan"}, {"janv", "Jan"}, {"jän", "Jan"}, {"fev", "Feb"}, {"févr", "Feb"},
    {"mär", "Mar"}, {"mars", "Mar"}, {"abr", "Apr"}, {"avr", "Apr"}, {"mai", "May"}, {"mag", "May"},
    {"giu", "Jun"}, {"juin", "Jun"}, {"lug", "Jul"}, {"juil", "Jul"}, {"ago", "Aug"}, {"août", "Aug"},
    {"set", "Sep"}, {"sett", "Sep"}, {"out", "Oct"}, {"ott", "Oct"}, {"okt", "Oct"}, {"dez", "Dec"},
    {"dic", "Dec"}, {"déc", "Dec"}, {"dès", "Dec"},
}};

std::string strip_html(std::string_view s) { return text::collapse_spaces(html::fragment_to_text(s)); }

// "jdoe@example.com (Jane Doe)" -> "Jane Doe"
std::string author_name(std::string_view value) {
    std::string v = text::trim(value);
    std::size_t open = v.find('('), close = v.rfind(')');
    if (v.find('@') != std::string::npos && open != std::string::npos && close != std::string::npos && close > open) {
        return text::trim(std::string_view(v).substr(open + 1, close - open - 1));
    }
    return v;
}

const xmlNode* alternate_link(const xmlNode* entry) {
    const xmlNode* first = nullptr;
    for (const xmlNode* link : xml::children(entry, "link")) {
        std::string rel = xml::attribute(link, "rel");
        if (rel.empty() || rel == "alternate") return link;
        if (!first) first = link;
    }
    return first;
}

std::string link_of(const xmlNode* item) {
    if (std::string orig = xml::child_text(item, "origLink"); !orig.empty()) return orig;
    const xmlNode* link = alternate_link(item);
    if (!link) return {};
    std::string href = xml::attribute(link, "href");
    return href.empty() ? xml::text_of(link) : href;
}

// The text of a content element: Atom's type="text" is plain, everything else may be HTML
// (escaped or, for type="xhtml", inline).
std::string content_text(const xmlNode* node) {
    if (!node) return {};
    if (!xml::children(node).empty()) return html::render_text(node);
    std::string raw = xml::direct_text(node);
    if (xml::attribute(node, "type") == "text") return text::normalize_paragraphs(raw);
    return html::fragment_to_text(raw);
}

bool is_media_rss(const xmlNode* node) {
    return node->ns != nullptr && node->ns->href != nullptr &&
           std::string_view(reinterpret_cast<const char*>(node->ns->href)).find("/mrss") != std::string_view::npos;
}

struct FeedContext {
    std::string title;
    std::string language;
};

Article read_item(const xmlNode* item, const FeedContext& feed) {
    Article a;
    a.title = strip_html(xml::text_of(xml::child(item, "title")));
    if (a.title.empty()) a.title = strip_html(xml::text_of(xml::descendant(item, "title")));  // media:title in a group
    a.url = link_of(item);
    std::string guid = xml::child_text(item, "guid");
    if (guid.empty()) guid = xml::child_text(item, "id");
    if (a.url.empty() && guid.starts_with("http") && xml::attribute(xml::child(item, "guid"), "isPermaLink") != "false") a.url = guid;
    if (a.url.empty() && !guid.empty()) a.id = "feed-" + text::hash_hex(guid);

    for (std::string_view date_field : {"pubDate", "date", "published", "issued", "updated", "modified", "created"}) {
        if (a.published) break;
        a.published = parse_feed_date(xml::child_text(item, date_field));
    }

    for (const xmlNode* author : xml::children(item, "author")) {
        std::string name = xml::child_text(author, "name");
        if (name.empty() && xml::children(author).empty()) name = author_name(xml::text_of(author));
        for (const std::string& n : fields::byline_names(name)) add_unique(a.authors, n);
    }
    for (const xmlNode* creator : xml::children(item, "creator")) {
        for (const std::string& n : fields::byline_names(xml::text_of(creator))) add_unique(a.authors, n);
    }

    for (const xmlNode* c : xml::children(item, "category")) {
        std::string term = xml::attribute(c, "label");
        if (term.empty()) term = xml::attribute(c, "term");
        if (term.empty()) term = xml::text_of(c);
        add_unique(a.keywords, term);
    }
    for (const xmlNode* s : xml::children(item, "subject")) add_subject(a, xml::text_of(s));

    // Feeds put a teaser in one field and the story in another, and which is which varies.
    for (std::string_view field : {"encoded", "content", "description", "summary"}) {
        for (const xmlNode* node : xml::children(item, field)) {
            if (is_media_rss(node)) continue;  // media:content is a picture, not the story
            std::string candidate = content_text(node);
            if (candidate.size() > a.body.size()) a.body = std::move(candidate);
        }
    }
    if (a.body.empty()) a.body = content_text(xml::descendant(item, "description"));  // media:description

    a.source = xml::child_text(item, "source");
    if (a.source.empty()) a.source = feed.title;
    a.language = fields::language_code(xml::attribute(item, "lang"));
    if (a.language.empty()) a.language = feed.language;
    if (a.title.empty()) a.title = fields::title_from_text(a.body);
    // Many feeds (headline services, link lists) carry nothing but a headline per item; that
    // headline is then all the item says, so it is its text too, and a search of the body finds it.
    if (a.body.empty()) a.body = a.title;
    return a;
}

}  // namespace

std::optional<UtcTime> parse_feed_date(std::string_view value) {
    std::string v = text::trim(value);
    if (v.empty()) return std::nullopt;
    if (auto t = fields::parse_date(v)) return t;
    // "mer, 16 nov 2022 00:38:15 +0100", "Seg, 24 Set 2018 19:42:40 -0300": the weekday says
    // nothing the date does not, and the month is translated.
    std::size_t comma = v.find(',');
    if (comma != std::string::npos && comma < 12) v = text::trim(std::string_view(v).substr(comma + 1));
    std::vector<std::string> words = text::split_trimmed(v, ' ');
    for (std::string& w : words) {
        std::string folded = text::fold_case(w);
        while (!folded.empty() && folded.back() == '.') folded.pop_back();
        for (const MonthName& m : localized_months) {
            if (folded == m.local) w = std::string(m.english);
        }
    }
    std::string rebuilt;
    for (const std::string& w : words) rebuilt += (rebuilt.empty() ? "" : " ") + w;
    return fields::parse_date(rebuilt);
}

int FeedReader::sniff(std::string_view path, std::string_view head) const {
    std::string_view start = head.substr(0, 4096);
    if (start.find("<rss") != std::string_view::npos) return 95;
    if (start.find("<feed") != std::string_view::npos && start.find("http://www.w3.org/2005/Atom") != std::string_view::npos) return 95;
    if (start.find("<rdf:RDF") != std::string_view::npos && start.find("purl.org/rss/1.0") != std::string_view::npos) return 95;
    if (start.find("<feed") != std::string_view::npos) return 70;
    bool feed_name = path.ends_with(".rss") || path.ends_with(".atom") || path.ends_with(".rdf");
    return feed_name && start.find('<') != std::string_view::npos ? 60 : 0;
}

void FeedReader::read(const SourceFile& file, const ReaderOptions&, const std::function<void(Article&&)>& emit) const {
    xml::check_file_size(file);
    std::string utf8 = charset::to_utf8(file.data, charset::declared_in_xml(file.data));
    std::optional<ReadError> damage;
    xml::Document doc = xml::parse_xml(utf8, file, damage);
    const xmlNode* root = xmlDocGetRootElement(doc.get());

    const xmlNode* channel = nullptr;
    std::vector<const xmlNode*> items;
    if (xml::is_element(root, "rss")) {
        channel = xml::child(root, "channel");
        items = xml::children(channel, "item");
    } else if (xml::is_element(root, "RDF")) {
        channel = xml::child(root, "channel");
        items = xml::children(root, "item");
    } else if (xml::is_element(root, "feed")) {
        channel = root;
        items = xml::children(root, "entry");
    } else {
        if (damage) throw ReadError(std::string(damage->what()) + ", and no feed could be recovered", damage->line());
        throw ReadError("not a feed: the root element is <" + std::string(xml::local_name(root)) + ">, not <rss>, <rdf:RDF> or <feed>");
    }
    FeedContext feed;
    feed.title = strip_html(xml::text_of(xml::child(channel, "title")));
    feed.language = fields::language_code(xml::child_text(channel, "language"));
    if (feed.language.empty()) feed.language = fields::language_code(xml::attribute(root, "lang"));

    std::size_t emitted = 0;
    for (const xmlNode* item : items) {
        Article a = read_item(item, feed);
        if (a.title.empty() && a.body.empty()) continue;
        fields::finish(a, file, name());
        ++emitted;
        emit(std::move(a));
    }
    if (damage && emitted == 0) throw ReadError(std::string(damage->what()) + ", and no item could be recovered", damage->line());
}

}  // namespace dateline
