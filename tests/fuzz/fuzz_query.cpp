// libFuzzer target for the query path: the syntax check, the prepared text, the parser, the
// partial matches with their feedback, and the time limit, on a small index built once in a
// temporary folder. Two outcomes are accepted: a response or a QueryError. A crash, another
// exception, or a search that takes longer than its time limit is what libFuzzer reports.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "dates.h"
#include "document_builder.h"
#include "index_writer.h"
#include "query_syntax.h"
#include "searcher.h"

namespace {

constexpr double kTimeLimitMs = 250;

dateline::Searcher* searcher = nullptr;

dateline::Article story(const std::string& id, const std::string& title, const std::string& body, const std::string& date,
                        std::vector<std::string> people) {
    dateline::Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.published = dateline::dates::parse(date);
    a.people = std::move(people);
    a.places = {"Brussels", "Cairo"};
    a.source = "Wire";
    return a;
}

void build_index(const std::string& db) {
    dateline::IndexWriter writer(db);
    dateline::DocumentBuilder builder;
    std::vector<dateline::BuiltArticle> built;
    std::vector<dateline::Article> articles{
        story("q1", "U.S. widens sanctions on AT&T rivals", "The S&P 500 fell as F-16 orders and COVID-19 cases rose.", "1987-03-02",
              {"Pete Hegseth"}),
        story("q2", "Egypt authorized to buy PL-480 wheat - USDA", "Egypt may buy 200,000 tonnes of wheat, the USDA said.", "1987-03-04",
              {"Mark Rutte"}),
        story("q3", "NATO allies meet on 9/11 anniversary", "Bashar al-Assad and O'Neill were named; #MeToo trended.", "2025-02-14",
              {"Pete Hegseth", "Mark Rutte"}),
    };
    for (int i = 0; i < 200; ++i) {
        articles.push_back(story("n" + std::to_string(i), "Oil prices story " + std::to_string(i),
                                 "Crude oil and gas prices moved in Tokyo, London and New York trading.", "2024-05-01", {}));
    }
    for (const dateline::Article& a : articles) built.push_back({dateline::DocumentBuilder::id_term(a), builder.build(a), 0});
    dateline::FileRecord record;
    record.path = "/fuzz/stories";
    writer.apply_file(record, built);
    writer.commit();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    char tmpl[] = "/tmp/dateline-fuzz-query-XXXXXX";
    static std::filesystem::path dir = mkdtemp(tmpl);
    std::atexit([] { std::filesystem::remove_all(dir); });
    build_index((dir / "db").string());
    searcher = new dateline::Searcher((dir / "db").string());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string query(reinterpret_cast<const char*>(data), size);
    dateline::SearchRequest request;
    request.query = query;
    request.time_limit_ms = kTimeLimitMs;
    request.histogram = size % 2 == 0;
    request.offset = size % 3;
    auto start = std::chrono::steady_clock::now();
    try {
        dateline::check_query_syntax(query);
        (void)dateline::is_plain_query(query);
        (void)dateline::prepare_query(query);
        searcher->search(request);
    } catch (const dateline::QueryError&) {
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (ms > kTimeLimitMs) {
        std::fprintf(stderr, "fuzz_query: a query took %.1f ms, over the time limit of %.0f ms\n", ms, kTimeLimitMs);
        std::abort();
    }
    return 0;
}
