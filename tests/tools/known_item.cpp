// known_item: known-item search, for scripts/known-item. Each article's headline, lower-cased as
// a reader types it from memory, is searched in the index; success at 1 when the article (or
// another with the very same headline: wire services resend stories) comes first, at 10 when it
// is among the first ten.
//
//   dateline-index --dry-run --json CORPUS | known_item NAME INDEX [LIMIT]
//
// Reads the articles as JSON, one per line; LIMIT takes every n-th headline so that at most that
// many are searched. Prints the two rates and, on stderr, the headlines that missed the top 10.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "searcher.h"
#include "text.h"

using namespace dateline;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: dateline-index --dry-run --json CORPUS | known_item NAME INDEX [LIMIT]\n";
        return 2;
    }
    std::size_t limit = argc > 3 ? std::stoul(argv[3]) : 0;
    std::vector<std::pair<std::string, std::string>> items;  // id, headline
    std::string line;
    while (std::getline(std::cin, line)) {
        nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object()) continue;
        std::string title = j.value("title", "");
        if (text::collapse_spaces(title).empty()) continue;
        items.emplace_back(j.value("id", ""), title);
    }
    std::size_t step = limit > 0 && items.size() > limit ? (items.size() + limit - 1) / limit : 1;
    Searcher searcher(argv[2]);
    std::size_t asked = 0, first = 0, top10 = 0, errors = 0;
    for (std::size_t i = 0; i < items.size(); i += step) {
        const auto& [id, title] = items[i];
        SearchRequest request;
        request.query = text::fold_case(text::collapse_spaces(title));
        request.facets.clear();
        request.snippet_chars = 0;
        ++asked;
        try {
            SearchResponse response = searcher.search(request);
            bool found = false;
            for (std::size_t rank = 0; rank < response.results.size() && !found; ++rank) {
                const Article& a = response.results[rank].article;
                found = a.id == id || text::same_folded(text::collapse_spaces(a.title), text::collapse_spaces(title));
                if (found && rank == 0) ++first;
            }
            if (found) ++top10;
            else std::cerr << "missed: " << request.query << "\n";
        } catch (const QueryError& e) {
            ++errors;
            std::cerr << "error: " << request.query << ": " << e.what() << "\n";
        }
    }
    auto pct = [&](std::size_t n) { return asked ? 100.0 * static_cast<double>(n) / static_cast<double>(asked) : 0.0; };
    std::printf("%-8s %5zu headlines lower-cased: first %.2f%%, top 10 %.2f%% (%zu query errors)\n", argv[1], asked, pct(first),
                pct(top10), errors);
    return 0;
}
