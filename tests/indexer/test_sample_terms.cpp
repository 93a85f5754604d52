// Omega's omindexcheck habit: samples/ is indexed into a temporary index and every row of
// sample_terms.txt is checked against it. A row names a file under samples/ and terms: a term
// must be held by one of the file's documents; a term after '!' by none of them. So a change
// that stops indexing a stemmed word, a filter, a date or a kind, or starts indexing page
// furniture or script, fails here with the file and the term. "\x20" in a term is a space.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "article_json.h"
#include "pipeline.h"
#include "reader.h"
#include "schema.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

struct Row {
    int line = 0;
    std::string file;  // under samples/
    std::vector<std::string> must, must_not;
};

std::vector<Row> read_table(const fs::path& table) {
    std::ifstream in(table);
    REQUIRE_MESSAGE(in, "cannot read " << table);
    std::vector<Row> rows;
    std::string text;
    for (int n = 1; std::getline(in, text); ++n) {
        std::istringstream words(text);
        Row row;
        row.line = n;
        if (!(words >> row.file) || row.file.starts_with("#")) continue;
        for (std::string term; words >> term;) {
            for (std::size_t at; (at = term.find("\\x20")) != std::string::npos;) term.replace(at, 4, " ");
            if (term.starts_with("!")) row.must_not.push_back(term.substr(1));
            else row.must.push_back(term);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// The ids of the documents read from `path`.
std::vector<Xapian::docid> documents_of(const Xapian::Database& db, const std::string& path) {
    const std::string path_prefix(schema::find("path")->filter_prefix);
    std::vector<Xapian::docid> ids;
    for (auto p = db.postlist_begin(path_prefix + path); p != db.postlist_end(path_prefix + path); ++p) ids.push_back(*p);
    return ids;
}

bool holds(const Xapian::Database& db, Xapian::docid id, const std::string& term) {
    auto t = db.termlist_begin(id);
    t.skip_to(term);
    return t != db.termlist_end(id) && *t == term;
}

}  // namespace

TEST_CASE("every sample's documents hold the terms sample_terms.txt lists, and none it forbids") {
    testing::TempDir tmp;
    IndexOptions options;
    options.paths = {testing::samples_dir().string()};
    options.db = (tmp.path / "db").string();
    options.jobs = 1;
    options.quiet = true;
    std::ostringstream out, err;
    run_index(options, out, err, false);
    Xapian::Database db(options.db);

    std::vector<Row> rows = read_table(testing::source_root() / "tests" / "indexer" / "sample_terms.txt");
    REQUIRE(rows.size() >= 8);
    std::set<std::string> formats;
    for (const Row& row : rows) {
        INFO("sample_terms.txt:" << row.line << ": " << row.file);
        std::vector<Xapian::docid> ids = documents_of(db, (testing::samples_dir() / row.file).string());
        REQUIRE_MESSAGE(!ids.empty(), "no document was indexed from this file");
        for (const std::string& term : row.must) {
            bool found = false;
            for (Xapian::docid id : ids) found = found || holds(db, id, term);
            CHECK_MESSAGE(found, "no document of the file holds " << term);
        }
        for (const std::string& term : row.must_not) {
            for (Xapian::docid id : ids) CHECK_MESSAGE(!holds(db, id, term), "document " << id << " holds " << term);
        }
        for (Xapian::docid id : ids) formats.insert(article_from_json(nlohmann::json::parse(db.get_document(id).get_data())).format);
    }
    // At least one sample of every format is checked.
    std::set<std::string> every;
    for (const auto& r : all_readers()) every.insert(std::string(r->name()));
    CHECK(formats == every);
}
