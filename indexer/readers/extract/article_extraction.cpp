#include "article_extraction.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "article_fields.h"
#include "html_text.h"
#include "text.h"
#include "xml_document.h"

namespace dateline::html {
namespace {

template <std::size_t N>
bool tag_in(const xmlNode* n, const std::array<std::string_view, N>& tags) {
    std::string_view name = xml::local_name(n);
    for (std::string_view t : tags) {
        if (text::equals_ci(name, t)) return true;
    }
    return false;
}

// The lower-cased words of an element's class, id and schema.org itemprop ("article-body main"
// -> article, body, main; itemprop="articleBody" -> articlebody).
std::vector<std::string> class_words(const xmlNode* n) {
    std::string s = text::fold_case(xml::attribute(n, "class") + " " + xml::attribute(n, "id") + " " +
                                    xml::attribute(n, "itemprop"));
    std::vector<std::string> words;
    std::string w;
    for (char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c))) w += c;
        else if (!w.empty()) words.push_back(std::move(w)), w.clear();
    }
    if (!w.empty()) words.push_back(std::move(w));
    return words;
}

// Furniture words: a class/id word equal to one of these, or containing one of the longer ones.
constexpr std::array<std::string_view, 16> furniture_exact{
    "ad", "ads", "advert", "adv", "banner", "menu", "nav", "navbar", "pager", "popup", "rss", "tags", "toolbar", "masthead",
    "bio", "date"};
constexpr std::array<std::string_view, 37> furniture_part{
    "advertis", "breadcrumb", "combx", "comment", "community", "cookie", "consent", "disqus", "footer",
    "gdpr", "header", "legends", "modal", "newsletter", "outbrain", "pagination", "promo", "related",
    "remark", "replies", "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social", "sponsor",
    "subscribe", "taboola", "widget", "recirc", "trending", "signup", "popular", "author", "timestamp", "sticky"};
// Words that mark the story's own containers.
constexpr std::array<std::string_view, 10> content_part{
    "article", "body", "content", "main", "story", "entry", "post", "text", "column", "blog"};
// Furniture so distinctive that a content word beside it does not save the element. Captions,
// photo credits and bylines sit inside the story's own container ("article-caption").
// Share and like widgets of blog platforms ("sharedaddy", "jetpack-likes") are named alike on
// every site that uses them.
constexpr std::array<std::string_view, 16> furniture_strong{
    "comment", "disqus", "outbrain", "taboola", "cookie", "newsletter", "recirc", "gdpr", "caption", "cptn", "credit", "byline",
    "sharing", "sharedaddy", "jetpack", "likes"};

// How lines of page furniture begin, in the languages of the archive: ad labels, calls to share,
// follow or subscribe, links to other stories, photo credits, syndication and copyright notes.
constexpr std::array<std::string_view, 61> boilerplate_openings{
    "advertisement", "advertising", "anzeige", "publicit\xC3\xA9", "publicidad", "related:", "related coverage",
    "related stories", "related articles", "read more", "read next", "read also", "more:", "see also", "sign up",
    "subscribe", "follow us", "follow him", "follow her", "share this", "share on", "click here",
    "this article originally appeared", "this story originally appeared", "for more, read", "media caption",
    "image caption", "image copyright", "photo:", "photograph:", "photograph by", "photo by", "photos:", "foto:",
    "(bild:", "bild:", "credit:", "\xC2\xA9", "copyright", "all rights reserved", "about the author", "first published",
    "get up-to-the-minute", "lire aussi", "voir aussi", "mehr zum thema", "lesen sie auch", "leia mais",
    "leia tamb\xC3\xA9m", "lee tambi\xC3\xA9n", "page editor", "comments (", "continue reading the main story",
    "a version of this article appears in print", "mehr artikel", "reporting by", "buy photo", "toggle caption",
    "hide caption", "enlarge this image", "wait 1 second to continue"};

// Phrases of the short notes that close a story about its making rather than its subject: the
// author's bio with a call to follow or write to them, and the credit for further reporting.
constexpr std::array<std::string_view, 11> boilerplate_phrases{
    "follow him on", "follow her on", "follow them on", "email him at", "email her at", "is a reporter for",
    "is a staff writer", "is a correspondent for", "contributed to this report", "contributed reporting",
    "additional reporting by"};

bool has_boilerplate_phrase(std::string_view line) {
    if (line.size() > 300) return false;
    std::string folded = text::fold_case(line);
    for (std::string_view phrase : boilerplate_phrases) {
        if (folded.find(phrase) != std::string::npos) return true;
    }
    return false;
}

// True when `line` opens with one of the boilerplate openings as whole words ("Subscribe to ..."
// but not "Subscribers said ...").
bool opens_with_boilerplate(std::string_view line) {
    std::string folded = text::fold_case(line.substr(0, 64));
    for (std::string_view opening : boilerplate_openings) {
        if (!folded.starts_with(opening)) continue;
        if (folded.size() == opening.size()) return true;
        unsigned char next = static_cast<unsigned char>(folded[opening.size()]);
        if (!std::isalpha(next) || !std::isalpha(static_cast<unsigned char>(opening.back()))) return true;
    }
    return false;
}

// True when `line` ends in a photo credit, as captions do when no markup says they are one
// ("... at the museum in Tunis. Fethi Belaid/AFP/Getty Images", "... on Monday. (Reuters)").
// A sentence of the story that names an agency ends in a full stop instead.
bool ends_with_photo_credit(std::string_view line) {
    std::string folded = text::fold_case(text::trim(line));
    while (!folded.empty() && (folded.back() == ')' || folded.back() == ']' || folded.back() == ' ')) folded.pop_back();
    for (std::string_view credit : {"getty images", "/ap", "/afp", "/reuters", "(reuters", "/epa", "/ap photo", "(ap photo",
                                    "shutterstock", "/bloomberg", "/getty"}) {
        if (folded.ends_with(credit)) return true;
    }
    return false;
}

// True when `line` is an image's file name ("protest at city hall.jpg"), which pages print where
// a picture failed to load or as a caption left over from the editing system.
bool names_image_file(std::string_view line) {
    std::string folded = text::fold_case(text::trim(line));
    for (std::string_view ext : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
        if (folded.ends_with(ext)) return true;
    }
    return false;
}

bool words_match(const std::vector<std::string>& words, const std::string_view* parts, std::size_t n_parts,
                 const std::string_view* exact, std::size_t n_exact) {
    for (const std::string& w : words) {
        for (std::size_t i = 0; i < n_exact; ++i) {
            if (w == exact[i]) return true;
        }
        for (std::size_t i = 0; i < n_parts; ++i) {
            if (w.find(parts[i]) != std::string::npos) return true;
        }
    }
    return false;
}

bool names_furniture(const std::vector<std::string>& w) {
    return words_match(w, furniture_part.data(), furniture_part.size(), furniture_exact.data(), furniture_exact.size());
}
bool names_content(const std::vector<std::string>& w) {
    return words_match(w, content_part.data(), content_part.size(), nullptr, 0);
}
bool names_strong_furniture(const std::vector<std::string>& w) {
    return words_match(w, furniture_strong.data(), furniture_strong.size(), nullptr, 0);
}

// +25 for content words in class/id, -25 for furniture words.
int class_weight(const xmlNode* n) {
    std::vector<std::string> w = class_words(n);
    int weight = 0;
    if (names_content(w)) weight += 25;
    if (names_furniture(w)) weight -= 25;
    return weight;
}

bool is_hidden(const xmlNode* n) {
    if (xmlHasProp(n, BAD_CAST "hidden")) return true;
    if (text::fold_case(xml::attribute(n, "aria-hidden")) == "true") return true;
    std::string style = text::fold_case(xml::attribute(n, "style"));
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

bool is_furniture_role(const xmlNode* n) {
    std::string role = text::fold_case(xml::attribute(n, "role"));
    for (std::string_view r : {"navigation", "menu", "menubar", "complementary", "banner", "contentinfo", "dialog",
                               "alert", "alertdialog", "search"}) {
        if (role == r) return true;
    }
    return false;
}

struct Stats {
    std::size_t chars = 0;       // text length, whitespace collapsed
    std::size_t link_chars = 0;  // of which inside <a>
    std::size_t commas = 0;
    std::size_t digits = 0;
    int paragraphs = 0, images = 0, list_items = 0, inputs = 0;
};

// Commas that part clauses; a comma between digits ("28,25,140") separates thousands and says
// nothing about prose.
std::size_t commas_in(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != ',') continue;
        bool in_number = i > 0 && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i - 1])) &&
                         std::isdigit(static_cast<unsigned char>(s[i + 1]));
        if (!in_number) ++n;
    }
    // Chinese and Japanese commas.
    for (std::string_view wide : {"\xEF\xBC\x8C", "\xE3\x80\x81"}) {
        for (std::size_t p = s.find(wide); p != std::string_view::npos; p = s.find(wide, p + 1)) ++n;
    }
    return n;
}

std::size_t visible_length(std::string_view s) {
    std::size_t n = 0;
    bool space = true;
    for (char c : s) {
        bool is_space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!is_space) ++n;
        else if (!space) ++n;
        space = is_space;
    }
    return n;
}

class Extractor {
public:
    Extractor(xmlDoc* doc, std::string_view headline, bool strict)
        : headline_(text::fold_case(text::collapse_spaces(headline))), strict_(strict) {
        const xmlNode* root = xmlDocGetRootElement(doc);
        body_ = xml::descendant(root, "body");
        if (!body_) body_ = root;
    }

    std::string run() {
        if (!body_) return {};
        count_paragraph_text();
        collect(body_);
        measure();
        score_paragraphs();
        const xmlNode* top = choose_top();
        std::vector<const xmlNode*> parts = with_siblings(top);
        std::string out;
        for (const xmlNode* part : parts) {
            if (part != top && is_furniture_line(part)) continue;  // a caption or label beside the story
            mark_furniture_inside(part);
            std::string piece = render_text(part, [&](const xmlNode* n) { return !removed_.count(n) && !dropped_.count(n); });
            if (!piece.empty()) out += (out.empty() ? "" : "\n\n") + piece;
        }
        return drop_leading_headline(out);
    }

private:
    // Pre-order list of kept elements; removed ones are recorded and their subtrees skipped.
    void collect(const xmlNode* root) {
        order_.push_back(root);
        xml::for_each_element(root, [&](const xmlNode* n) {
            if (should_remove(n)) {
                removed_.insert(n);
                return false;
            }
            order_.push_back(n);
            return true;
        });
    }

    // Characters of <p> text under each element, so that a wrapper holding most of the page's
    // paragraphs is not taken for furniture by its class ("Page-ad-margins", "sticky-wrapper").
    void count_paragraph_text() {
        xml::for_each_element(body_, [&](const xmlNode* n) {
            if (!xml::is_element(n, "p")) return true;
            std::size_t chars = visible_length(xml::text_of(n));
            for (const xmlNode* a = n; a != nullptr && a->type == XML_ELEMENT_NODE; a = a->parent) paragraph_chars_[a] += chars;
            return false;
        });
    }

    bool holds_most_paragraphs(const xmlNode* n) const {
        auto it = paragraph_chars_.find(n), all = paragraph_chars_.find(body_);
        return it != paragraph_chars_.end() && all != paragraph_chars_.end() && it->second * 2 >= all->second;
    }

    bool should_remove(const xmlNode* n) const {
        static constexpr std::array<std::string_view, 8> furniture_tags{"nav", "aside", "footer", "header", "menu", "dialog", "form", "figcaption"};
        if (is_non_content_element(n) || is_hidden(n) || is_furniture_role(n)) return true;
        if (tag_in(n, furniture_tags)) {
            // ASP.NET pages wrap the whole page in one <form>.
            return !(xml::is_element(n, "form") && xml::descendant(n, "p") != nullptr);
        }
        // A figure's text is its caption and credit (a picture, a chart, a gallery, a video).
        if (xml::is_element(n, "figure")) return !holds_most_paragraphs(n);
        if (!strict_) return false;
        if (xml::is_element(n, "article") || xml::is_element(n, "main") || xml::is_element(n, "body")) return false;
        std::vector<std::string> w = class_words(n);
        if (w.empty()) return false;
        if (names_strong_furniture(w)) return true;
        return names_furniture(w) && !names_content(w) && !holds_most_paragraphs(n);
    }

    void measure() {
        for (const xmlNode* n : order_) stats_[n];
        for (const xmlNode* n : order_) {
            for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
                if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
                    std::string_view s = reinterpret_cast<const char*>(c->content);
                    stats_[n].chars += visible_length(s);
                    stats_[n].commas += commas_in(s);
                    stats_[n].digits += static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; }));
                }
            }
        }
        for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
            const xmlNode* n = *it;
            Stats& s = stats_[n];
            if (xml::is_element(n, "a")) s.link_chars = s.chars;
            if (xml::is_element(n, "p")) ++s.paragraphs;
            if (xml::is_element(n, "img")) ++s.images;
            if (xml::is_element(n, "li")) ++s.list_items;
            if (xml::is_element(n, "input")) ++s.inputs;
            if (n == body_ || n->parent == nullptr) continue;
            auto parent = stats_.find(n->parent);
            if (parent == stats_.end()) continue;
            Stats& p = parent->second;
            p.chars += s.chars;
            p.link_chars += s.link_chars;
            p.commas += s.commas;
            p.digits += s.digits;
            p.paragraphs += s.paragraphs;
            p.images += s.images;
            p.list_items += s.list_items;
            p.inputs += s.inputs;
        }
    }

    double link_density(const xmlNode* n) const {
        const Stats& s = stats_.at(n);
        return s.chars == 0 ? 0.0 : static_cast<double>(s.link_chars) / static_cast<double>(s.chars);
    }

    // A p or pre is a paragraph; a td, blockquote, div or section is one when it holds no
    // blocks of its own (else its blocks are the paragraphs).
    bool is_paragraph_like(const xmlNode* n) const {
        static constexpr std::array<std::string_view, 2> paragraph_tags{"p", "pre"};
        static constexpr std::array<std::string_view, 4> container_tags{"td", "blockquote", "div", "section"};
        if (tag_in(n, paragraph_tags)) return true;
        if (!tag_in(n, container_tags)) return false;
        for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
            if (c->type == XML_ELEMENT_NODE && is_block_element(c) && !removed_.count(c)) return false;
        }
        return true;
    }

    double initial_score(const xmlNode* n) const {
        static constexpr std::array<std::string_view, 3> plus3{"pre", "td", "blockquote"};
        static constexpr std::array<std::string_view, 8> minus3{"address", "ol", "ul", "dl", "dd", "dt", "li", "form"};
        static constexpr std::array<std::string_view, 7> minus5{"h1", "h2", "h3", "h4", "h5", "h6", "th"};
        double s = class_weight(n);
        if (xml::is_element(n, "div") || xml::is_element(n, "article")) s += 5;
        else if (tag_in(n, plus3)) s += 3;
        else if (tag_in(n, minus3)) s -= 3;
        else if (tag_in(n, minus5)) s -= 5;
        return s;
    }

    void add_score(const xmlNode* n, double amount) {
        auto it = score_.find(n);
        if (it == score_.end()) it = score_.emplace(n, initial_score(n)).first;
        it->second += amount;
    }

    void score_paragraphs() {
        for (const xmlNode* n : order_) {
            if (n == body_ || !is_paragraph_like(n)) continue;
            const Stats& s = stats_.at(n);
            if (s.chars < 25) continue;
            double points = 1.0 + static_cast<double>(s.commas) + std::min(static_cast<double>(s.chars / 100), 3.0);
            int level = 0;
            for (const xmlNode* a = n->parent; a != nullptr && level < 5 && a->type == XML_ELEMENT_NODE; a = a->parent, ++level) {
                double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
                add_score(a, points / divider);
                if (a == body_) break;
            }
        }
    }

    double final_score(const xmlNode* n) const {
        auto it = score_.find(n);
        return it == score_.end() ? 0.0 : it->second * (1.0 - link_density(n));
    }

    const xmlNode* choose_top() {
        std::vector<std::pair<double, const xmlNode*>> ranked;
        for (const auto& [node, s] : score_) {
            if (stats_.count(node)) ranked.emplace_back(final_score(node), node);
        }
        if (ranked.empty()) return body_;
        std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
            return a.first != b.first ? a.first > b.first : xmlGetLineNo(a.second) < xmlGetLineNo(b.second);
        });
        const xmlNode* top = ranked.front().second;
        double best = ranked.front().first;
        top_score_ = best;

        // Near-equal candidates that share an ancestor mean the story is split over blocks.
        std::vector<const xmlNode*> alternatives;
        for (std::size_t i = 1; i < ranked.size() && i < 5; ++i) {
            if (ranked[i].first >= 0.75 * best) alternatives.push_back(ranked[i].second);
        }
        if (alternatives.size() >= 3) {
            for (const xmlNode* p = top->parent; p != nullptr && p != body_->parent; p = p->parent) {
                std::size_t contained = 0;
                for (const xmlNode* alt : alternatives) {
                    for (const xmlNode* q = alt; q != nullptr; q = q->parent) {
                        if (q == p) { ++contained; break; }
                    }
                }
                if (contained >= 3) {
                    top = p;
                    break;
                }
                if (p == body_) break;
            }
        }
        // A wrapper with nothing else in it is the same container.
        while (top != body_ && top->parent != nullptr && xml::children(top->parent).size() == 1) top = top->parent;
        return widen_to_story(top);
    }

    // Pages split one story over several blocks: an intro box, then the text; "story-body-1" and
    // "story-body-2" around an ad; the part after a "read more" button. The best block is then
    // only a part. A container a few levels up whose other content is nearly all prose holds the
    // rest of the story, so it is the article; menus and lists beside the story stop the climb.
    const xmlNode* widen_to_story(const xmlNode* top) const {
        for (int level = 0; level < 3;) {
            const xmlNode* up = top->parent;
            if (top == body_ || up == nullptr || up == body_ || !stats_.count(up)) break;
            std::size_t extra = stats_.at(up).chars - stats_.at(top).chars;
            if (extra < 50) {  // a wrapper, perhaps with a "Read more" button: the same container
                top = up;
                continue;
            }
            std::size_t prose = prose_chars_outside(up, top);
            if (prose < 150 || static_cast<double>(prose) < 0.75 * static_cast<double>(extra)) break;
            top = up;
            ++level;
        }
        return top;
    }

    // Characters of link-poor paragraphs of sentences under `root` but not under `skip`.
    std::size_t prose_chars_outside(const xmlNode* root, const xmlNode* skip) const {
        std::size_t total = 0;
        xml::for_each_element(root, [&](const xmlNode* n) {
            if (n == skip || removed_.count(n)) return false;
            if (!stats_.count(n) || !is_paragraph_like(n)) return true;
            const Stats& s = stats_.at(n);
            if (s.chars >= 60 && link_density(n) < 0.3) total += s.chars;
            return false;
        });
        return total;
    }

    std::vector<const xmlNode*> with_siblings(const xmlNode* top) const {
        if (top == body_ || top->parent == nullptr) return {top};
        std::vector<const xmlNode*> parts;
        double threshold = std::max(10.0, top_score_ * 0.2);
        std::string top_class = xml::attribute(top, "class");
        for (const xmlNode* s = top->parent->children; s != nullptr; s = s->next) {
            if (s->type != XML_ELEMENT_NODE || removed_.count(s)) continue;
            if (s == top) {
                parts.push_back(s);
                continue;
            }
            double bonus = !top_class.empty() && xml::attribute(s, "class") == top_class ? top_score_ * 0.2 : 0.0;
            if (score_.count(s) && final_score(s) + bonus >= threshold) {
                parts.push_back(s);
                continue;
            }
            if (is_paragraph_like(s) && stats_.count(s)) {
                const Stats& st = stats_.at(s);
                double ld = link_density(s);
                std::string t = xml::text_of(s);
                bool sentence = t.find(". ") != std::string::npos || t.ends_with(".");
                if ((st.chars > 80 && ld < 0.25) || (st.chars > 0 && st.chars <= 80 && ld == 0.0 && sentence)) parts.push_back(s);
            }
        }
        return parts;
    }

    // Step 4: furniture inside the chosen container.
    void mark_furniture_inside(const xmlNode* part) {
        static constexpr std::array<std::string_view, 8> conditional{"form", "fieldset", "table", "ul", "ol", "div", "section", "figure"};
        figures_are_story_ = figures_are_story(part);
        xml::for_each_element(part, [&](const xmlNode* n) {
            if (removed_.count(n)) return false;
            if (is_heading(n) && !headline_.empty() && text::fold_case(xml::text_of(n)) == headline_) {
                dropped_.insert(n);
                return false;
            }
            // The story's own table is kept whole: its cells of linked names are no furniture.
            if (figures_are_story_ && xml::is_element(n, "table") && stats_.count(n) && is_data_block(n)) return false;
            if (is_furniture_line(n)) {
                dropped_.insert(n);
                return false;
            }
            if (!tag_in(n, conditional) || !stats_.count(n)) return true;
            if (looks_like_furniture(n)) {
                dropped_.insert(n);
                return false;
            }
            return true;
        });
    }

    // A short line of its own that is page furniture even inside the story: a link and little
    // else ("Read the full transcript"), a boilerplate opening ("Advertisement", "Sign up for our
    // newsletter"), or a byline or timestamp repeating the page's ("By Jo Doe March 25, 2015").
    bool is_furniture_line(const xmlNode* n) const {
        static constexpr std::array<std::string_view, 5> line_tags{"li", "h4", "h5", "h6", "figure"};
        if (!stats_.count(n) || !(is_paragraph_like(n) || is_heading(n) || tag_in(n, line_tags))) return false;
        const Stats& s = stats_.at(n);
        if (s.chars == 0 || s.chars > 200) return false;
        std::string line = xml::text_of(n);
        if (opens_with_boilerplate(line) || names_image_file(line) || has_boilerplate_phrase(line) ||
            ends_with_photo_credit(line)) {
            return true;
        }
        // Link-only list items and headings are a story's own lists and section titles.
        bool link_line = s.chars <= 120 && link_density(n) >= 0.8;
        if (link_line && !xml::is_element(n, "li") && !is_heading(n)) return true;
        std::size_t words = text::split_trimmed(line, ' ').size();
        bool sentence = line.ends_with(".") && !line.ends_with(".m.");
        return words <= 16 && !sentence && fields::date_in_phrase(line).has_value();
    }

    static bool is_heading(const xmlNode* n) {
        static constexpr std::array<std::string_view, 3> headings{"h1", "h2", "h3"};
        return tag_in(n, headings);
    }

    bool looks_like_furniture(const xmlNode* n) const {
        int weight = class_weight(n);
        auto it = score_.find(n);
        double own = it == score_.end() ? 0.0 : it->second;
        if (weight + own < 0) return true;
        const Stats& s = stats_.at(n);
        // A block that is mostly figures is a data widget (scores, prices, case counts), not prose;
        // unless it is the story itself.
        if (figures_are_story_ && is_data_block(n)) return false;
        if (is_figure_block(n)) return true;
        if (s.commas >= 10) return false;
        bool is_list = xml::is_element(n, "ul") || xml::is_element(n, "ol");
        bool is_figure = xml::is_element(n, "figure");
        double ld = link_density(n);
        double p = s.paragraphs;
        if (!is_figure && s.images > 1 && p / s.images < 0.5) return true;
        if (!is_list && s.list_items > p + 1 && ld > 0.3) return true;
        if (s.inputs > p / 3) return true;
        if (!is_list && !is_figure && s.chars < 25 && (s.images == 0 || s.images > 2)) return true;
        if (weight < 25 && ld > 0.2 && !(is_list && ld < 0.5 && s.chars > 200)) return true;
        if (weight >= 25 && ld > 0.5) return true;
        return false;
    }

    bool is_figure_block(const xmlNode* n) const {
        const Stats& s = stats_.at(n);
        return (s.chars >= 100 && s.digits * 10 > s.chars * 3) || (xml::is_element(n, "table") && is_table_of_figures(n));
    }

    // A figure block, or a table of three rows or more with a figure in a quarter of its cells
    // (a results table whose names are links to the athletes).
    bool is_data_block(const xmlNode* n) const {
        if (is_figure_block(n)) return true;
        if (!xml::is_element(n, "table")) return false;
        int rows = 0, cells = 0, figures = 0;
        xml::for_each_element(n, [&](const xmlNode* c) {
            if (xml::is_element(c, "table") && c != n) return false;
            if (xml::is_element(c, "tr")) ++rows;
            if (!xml::is_element(c, "td") && !xml::is_element(c, "th")) return true;
            std::string cell = xml::text_of(c);
            ++cells;
            figures += cell.find_first_of("0123456789") != std::string::npos ? 1 : 0;
            return false;
        });
        return rows >= 3 && figures * 4 >= cells;
    }

    // Results, standings and prices sent as a story: the blocks of figures in `part` are its
    // text when little else is there (a headline's worth of introduction), and are kept.
    bool figures_are_story(const xmlNode* part) const {
        static constexpr std::array<std::string_view, 3> blocks{"table", "div", "pre"};
        std::size_t figures = 0;
        xml::for_each_element(part, [&](const xmlNode* n) {
            if (removed_.count(n) || !stats_.count(n)) return false;
            if (n != part && tag_in(n, blocks) && is_data_block(n)) {
                figures += stats_.at(n).chars;
                return false;
            }
            return true;
        });
        return figures > 0 && stats_.count(part) && stats_.at(part).chars - figures < 600;
    }

    // A table of many rows whose cells are mostly bare figures: a statistics or results box.
    static bool is_table_of_figures(const xmlNode* table) {
        int rows = 0, cells = 0, figures = 0;
        xml::for_each_element(table, [&](const xmlNode* n) {
            if (xml::is_element(n, "table") && n != table) return false;  // a nested table counts for itself
            if (xml::is_element(n, "tr")) ++rows;
            if (!xml::is_element(n, "td") && !xml::is_element(n, "th")) return true;
            std::string cell = text::trim(xml::text_of(n));
            if (cell.empty()) return false;
            ++cells;
            bool figure = std::all_of(cell.begin(), cell.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) || std::strchr(" .,:%+-$()", c) != nullptr;
            });
            figures += figure;
            return false;
        });
        return rows >= 5 && figures * 2 >= cells;
    }

    // The page's own headline at the top of the text adds nothing to the body. The page title
    // often carries the site's name after it ("Headline | Site", "Headline\xEF\xBC\x9ASite"), so a
    // first line that the title begins with, up to a break between words, is the headline too.
    std::string drop_leading_headline(const std::string& text_out) const {
        if (headline_.empty()) return text_out;
        std::size_t end = text_out.find("\n\n");
        std::string first = text::fold_case(text_out.substr(0, end));
        bool same = first == headline_;
        if (!same && first.size() >= 12 && headline_.starts_with(first)) {
            unsigned char next = static_cast<unsigned char>(headline_[first.size()]);
            same = !std::isalnum(next);
        }
        if (!same) return text_out;
        return end == std::string::npos ? std::string() : text_out.substr(end + 2);
    }

    std::string headline_;
    bool strict_;
    const xmlNode* body_ = nullptr;
    std::vector<const xmlNode*> order_;
    std::unordered_set<const xmlNode*> removed_, dropped_;
    std::unordered_map<const xmlNode*, Stats> stats_;
    std::unordered_map<const xmlNode*, double> score_;
    std::unordered_map<const xmlNode*, std::size_t> paragraph_chars_;
    double top_score_ = 0;
    bool figures_are_story_ = false;  // of the part being cleaned (mark_furniture_inside)
};

}  // namespace

std::string extract_article_text(xmlDoc* doc, std::string_view headline) {
    std::string text_out = Extractor(doc, headline, true).run();
    // Class names that describe a whole page as furniture ("page-with-sidebar") can hide the
    // story; with too little text, try again trusting structure alone.
    if (text_out.size() < 500) {
        std::string relaxed = Extractor(doc, headline, false).run();
        if (relaxed.size() > 2 * text_out.size() + 200) return relaxed;
    }
    return text_out;
}

}  // namespace dateline::html
