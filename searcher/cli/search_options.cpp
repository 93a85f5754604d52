#include "search_options.h"

#include <iostream>
#include <sstream>
#include <string_view>
#include <vector>

#include "added_stamp.h"
#include "dates.h"
#include "facets.h"
#include "index_location.h"
#include "saved_searches.h"
#include "schema.h"
#include "text.h"

namespace po = boost::program_options;

namespace dateline {
namespace {

constexpr std::size_t kDefaultRelatedCount = 10;  // names per kind for a bare --related

struct Parsed {
    po::options_description visible{"Options"};
    po::options_description all;
    po::positional_options_description positional;
};

void describe(Parsed& p, SearchCommand& c, std::string& sort, std::string& facets, std::string& since, std::string& until,
              std::string& timeline, std::vector<std::vector<std::string>>& filter_values) {
    auto add = p.visible.add_options();
    add("help,h", "show this help and exit");
    add("db", po::value<std::string>(&c.db),
        "index folder, folder of shards (with XAPIANDB) or shard list file (default: $DATELINE_DB, else $XDG_DATA_HOME/dateline/index, else ~/.local/share/dateline/index)");
    add("json", po::bool_switch(&c.json), "print one JSON object (see README) instead of text");
    // One option per filter field of the schema; filter_values holds one list per field, sized
    // before the options take pointers into it.
    auto fields = filter_fields();
    filter_values.assign(fields.size(), {});
    for (std::size_t i = 0; i < fields.size(); ++i) {
        std::string name(fields[i]->name);
        std::string help = "only articles with this " + name + " (exact name, any case; repeatable: all must hold)";
        add(name.c_str(), po::value<std::vector<std::string>>(&filter_values[i])->composing(), help.c_str());
    }
    add("like", po::value<std::string>(&c.request.like),
        "articles most like the one with this id (more like this); a QUERY or filters narrow them");
    add("added-after", po::value<std::string>(&c.request.added_after),
        "only stories added to the index (or revised) after STAMP, an added stamp or a prefix of one: 20261202");
    add("no-collapse", po::bool_switch(&c.no_collapse),
        "every copy of a story is a result (by default copies are one result, the others listed under it)");
    add("since", po::value<std::string>(&since), "only articles published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)");
    add("until", po::value<std::string>(&until), "only articles published on or before DATE (the whole day, month or year)");
    add("timeline", po::value<std::string>(&timeline)->implicit_value("auto")->value_name("UNIT"),
        "under the results, matches per day, week, month or year (auto: suits the span) and their share of all articles in each");
    add("aliases", po::value<std::string>(&c.aliases_file),
        "a file of entity names to unify, the one given to dateline-index --aliases (see README)");
    std::string all_facets = text::join(facet_names(), ", ");
    add("facets", po::value<std::string>(&facets)->default_value(text::join(default_facets(), ",")),
        ("facets to count, comma-separated (" + all_facets + "), or none").c_str());
    add("facet-limit", po::value<std::size_t>(&c.request.facet_limit)->default_value(10), "values shown per facet");
    add("sort", po::value<std::string>(&sort)->default_value("relevance"),
        "relevance (newest first on ties), newest, oldest, or added (added to the index last first)");
    add("related", po::value<std::size_t>(&c.request.related)->default_value(0)->implicit_value(kDefaultRelatedCount),
        ("also list the N people, organizations and places that appear with the matches most, by association (--related: " +
         std::to_string(kDefaultRelatedCount) + ")").c_str());
    add("limit,n", po::value<std::size_t>(&c.request.limit)->default_value(10), "results to show");
    add("offset", po::value<std::size_t>(&c.request.offset)->default_value(0), "results to skip (paging)");
    add("save", po::value<std::string>(&c.save_name), "save the QUERY as a saved search called NAME (see --saved)");
    add("saved", po::bool_switch(&c.saved),
        "list each saved search's new matches since it was last checked, then mark them seen (QUERY words: the names to check)");
    add("peek", po::bool_switch(&c.peek), "with --saved: only look; the searches stay unchecked");
    add("unsave", po::value<std::string>(&c.unsave_name), "forget the saved search NAME");
    add("saved-file", po::value<std::string>(&c.saved_file), "the saved searches' file (default: the index folder's path + .saved.json)");
    add("serve", po::value<std::string>(&c.serve), "serve the search page and HTTP JSON API on [ADDR:]PORT (default address 127.0.0.1)");
    add("threads", po::value<unsigned>(&c.threads)->default_value(0), "with --serve: worker threads (0: one per core, at least 8)");
    add("web-root", po::value<std::string>(&c.web_root), "with --serve: folder of the search page (default: the installed one)");
    add("quiet,q", po::bool_switch(&c.quiet), "with --serve: no access log");
    p.all.add(p.visible);
    p.all.add_options()("query", po::value<std::vector<std::string>>());
    p.positional.add("query", -1);
}

// The arguments after the program's name, with the optional values of two options made explicit,
// because Boost would take whatever follows as the value ("--timeline opec", "--related
// person:volcker") and refuse it or misread it: "--timeline UNIT" becomes "--timeline=UNIT" when
// UNIT is one of the five unit names, a bare "--timeline" "--timeline=auto"; a "--related" not
// followed by a number becomes "--related=" the default count.
std::vector<std::string> with_optional_values(int argc, const char* const* argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--") {
            for (; i < argc; ++i) args.emplace_back(argv[i]);
            break;
        }
        if (arg == "--timeline") {
            std::string unit = "auto";
            if (i + 1 < argc) {
                try {
                    parse_timeline_unit(argv[i + 1]);
                    unit = argv[++i];
                } catch (const std::invalid_argument&) {
                    // a query word or another option: the unit is the automatic one
                }
            }
            arg += "=" + unit;
        } else if (arg == "--related") {
            bool count_follows = i + 1 < argc && *argv[i + 1] != '\0' &&
                                 std::string_view(argv[i + 1]).find_first_not_of("0123456789") == std::string_view::npos;
            if (!count_follows) arg += "=" + std::to_string(kDefaultRelatedCount);
        }
        args.push_back(std::move(arg));
    }
    return args;
}

}  // namespace

SearchCommand parse_search_command(int argc, const char* const* argv) {
    SearchCommand c;
    std::string sort, facets, since, until, timeline;
    std::vector<std::vector<std::string>> filter_values;
    Parsed p;
    describe(p, c, sort, facets, since, until, timeline, filter_values);
    po::variables_map vm;
    po::store(po::command_line_parser(with_optional_values(argc, argv)).options(p.all).positional(p.positional).run(), vm);
    po::notify(vm);
    c.help = vm.count("help") > 0;
    c.request.collapse = !c.no_collapse;
    if (vm.count("query")) {
        for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
            c.request.query += (c.request.query.empty() ? "" : " ") + word;
        }
    }
    auto fields = filter_fields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        for (const std::string& v : filter_values[i]) c.request.filters.emplace_back(std::string(fields[i]->name), v);
    }
    if (!timeline.empty()) c.request.timeline = parse_timeline_unit(timeline);
    c.request.sort = parse_sort(sort);
    c.request.facets = parse_facets(facets);
    if (!since.empty()) {
        c.request.since = dates::parse_bound(since, false);
        if (!c.request.since) throw std::invalid_argument("--since: cannot read the date '" + since + "' (use YYYY-MM-DD)");
    }
    if (!until.empty()) {
        c.request.until = dates::parse_bound(until, true);
        if (!c.request.until) throw std::invalid_argument("--until: cannot read the date '" + until + "' (use YYYY-MM-DD)");
    }
    if (!c.request.added_after.empty() && !added::is_bound(c.request.added_after)) {
        throw std::invalid_argument("--added-after takes an added stamp (up to 20 digits, YYYYMMDDhhmmssffffff), not '" +
                                    c.request.added_after + "'");
    }
    if (c.request.limit > 10000) throw std::invalid_argument("--limit is at most 10000");
    if (c.request.related > 1000) throw std::invalid_argument("--related is at most 1000");
    if (c.request.facet_limit > 100000) throw std::invalid_argument("--facet-limit is at most 100000");
    if (c.db.empty()) c.db = default_index_path();
    if (c.saved_file.empty()) c.saved_file = saved_searches_file(c.db);
    c.aliases = EntityAliases::with_file(c.aliases_file);
    return c;
}

std::string search_help() {
    SearchCommand c;
    std::string sort, facets, since, until, timeline;
    std::vector<std::vector<std::string>> filter_values;
    Parsed p;
    describe(p, c, sort, facets, since, until, timeline, filter_values);
    std::ostringstream out;
    out << "Usage: dateline-search [options] [QUERY...]\n\n"
           "Searches a Dateline index of news articles. Prints the best matches (newest first among\n"
           "equally good ones) with date, source, headline and a highlighted passage, then counts of\n"
           "the " << text::join(default_facets(), ", ") << " in all matching articles.\n\n"
        << p.visible
        << "\nQuery syntax:\n"
           "  nato ukraine            articles with both words (word forms match: 'talks' finds 'talk')\n"
           "  \"bank of japan\"         the exact phrase\n"
           "  nato OR eu              either word;  nato NOT russia, nato -russia: without russia\n"
           "  (oil OR gas) prices     brackets group\n"
           "  opec NEAR output        within 10 words of each other (NEAR/3: within 3)\n"
           "  field:word              a word in one field; field:\"a phrase\"\n"
           "  date:2025-02-01..2025-02-28   published in a range (either end may be left out)\n"
           "  year:1987               published in a year\n"
           "\nFields:\n";
    for (const schema::Field* field : schema::with(schema::kHelp)) {
        const schema::Field& f = *field;
        std::string name(f.name);
        out << "  " << name << ":" << std::string(name.size() < 10 ? 10 - name.size() : 1, ' ') << f.help << "\n";
    }
    out << "\nExit status: 0 results found; 1 no results; 2 usage or query syntax error;\n"
           "3 the index is missing or cannot be used. NO_COLOR turns colour off.\n";
    return out.str();
}

std::optional<int> read_command_line(int argc, char** argv, SearchCommand& command) {
    try {
        command = parse_search_command(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "dateline-search: " << e.what() << "\nTry 'dateline-search --help'.\n";
        return 2;
    }
    if (command.help) {
        std::cout << search_help();
        return 0;
    }
    return std::nullopt;
}

}  // namespace dateline
