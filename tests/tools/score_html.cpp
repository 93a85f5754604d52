// score_html: how well HtmlReader extracts article text and dates from real news pages.
//
// For every page.html under the given directories:
//   body  when a reference sits beside the page or under --references at the same relative
//         path: precision and recall of the extracted body's word 4-shingles against the
//         reference's (multisets of lower-cased words; each CJK character is a word), and their
//         F1; the summary is the mean over scored pages. A reference is a text (page.expected.txt,
//         or page.expected.html whose text is taken) or the shingles of one, hashed
//         (page.shingles, as --save-shingles DIR writes them): the project keeps its references
//         to the shared pages in that form, so that no text of theirs is copied into it.
//   date  when page.expected-metadata.json gives a publishedTime: whether the reader found a
//         date on the same day (a day either side is allowed, for time zones).
//         Pages with a publishing-date marker in their markup (article:published_time,
//         datePublished, pubdate ...) count towards a second figure: a date was found at all.
//   title when the metadata gives a title: exact match, case-insensitive, spaces collapsed.
// --without-classes reads every page with its class and id attributes taken out.
// Usage: score_html [-v] [--without-classes] [--references DIR] [--save-shingles DIR] DIR...
//        (-v: a line per page)
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "dates.h"
#include "html_text.h"
#include "reader.h"
#include "text.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Chinese, Japanese and Korean write words without spaces between them, so each of their
// characters is a token of its own; their punctuation and spaces separate tokens.
bool is_cjk_character(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF10 && c <= 0xFF19) ||
           (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) || (c >= 0xFF66 && c <= 0xFF9F);
}
bool is_cjk_separator(char32_t c) { return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF); }

// Lower-cased words: runs of letters and digits (other non-ASCII characters count as letters),
// and single CJK characters.
std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::string w;
    auto flush = [&] {
        if (!w.empty()) out.push_back(text::fold_case(w));
        w.clear();
    };
    for (std::size_t i = 0; i < s.size();) {
        unsigned char u = static_cast<unsigned char>(s[i]);
        std::size_t len = u < 0x80 ? 1 : u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
        if (i + len > s.size()) len = 1;
        if (u < 0x80) {
            if (std::isalnum(u)) w += s[i];
            else flush();
        } else {
            char32_t c = len == 1 ? u : static_cast<char32_t>(u & (0xFF >> (len + 1)));
            for (std::size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
            if (is_cjk_character(c)) {
                flush();
                out.push_back(s.substr(i, len));
            } else if (is_cjk_separator(c)) {
                flush();
            } else {
                w.append(s, i, len);
            }
        }
        i += len;
    }
    flush();
    return out;
}

// Word 4-shingles of a text as a multiset, each shingle named by a 64-bit hash of its words so
// that a reference can be kept as hashes alone (see --save-shingles) and not as the page's text.
using Shingles = std::map<std::string, int>;

Shingles shingles(const std::string& s) {
    std::vector<std::string> w = words_of(s);
    std::map<std::string, int> out;
    if (w.size() < 4) {
        if (!w.empty()) {
            std::string all;
            for (const auto& x : w) all.append(x).append(" ");
            ++out[text::hash_hex(all)];
        }
        return out;
    }
    for (std::size_t i = 0; i + 4 <= w.size(); ++i) {
        std::string key = w[i];
        for (std::size_t k = 1; k < 4; ++k) key.append(" ").append(w[i + k]);
        ++out[text::hash_hex(key)];
    }
    return out;
}

struct Overlap {
    double precision = 0, recall = 0, f1 = 0;
};

Overlap overlap(const Shingles& g, const Shingles& w) {
    long common = 0, ng = 0, nw = 0;
    for (const auto& [k, n] : g) {
        ng += n;
        if (auto it = w.find(k); it != w.end()) common += std::min(n, it->second);
    }
    for (const auto& [k, n] : w) nw += n;
    Overlap o;
    o.precision = ng ? static_cast<double>(common) / static_cast<double>(ng) : 0;
    o.recall = nw ? static_cast<double>(common) / static_cast<double>(nw) : 0;
    o.f1 = o.precision + o.recall > 0 ? 2 * o.precision * o.recall / (o.precision + o.recall) : 0;
    return o;
}

// A file of "hash count" lines, as --save-shingles writes them.
Shingles read_shingles(const fs::path& p) {
    Shingles out;
    std::istringstream in(slurp(p));
    std::string hash;
    int count = 0;
    while (in >> hash >> count) out[hash] += count;
    return out;
}

void write_shingles(const fs::path& p, const Shingles& sh) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p);
    for (const auto& [hash, count] : sh) out << hash << ' ' << count << '\n';
}

// The reference for a page: page.expected.txt, page.expected.html (its text) or page.shingles,
// beside the page or under `references` at the same relative path. Empty when there is none, or
// when the reference is empty (a page without an article).
Shingles reference_shingles(const fs::path& page, const fs::path& page_root, const fs::path& references) {
    std::string stem = page.stem().string();
    std::vector<fs::path> dirs{page.parent_path()};
    if (!references.empty()) dirs.push_back(references / fs::relative(page.parent_path(), page_root));
    for (const fs::path& dir : dirs) {
        if (fs::exists(dir / (stem + ".expected.txt"))) return shingles(slurp(dir / (stem + ".expected.txt")));
        if (fs::exists(dir / (stem + ".expected.html"))) return shingles(html::fragment_to_text(slurp(dir / (stem + ".expected.html"))));
        if (fs::exists(dir / (stem + ".shingles"))) return read_shingles(dir / (stem + ".shingles"));
    }
    return {};
}

// The page with every class and id attribute taken out of its tags, to see how the extractor
// does on structure and text alone, as on a site whose class names say nothing ("css-1x2y3z").
std::string without_class_names(const std::string& html) {
    std::string out;
    out.reserve(html.size());
    bool in_tag = false;
    for (std::size_t i = 0; i < html.size();) {
        char c = html[i];
        if (c == '<') in_tag = true;
        if (c == '>') in_tag = false;
        if (in_tag && std::isspace(static_cast<unsigned char>(c))) {
            std::size_t name = i + 1;
            std::size_t end = name;
            while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) || html[end] == '-')) ++end;
            std::string attr = text::fold_case(html.substr(name, end - name));
            std::size_t eq = end;
            while (eq < html.size() && html[eq] == ' ') ++eq;
            if ((attr == "class" || attr == "id") && eq < html.size() && html[eq] == '=') {
                std::size_t v = eq + 1;
                while (v < html.size() && html[v] == ' ') ++v;
                if (v < html.size() && (html[v] == '"' || html[v] == '\'')) {
                    std::size_t close = html.find(html[v], v + 1);
                    v = close == std::string::npos ? html.size() : close + 1;
                } else {
                    while (v < html.size() && !std::isspace(static_cast<unsigned char>(html[v])) && html[v] != '>') ++v;
                }
                out += ' ';
                i = v;
                continue;
            }
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    bool verbose = false, strip_classes = false;
    fs::path references, save_to;
    std::vector<fs::path> roots;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "-v") verbose = true;
        else if (arg == "--without-classes") strip_classes = true;
        else if (arg == "--references" && i + 1 < argc) references = argv[++i];
        else if (arg == "--save-shingles" && i + 1 < argc) save_to = argv[++i];
        else roots.emplace_back(arg);
    }
    if (roots.empty()) {
        std::cerr << "usage: score_html [-v] [--without-classes] [--references DIR] [--save-shingles DIR] DIR...\n";
        return 2;
    }
    const Reader* reader = reader_named("html");
    int pages = 0, failed = 0, marked = 0, marked_found = 0, scored = 0, dated = 0, dates_found = 0, titled = 0, titles_matched = 0;
    double f1_sum = 0, p_sum = 0, r_sum = 0;
    for (const fs::path& root : roots) {
        std::vector<fs::path> files;
        for (const auto& e : fs::recursive_directory_iterator(root)) {
            if (e.is_regular_file() && e.path().extension() == ".html" &&
                e.path().string().find(".expected") == std::string::npos) {
                files.push_back(e.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const fs::path& page : files) {
            ++pages;
            Article got;
            try {
                std::string html = slurp(page);
                if (strip_classes) html = without_class_names(html);
                reader->read({page.string(), html}, {}, [&](Article&& a) { got = std::move(a); });
            } catch (const ReadError& e) {
                ++failed;
                std::cout << page.string() << ": read failed: " << e.what() << "\n";
                continue;
            }
            std::string line = page.filename().string();
            if (Shingles want = reference_shingles(page, root, references); !want.empty()) {
                if (!save_to.empty()) write_shingles(save_to / fs::relative(page.parent_path(), root) / (page.stem().string() + ".shingles"), want);
                Overlap o = overlap(shingles(got.body), want);
                ++scored;
                f1_sum += o.f1;
                p_sum += o.precision;
                r_sum += o.recall;
                char buf[96];
                std::snprintf(buf, sizeof buf, "  body P=%.2f R=%.2f F1=%.2f", o.precision, o.recall, o.f1);
                line += buf;
            }
            // Pages without expected metadata: a publishing-date marker in the markup means a date
            // was there to be found.
            std::string raw_head = slurp(page).substr(0, 400000);
            bool marker = false;
            for (const char* m : {"article:published_time", "datePublished", "pubdate", "publishdate", "DC.date.issued", "sailthru.date", "parsely-pub-date"}) {
                if (raw_head.find(m) != std::string::npos) marker = true;
            }
            if (marker) {
                ++marked;
                marked_found += got.published.has_value();
                if (!got.published) line += "  date-marker but no date";
            }
            fs::path meta_path = page.parent_path() / (page.stem().string() + ".expected-metadata.json");
            if (fs::exists(meta_path)) {
                nlohmann::json meta = nlohmann::json::parse(slurp(meta_path), nullptr, false);
                if (meta.is_object() && meta.contains("publishedTime") && meta["publishedTime"].is_string()) {
                    ++dated;
                    auto want = dates::parse(meta["publishedTime"].get<std::string>());
                    bool ok = got.published && want &&
                              std::chrono::abs(*got.published - *want) <= std::chrono::hours(36);
                    dates_found += ok;
                    line.append(ok ? "  date ok" : "  date MISSED (want ").append(ok ? "" : meta["publishedTime"].get<std::string>() + ")");
                }
                if (meta.is_object() && meta.contains("title") && meta["title"].is_string()) {
                    ++titled;
                    bool ok = text::fold_case(text::collapse_spaces(meta["title"].get<std::string>())) ==
                              text::fold_case(text::collapse_spaces(got.title));
                    titles_matched += ok;
                    if (!ok) line += "  title differs";
                }
            }
            if (verbose) std::cout << line << "\n";
        }
    }
    std::printf("pages %d, read failures %d\n", pages, failed);
    if (scored > 0) {
        std::printf("body: %d pages with reference text, mean P=%.3f R=%.3f F1=%.3f\n", scored, p_sum / scored,
                    r_sum / scored, f1_sum / scored);
    } else {
        std::printf("body: no references found (page.expected.txt, page.expected.html or page.shingles), F1 not measured\n");
    }
    if (dated > 0) std::printf("date: found on %d of %d pages with an expected date (%.1f%%)\n", dates_found, dated, 100.0 * dates_found / dated);
    if (marked > 0) std::printf("date: found on %d of %d pages whose markup has a publishing-date marker (%.1f%%)\n", marked_found, marked, 100.0 * marked_found / marked);
    if (titled > 0) std::printf("title: %d of %d match the expected title\n", titles_matched, titled);
    return failed > 0 ? 1 : 0;
}
