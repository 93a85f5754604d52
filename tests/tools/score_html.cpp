// score_html: how well HtmlReader extracts article text and dates from real news pages.
//
// For every page.html under the given directories:
//   body  when a reference text sits beside the page (page.expected.txt, or page.expected.html
//         whose text is taken), or under --references with the same relative path: precision and
//         recall of the extracted body's word 4-shingles against the reference's (multisets of
//         lower-cased words), and their F1; the summary is the mean F1 over scored pages.
//   date  when page.expected-metadata.json gives a publishedTime: whether the reader found a
//         date on the same day (a day either side is allowed, for time zones).
//         Pages with a publishing-date marker in their markup (article:published_time,
//         datePublished, pubdate ...) count towards a second figure: a date was found at all.
//   title when the metadata gives a title: exact match, case-insensitive, spaces collapsed.
// Usage: score_html [-v] [--references DIR] DIR...     (-v prints one line per page)
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

// Lower-cased words: runs of letters and digits (any non-ASCII byte counts as a letter).
std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::string w;
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || u >= 0x80) {
            w += c;
        } else if (!w.empty()) {
            out.push_back(text::fold_case(w));
            w.clear();
        }
    }
    if (!w.empty()) out.push_back(text::fold_case(w));
    return out;
}

std::map<std::string, int> shingles(const std::string& s) {
    std::vector<std::string> w = words_of(s);
    std::map<std::string, int> out;
    if (w.size() < 4) {
        if (!w.empty()) {
            std::string all;
            for (const auto& x : w) all.append(x).append(" ");
            ++out[all];
        }
        return out;
    }
    for (std::size_t i = 0; i + 4 <= w.size(); ++i) {
        std::string key = w[i];
        for (std::size_t k = 1; k < 4; ++k) key.append(" ").append(w[i + k]);
        ++out[key];
    }
    return out;
}

struct Overlap {
    double precision = 0, recall = 0, f1 = 0;
};

Overlap overlap(const std::string& got, const std::string& want) {
    auto g = shingles(got), w = shingles(want);
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

std::string reference_text(const fs::path& page, const fs::path& page_root, const fs::path& references) {
    std::string stem = page.stem().string();
    std::vector<fs::path> dirs{page.parent_path()};
    if (!references.empty()) dirs.push_back(references / fs::relative(page.parent_path(), page_root));
    for (const fs::path& dir : dirs) {
        if (fs::exists(dir / (stem + ".expected.txt"))) return slurp(dir / (stem + ".expected.txt"));
        if (fs::exists(dir / (stem + ".expected.html"))) return html::fragment_to_text(slurp(dir / (stem + ".expected.html")));
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    bool verbose = false;
    fs::path references;
    std::vector<fs::path> roots;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "-v") verbose = true;
        else if (arg == "--references" && i + 1 < argc) references = argv[++i];
        else roots.emplace_back(arg);
    }
    if (roots.empty()) {
        std::cerr << "usage: score_html [-v] [--references DIR] DIR...\n";
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
                reader->read({page.string(), slurp(page)}, {}, [&](Article&& a) { got = std::move(a); });
            } catch (const ReadError& e) {
                ++failed;
                std::cout << page.string() << ": read failed: " << e.what() << "\n";
                continue;
            }
            std::string line = page.filename().string();
            if (std::string want = reference_text(page, root, references); !want.empty()) {
                Overlap o = overlap(got.body, want);
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
        std::printf("body: no reference texts found (page.expected.txt / page.expected.html), F1 not measured\n");
    }
    if (dated > 0) std::printf("date: found on %d of %d pages with an expected date (%.1f%%)\n", dates_found, dated, 100.0 * dates_found / dated);
    if (marked > 0) std::printf("date: found on %d of %d pages whose markup has a publishing-date marker (%.1f%%)\n", marked_found, marked, 100.0 * marked_found / marked);
    if (titled > 0) std::printf("title: %d of %d match the expected title\n", titles_matched, titled);
    return failed > 0 ? 1 : 0;
}
