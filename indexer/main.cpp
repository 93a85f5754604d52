// dateline-index: turns article files into a Dateline index. See --help and README.md.
#include <boost/program_options.hpp>
#include <xapian.h>

#include <csignal>
#include <iostream>
#include <unistd.h>

#include "index_error.h"
#include "index_location.h"
#include "index_writer.h"
#include "pipeline.h"
#include "schema.h"

namespace po = boost::program_options;
using namespace dateline;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIndexUnusable = 3;

std::string formats_list() {
    std::string out;
    for (const auto& r : all_readers()) out += (out.empty() ? "" : "|") + std::string(r->name());
    return out;
}

void print_help(const po::options_description& visible) {
    std::cout << "Usage: dateline-index [options] PATH...\n\n"
                 "Indexes news articles from files and folders (recursively; hidden files are skipped)\n"
                 "into a Dateline index. Runs are incremental: only new and changed files are read, and\n"
                 "articles of files that vanished under the given paths are removed.\n\n"
              << visible
              << "\nFormats (detected from content with --format auto): " << formats_list()
              << "; gzip-compressed files of any of them.\nA text or HTML file's metadata in a JSON file beside it (story.json,\n"
                 "story.meta.json, story_meta.json; 12_raw.txt with 12_meta.json) gives its headline, date and more.\n"
                 "\nFields written for each article:\n";
    for (const schema::Field& f : schema::fields()) {
        std::cout << "  " << f.name << std::string(f.name.size() < 10 ? 10 - f.name.size() : 1, ' ') << f.help << "\n";
    }
    std::cout << "\nExit status: 0 all went well; 1 some inputs failed (each is named on stderr) or the run\n"
                 "was interrupted; 2 usage error; 3 the index cannot be used (locked by another run,\n"
                 "unreadable, or written by an incompatible version).\n";
}

extern "C" void on_signal(int) { request_stop(); }

int show_status(const std::string& db_path) {
    Xapian::Database db;
    try {
        db = Xapian::Database(db_path);
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-index: cannot open the index " << db_path << ": " << e.get_description() << "\n";
        return kExitIndexUnusable;
    }
    auto records = load_file_records(db);
    std::size_t failed = 0;
    for (const auto& [path, r] : records) failed += r.failed ? 1 : 0;
    std::cout << "index: " << db_path << "\n"
              << "documents: " << db.get_doccount() << "\n"
              << "files: " << records.size() << " recorded, " << failed << " failed\n"
              << "last commit: " << db.get_metadata(std::string(schema::kLastCommitKey)) << "\n";
    for (const auto& [path, r] : records) {
        if (r.failed) std::cout << "failed: " << path << ": " << r.reason << "\n";
    }
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    IndexOptions options;
    std::string extract = "missing";
    std::vector<std::string> maps;
    po::options_description visible("Options");
    visible.add_options()
        ("help,h", "show this help and exit")
        ("db", po::value<std::string>(&options.db),
         "index folder (default: $DATELINE_DB, else $XDG_DATA_HOME/dateline/index, else "
         "~/.local/share/dateline/index)")
        ("format", po::value<std::string>(&options.format)->default_value("auto"),
         "input format: auto, or one of the formats below")
        ("dry-run", po::bool_switch(&options.dry_run), "parse and analyse, write nothing")
        ("json", po::bool_switch(&options.json), "with --dry-run: print each article as one JSON object per line")
        ("extract", po::value<std::string>(&extract)->default_value("missing"),
         "entity extraction from prose: missing (only where the source has no curated lists), always, never")
        ("map", po::value<std::vector<std::string>>(&maps)->composing(),
         "JSON Lines and CSV field mapping, FIELD=KEY (repeatable), e.g. --map title=headline")
        ("jobs,j", po::value<unsigned>(&options.jobs)->default_value(0), "worker threads (0: one per core)")
        ("full", po::bool_switch(&options.full), "reindex everything from scratch")
        ("no-prune", "keep articles of files that vanished")
        ("retry-failed", po::bool_switch(&options.retry_failed), "read files that failed before even if unchanged")
        ("status", "list the index's state and the files that failed, and exit")
        ("quiet,q", po::bool_switch(&options.quiet), "no progress and no summary line");
    po::options_description hidden;
    hidden.add_options()("path", po::value<std::vector<std::string>>(&options.paths));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("path", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.count("help")) {
            print_help(visible);
            return kExitOk;
        }
        options.extract = parse_extract_mode(extract);
        for (const std::string& m : maps) {
            auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
                throw std::invalid_argument("--map takes FIELD=KEY, not '" + m + "'");
            options.reader.json_map.emplace_back(m.substr(0, eq), m.substr(eq + 1));
        }
        if (options.format != "auto" && !reader_named(options.format))
            throw std::invalid_argument("--format takes auto or one of " + formats_list() + ", not '" + options.format + "'");
        if (options.json && !options.dry_run) throw std::invalid_argument("--json goes with --dry-run");
    } catch (const std::exception& e) {
        std::cerr << "dateline-index: " << e.what() << "\nTry 'dateline-index --help'.\n";
        return kExitUsage;
    }
    options.prune = !vm.count("no-prune");
    if (options.db.empty()) options.db = default_index_path();
    if (vm.count("status")) return show_status(options.db);
    if (options.paths.empty()) {
        std::cerr << "dateline-index: no PATH given: name the files or folders to index.\nTry 'dateline-index --help'.\n";
        return kExitUsage;
    }

    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    try {
        RunSummary s = run_index(options, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
        if (!options.quiet || options.dry_run) std::cerr << summary_line(s, options.dry_run) << "\n";
        return s.files_failed > 0 || s.interrupted ? kExitSomeFailed : kExitOk;
    } catch (const IndexUnusable& e) {
        std::cerr << "dateline-index: " << e.what() << "\n";
        return kExitIndexUnusable;
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-index: the index " << options.db << " failed: " << e.get_description() << "\n";
        return kExitIndexUnusable;
    }
}
