// bench_queries: times the search core in-process over the queries of scripts/bench-queries.txt
// and prints p50/p95/max latency in milliseconds. Each query (with its options) runs `rounds`
// times after one warm-up, through the same Searcher a server worker uses. Options after ROUNDS
// are added to every query, so one file measures a tool against plain searches in the same run
// (scripts/bench: `--timeline month`, `--related`, ...).
//
// Like a server worker, it counts facets from the facet columns (searcher/facet_columns.h),
// read during the warm-up of the first query; `--no-facet-columns` among the options counts
// from the documents instead, as a one-shot dateline-search does. The first search's time
// (the columns read included) is printed apart. `--each` also prints each query's median, to
// find the slow ones.
//
//   bench_queries INDEX QUERIES_FILE [ROUNDS [OPTION...]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "search_options.h"
#include "searcher.h"

using namespace dateline;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bench_queries INDEX QUERIES_FILE [ROUNDS [OPTION...]]\n";
        return 2;
    }
    int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    bool columns = true, each = false;
    std::vector<std::string> extra;
    for (int i = 4; i < argc; ++i) {
        if (std::string(argv[i]) == "--no-facet-columns") columns = false;
        else if (std::string(argv[i]) == "--each") each = true;
        else extra.emplace_back(argv[i]);
    }
    std::ifstream in(argv[2]);
    std::vector<SearchRequest> requests;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> args{"dateline-search"};
        std::string query = line.substr(0, line.find('\t'));
        if (line.find('\t') != std::string::npos) {
            std::istringstream opts(line.substr(line.find('\t') + 1));
            std::string word;
            while (opts >> word) args.push_back(word);
        }
        args.insert(args.end(), extra.begin(), extra.end());
        if (!query.empty()) args.push_back(query);
        std::vector<const char*> argv_list;
        for (const std::string& a : args) argv_list.push_back(a.c_str());
        requests.push_back(parse_search_command(static_cast<int>(argv_list.size()), argv_list.data()).request);
    }
    Searcher searcher(argv[1]);
    FacetColumnCache facet_columns;
    if (columns) searcher.use_facet_columns(&facet_columns);
    std::vector<double> ms;
    std::size_t total_hits = 0;
    double first_ms = -1;
    for (const SearchRequest& r : requests) {
        std::size_t first_round = ms.size();
        auto warm = std::chrono::steady_clock::now();
        total_hits += searcher.search(r).total;  // warm-up
        if (first_ms < 0) first_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - warm).count();
        for (int i = 0; i < rounds; ++i) {
            auto start = std::chrono::steady_clock::now();
            searcher.search(r);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        if (each && ms.size() > first_round) {
            std::vector<double> mine(ms.begin() + static_cast<std::ptrdiff_t>(first_round), ms.end());
            std::sort(mine.begin(), mine.end());
            std::printf("%8.2f ms  %s\n", mine[mine.size() / 2], r.query.c_str());
        }
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))]; };
    std::printf("queries %zu x %d rounds: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%zu hits in all; facet columns %s, first search %.0f ms)\n",
                requests.size(), rounds, at(0.5), at(0.95), ms.back(), total_hits, columns ? "on" : "off", first_ms);
    return 0;
}
