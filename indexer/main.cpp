// dateline-index: turns article files into a Dateline index. See --help and README.md.
#include <boost/program_options.hpp>
#include <xapian.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <vector>
#include <unistd.h>

#include "index_error.h"
#include "index_location.h"
#include "index_writer.h"
#include "pipeline.h"
#include "schema.h"
#include "shard_folder.h"

namespace po = boost::program_options;
using namespace dateline;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIndexUnusable = 3;
constexpr int kExitPruneRefused = 4;

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
        if (f.kind == schema::Kind::stored) continue;
        std::cout << "  " << f.name << std::string(f.name.size() < 10 ? 10 - f.name.size() : 1, ' ') << f.help << "\n";
    }
    std::cout << "\nThe index folder must be new (its parent existing), empty, or an index: a folder holding\n"
                 "anything else is refused and left untouched. Folders holding an index are never read as\n"
                 "articles, so the index may live inside the archive.\n"
                 "\nPrune guard: a root that is missing or holds no files, or a run that would remove more\n"
                 "than --prune-limit percent of the articles indexed under a root (and more than "
              << kPruneAlwaysAllowed << "),\n"
                 "removes nothing and says why; new and changed files are still indexed. --allow-prune\n"
                 "lets one run remove whatever vanished. In a shard folder the limit also holds for each shard.\n"
                 "\nExit status: 0 all went well; 1 some inputs failed, or were read in part (bad records\n"
                 "skipped, damaged XML recovered; each is named on stderr), or the run was interrupted\n"
                 "(a --full run that did not finish, or gave no stories, leaves the index as it was);\n"
                 "2 usage error; 3 the index cannot be used (not an index folder, locked by\n"
                 "another run, unreadable, or written by an incompatible version); 4 the prune guard kept\n"
                 "the articles of vanished files (the reason is on stderr).\n";
}

extern "C" void on_signal(int) { request_stop(); }

// Holds the index's write lock until stdin is closed, for scripts that replace the index
// (scripts/nightly): meanwhile any other dateline-index run on it is refused as "locked".
// A shard folder's lock is all its shards' locks.
int hold_lock(const std::string& db_path) {
    try {
        std::vector<Xapian::WritableDatabase> locked;
        if (is_shard_folder(db_path)) {
            for (const std::string& shard : shard_paths(db_path, read_shard_count(db_path))) locked.emplace_back(shard, Xapian::DB_OPEN);
        } else {
            locked.emplace_back(db_path, Xapian::DB_OPEN);
        }
        std::cout << "locked " << db_path << std::endl;
        std::cin.ignore(std::numeric_limits<std::streamsize>::max());
        return kExitOk;
    } catch (const Xapian::DatabaseLockError&) {
        std::cerr << "dateline-index: the index " << db_path << " is locked: another dateline-index run is writing it.\n";
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-index: cannot open the index " << db_path << ": " << e.get_description() << "\n";
    } catch (const IndexUnusable& e) {
        std::cerr << "dateline-index: " << e.what() << "\n";
    }
    return kExitIndexUnusable;
}

int show_status(const std::string& db_path) {
    Xapian::Database db;
    std::vector<std::string> shards;
    std::map<std::string, FileRecord> records;
    try {
        if (is_shard_folder(db_path)) shards = shard_paths(db_path, read_shard_count(db_path));
        // A shard folder's file records are its shards' together (Xapian's stub opens them as one
        // for the counts, but metadata is read shard by shard).
        for (const std::string& shard : shards) {
            auto mine = load_file_records(Xapian::Database(shard));
            records.insert(mine.begin(), mine.end());
        }
        db = Xapian::Database(db_path);
        if (shards.empty()) records = load_file_records(db);
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-index: cannot open the index " << db_path << ": " << e.get_description() << "\n";
        return kExitIndexUnusable;
    } catch (const IndexUnusable& e) {
        std::cerr << "dateline-index: " << e.what() << "\n";
        return kExitIndexUnusable;
    }
    std::size_t failed = 0;
    for (const auto& [path, r] : records) failed += r.failed ? 1 : 0;
    std::cout << "index: " << db_path << "\n"
              << "documents: " << db.get_doccount() << "\n"
              << "files: " << records.size() << " recorded, " << failed << " failed\n"
              << "last commit: " << db.get_metadata(std::string(schema::kLastCommitKey)) << "\n";
    if (!shards.empty()) std::cout << "shards: " << shards.size() << "\n";
    for (const auto& [path, r] : records) {
        if (r.failed) std::cout << "failed: " << path << ": " << r.reason << "\n";
    }
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    IndexOptions options;
    std::string extract = "missing";
    std::string aliases;
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
        ("aliases", po::value<std::string>(&aliases),
         "a file of entity names to unify, beside the built-in table (\"org: World Food Programme | WFP\" a line; "
         "see README); give the same file to dateline-search and dateline-http")
        ("map", po::value<std::vector<std::string>>(&maps)->composing(),
         "JSON Lines and CSV field mapping, FIELD=KEY (repeatable), e.g. --map title=headline")
        ("jobs,j", po::value<unsigned>(&options.jobs)->default_value(0), "worker threads (0: one per core)")
        ("shards", po::value<std::size_t>(&options.shards),
         "write the index as N shards (1 to 100) in the --db folder, which must be new or empty: "
         "shard-00 .. and a Xapian stub file XAPIANDB listing them; later runs take N from the folder")
        ("full", po::bool_switch(&options.full), "reindex everything from scratch")
        ("no-prune", "keep articles of files that vanished")
        ("prune-limit", po::value<double>(&options.prune_policy.max_percent)->default_value(5),
         "refuse to prune more than this percentage of the articles indexed under a root")
        ("allow-prune", po::bool_switch(&options.prune_policy.allow),
         "this run, remove the articles of every file that vanished, however many (an emptied root too)")
        ("retry-failed", po::bool_switch(&options.retry_failed), "read files that failed before even if unchanged")
        ("status", "list the index's state and the files that failed, and exit")
        ("print-db", "print the index folder this run would use, and exit")
        ("hold-lock", "take the index's write lock and hold it until stdin is closed (for scripts/nightly)")
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
        options.aliases = EntityAliases::with_file(aliases);
        for (const std::string& m : maps) {
            auto eq = m.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
                throw std::invalid_argument("--map takes FIELD=KEY, not '" + m + "'");
            options.reader.json_map.emplace_back(m.substr(0, eq), m.substr(eq + 1));
        }
        if (options.format != "auto" && !reader_named(options.format))
            throw std::invalid_argument("--format takes auto or one of " + formats_list() + ", not '" + options.format + "'");
        if (options.json && !options.dry_run) throw std::invalid_argument("--json goes with --dry-run");
        if (vm.count("shards") && (options.shards < 1 || options.shards > kMaxShards))
            throw std::invalid_argument("--shards takes 1 to " + std::to_string(kMaxShards));
        if (!(options.prune_policy.max_percent >= 0 && options.prune_policy.max_percent <= 100))
            throw std::invalid_argument("--prune-limit takes a percentage from 0 to 100");
    } catch (const std::exception& e) {
        std::cerr << "dateline-index: " << e.what() << "\nTry 'dateline-index --help'.\n";
        return kExitUsage;
    }
    options.prune = !vm.count("no-prune");
    bool default_db = options.db.empty();
    if (default_db) options.db = default_index_path();
    if (vm.count("print-db")) {
        std::cout << options.db << "\n";
        return kExitOk;
    }
    if (vm.count("status")) return show_status(options.db);
    if (vm.count("hold-lock")) return hold_lock(options.db);
    if (options.paths.empty()) {
        std::cerr << "dateline-index: no PATH given: name the files or folders to index.\nTry 'dateline-index --help'.\n";
        return kExitUsage;
    }

    if (default_db && !options.dry_run) {
        // The default place is Dateline's own: its parent folders are made (an explicit --db
        // needs an existing parent, so a mistyped path is not created).
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::absolute(options.db, ec).parent_path(), ec);
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    try {
        RunSummary s = run_index(options, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
        if (!options.quiet || options.dry_run) std::cerr << summary_line(s, options.dry_run) << "\n";
        if (s.rebuild_kept) std::cerr << rebuild_kept_line(s) << ".\n";
        if (s.prune_refused) return kExitPruneRefused;
        // A record skipped is a story missing from the index: a nightly cron must notice it.
        return s.files_failed > 0 || s.files_read_in_part > 0 || s.interrupted || s.rebuild_kept ? kExitSomeFailed : kExitOk;
    } catch (const IndexUnusable& e) {
        std::cerr << "dateline-index: " << e.what() << "\n";
        return kExitIndexUnusable;
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-index: the index " << options.db << " failed: " << e.get_description() << "\n";
        return kExitIndexUnusable;
    } catch (const std::filesystem::filesystem_error& e) {
        // Moving a first build's files into place, say: a message, never an abort.
        std::cerr << "dateline-index: the index " << options.db << " failed: " << e.what() << "\n";
        return kExitIndexUnusable;
    }
}
