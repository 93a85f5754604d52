// The first build on several cores (indexer/sharded_build.h) against one writer: the samples,
// plus a story saved a second time at the start of the file list (so that it lands in another
// shard than its other copy), built both ways, must give the same index: the same documents at
// in the same order, each with the same terms and values, and the same file records. The story saved
// twice is first and near last in file order, so that two shards hold it (the files are split
// into contiguous ranges of about equal bytes, and text/ is at the end).
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "index_writer.h"
#include "pipeline.h"
#include "schema.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

RunSummary build(const fs::path& archive, const fs::path& db, unsigned jobs) {
    IndexOptions options;
    options.paths = {archive.string()};
    options.db = db.string();
    options.jobs = jobs;
    options.quiet = true;
    std::ostringstream out, err;
    RunSummary s = run_index(options, out, err, false);
    INFO("stderr: " << err.str());
    CHECK(!s.interrupted);
    return s;
}

// Everything a document holds, as text: its terms (with wdf), its values and its data; but not
// its added stamp, the time of the run, which two builds never share.
std::string contents(const Xapian::Document& doc) {
    std::string all;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) all += *t + "/" + std::to_string(t.get_wdf()) + " ";
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
        if (v.get_valueno() == static_cast<Xapian::valueno>(schema::kSlotAdded)) continue;
        all += "[" + std::to_string(v.get_valueno()) + "]" + *v + " ";
    }
    return all + doc.get_data();
}

// Every document's contents, in document id order.
std::vector<std::string> in_id_order(const Xapian::Database& db) {
    std::vector<std::string> all;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) all.push_back(contents(db.get_document(*p)));
    return all;
}

}  // namespace

TEST_CASE("a sharded first build gives the index one writer gives") {
    testing::TempDir tmp;
    fs::path archive = tmp.path / "archive";
    fs::copy(testing::samples_dir(), archive, fs::copy_options::recursive);
    // The same story again, first in file order: the first shard and the last both write it,
    // and the merge must make the two copies one document that belongs to both files.
    fs::create_directories(archive / "0-saved-again");
    fs::copy_file(archive / "text" / "ecb-holds-rates-2024-10-17.txt", archive / "0-saved-again" / "ecb.txt");

    RunSummary one = build(archive, tmp.path / "one", 1);
    RunSummary sharded = build(archive, tmp.path / "sharded", 3);
    CHECK(sharded.files_read == one.files_read);
    CHECK(sharded.articles_read == one.articles_read);
    CHECK(sharded.documents == one.documents);
    CHECK(sharded.files_failed == one.files_failed);
    CHECK(sharded.files_skipped == one.files_skipped);

    Xapian::Database a((tmp.path / "one").string()), b((tmp.path / "sharded").string());
    REQUIRE(a.get_doccount() > 20);
    CHECK(b.get_doccount() == a.get_doccount());
    // Ids need not be equal (the merge deletes the later copy of a story, which leaves a gap),
    // but their order is: file order, which breaks ties in results.
    std::vector<std::string> in_a = in_id_order(a), in_b = in_id_order(b);
    REQUIRE(in_b.size() == in_a.size());
    for (std::size_t i = 0; i < in_a.size(); ++i) {
        CAPTURE(i);
        CHECK(in_b[i] == in_a[i]);
    }
    // One run, one added stamp, whichever shard wrote the story.
    CHECK(b.get_value_lower_bound(schema::kSlotAdded).size() == 20);
    CHECK(b.get_value_lower_bound(schema::kSlotAdded) == b.get_value_upper_bound(schema::kSlotAdded));
    // The story saved twice is one document, held by both files.
    const std::string first_copy = "XPATH:" + (archive / "0-saved-again" / "ecb.txt").string();
    const std::string second_copy = "XPATH:" + (archive / "text" / "ecb-holds-rates-2024-10-17.txt").string();
    REQUIRE(b.get_termfreq(first_copy) == 1);
    CHECK(b.get_termfreq(second_copy) == 1);
    CHECK(*b.postlist_begin(first_copy) == *b.postlist_begin(second_copy));

    // The file records (and so the next incremental run) agree too.
    auto records_a = load_file_records(a), records_b = load_file_records(b);
    REQUIRE(records_b.size() == records_a.size());
    for (const auto& [path, ra] : records_a) {
        CAPTURE(path);
        REQUIRE(records_b.count(path) == 1);
        const FileRecord& rb = records_b.at(path);
        CHECK(rb.content_hash == ra.content_hash);
        CHECK(rb.articles == ra.articles);
        CHECK(rb.failed == ra.failed);
    }
}
