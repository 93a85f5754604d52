// Big exports and bad records, end to end with the built dateline-index: a JSON Lines file is
// written in batches while it is read (more records than one batch), one bad line loses one
// record and is named, an edit rewrites only the stories it touched, gzip streams the same, and
// plain text in legacy encodings and UTF-16 reads as UTF-8. The 1 GB case is in scripts/bench.
#include <doctest/doctest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "test_encode.h"
#include "test_paths.h"
#include "test_paths_bin.h"

namespace fs = std::filesystem;
using dateline::testing::quote;
using dateline::testing::run;

namespace {

const std::string kIndex = DATELINE_INDEX_BIN;

std::string record(int n, const std::string& edit = "") {
    return "{\"id\": \"r" + std::to_string(n) + "\", \"title\": \"Harbour report " + std::to_string(n) +
           "\", \"date\": \"2024-03-0" + std::to_string(1 + n % 9) + "\", \"body\": \"The harbour master said ship " +
           std::to_string(n) + " docked on time." + edit + "\"}\n";
}

// r1..r1000, and a line that is no JSON after r500 (line 501).
std::string export_lines(bool with_bad_line) {
    std::string data;
    for (int n = 1; n <= 1000; ++n) {
        data += record(n);
        if (n == 500 && with_bad_line) data += "{\"id\": \"r-cut\", \"title\": \"Cut short\", \"body\": \"The line ends\n";
    }
    return data;
}

using dateline::testing::write;

Xapian::doccount documents(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

dateline::testing::RunResult index(const fs::path& db, const std::string& paths, const std::string& options = "") {
    return run(kIndex + " --db " + quote(db.string()) + " " + options + " " + paths, true);
}

using dateline::testing::encode;

}  // namespace

TEST_CASE("a JSON Lines file with one bad line in the middle indexes every other line; edits rewrite only what changed") {
    dateline::testing::TempDir tmp;
    fs::path file = tmp.path / "export.jsonl";
    fs::path db = tmp.path / "db";
    write(file, export_lines(true));

    auto r = index(db, quote(file.string()));
    CAPTURE(r.out);
    CHECK(r.status == 1);  // a record was lost: a nightly cron must notice
    CHECK(r.out.find(file.string() + ":501: not valid JSON") != std::string::npos);
    CHECK(r.out.find("1000 articles indexed (1000 added, 0 replaced)") != std::string::npos);
    CHECK(r.out.find("1 file read in part (1 bad record or damaged spot skipped") != std::string::npos);
    CHECK(documents(db) == 1000);

    // Mend the bad line, edit r10, drop r20: only those three stories are written.
    std::string edited = export_lines(false);
    edited.replace(edited.find(record(10)), record(10).size(), record(10, " It left at noon."));
    edited.erase(edited.find(record(20)), record(20).size());
    edited.insert(edited.find(record(501)), record(5000));
    write(file, edited);
    r = index(db, quote(file.string()));
    CAPTURE(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find("2 articles indexed (1 added, 1 replaced), 998 up to date, 1 removed") != std::string::npos);
    CHECK(documents(db) == 1000);

    // The time stamp moves, the content does not: nothing is read again.
    fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(5));
    r = index(db, quote(file.string()));
    CAPTURE(r.out);
    CHECK(r.out.find("1 touched") != std::string::npos);
    CHECK(r.out.find("0 articles indexed") != std::string::npos);
}

TEST_CASE("gzip of JSON Lines streams the same, in a first build over several workers") {
    dateline::testing::TempDir tmp;
    fs::path plain = tmp.path / "in" / "export.jsonl";
    fs::create_directories(plain.parent_path());
    write(plain, export_lines(true));
    REQUIRE(run("gzip " + quote(plain.string())).status == 0);
    write(tmp.path / "in" / "other.jsonl", record(7000) + record(7001));
    auto r = index(tmp.path / "db", quote((tmp.path / "in").string()), "-j 2");
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("export.jsonl.gz:501: not valid JSON") != std::string::npos);
    CHECK(documents(tmp.path / "db") == 1002);
}

TEST_CASE("a truncated gzip stream fails the file, and keeps the articles read before the damage") {
    dateline::testing::TempDir tmp;
    fs::path plain = tmp.path / "export.jsonl";
    std::string data;
    for (int n = 1; n <= 20000; ++n) data += record(n);
    write(plain, data);
    REQUIRE(run("gzip " + quote(plain.string())).status == 0);
    fs::path gz = plain.string() + ".gz";
    fs::resize_file(gz, fs::file_size(gz) / 2);
    auto r = index(tmp.path / "db", quote(gz.string()));
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("the gzip stream is truncated (the articles before it are indexed)") != std::string::npos);
    CHECK(documents(tmp.path / "db") > 1000);
}

TEST_CASE("plain text in windows-1251, KOI8-R, windows-1252 and UTF-16 is indexed as UTF-8") {
    dateline::testing::TempDir tmp;
    const std::string russian = "Паводок в Барнауле пошёл на спад\n\nУровень воды в реке Обь у Барнаула за сутки снизился "
                                "на двадцать сантиметров, сообщили в городском управлении по делам гражданской обороны.\n";
    const std::string german = "Bürgermeister eröffnet die Brücke über die Mur\n\nDie neue Fußgängerbrücke über die Mur ist "
                               "am Samstag für den Verkehr freigegeben worden, teilte die Stadt Graz mit, „pünktlich“.\n";
    write(tmp.path / "cp1251.txt", encode(russian, "WINDOWS-1251"));
    write(tmp.path / "koi8.txt", encode(russian, "KOI8-R"));
    write(tmp.path / "cp1252.txt", encode(german, "WINDOWS-1252"));
    write(tmp.path / "utf16le.txt", "\xFF\xFE" + encode(russian, "UTF-16LE"));
    write(tmp.path / "utf16be.txt", "\xFE\xFF" + encode(german, "UTF-16BE"));
    auto r = run(kIndex + " --dry-run --json " + quote(tmp.path.string()));
    CAPTURE(r.out);
    CHECK(r.status == 0);
    std::size_t russian_titles = 0, german_titles = 0, pos = 0;
    for (; (pos = r.out.find("\"title\":\"Паводок в Барнауле пошёл на спад\"", pos)) != std::string::npos; ++pos) ++russian_titles;
    for (pos = 0; (pos = r.out.find("\"title\":\"Bürgermeister eröffnet die Brücke über die Mur\"", pos)) != std::string::npos; ++pos) ++german_titles;
    CHECK(russian_titles == 3);
    CHECK(german_titles == 2);
    CHECK(r.out.find("„pünktlich“") != std::string::npos);
}
