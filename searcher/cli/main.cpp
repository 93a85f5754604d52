// dateline-search: searches a Dateline index from the terminal, as JSON, or over HTTP (--serve).
// See --help and README.md.
#include <xapian.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "http_launch.h"
#include "index_error.h"
#include "render_json.h"
#include "render_terminal.h"
#include "saved_command.h"
#include "search_options.h"
#include "searcher.h"

using namespace dateline;

namespace {

constexpr int kExitResults = 0;
constexpr int kExitNoResults = 1;
constexpr int kExitUsage = 2;
constexpr int kExitIndexUnusable = 3;

}  // namespace

int main(int argc, char** argv) {
    // A reader that closes the pipe early (dateline-search ... | head) is not an error.
    std::signal(SIGPIPE, SIG_IGN);
    SearchCommand command;
    if (std::optional<int> done = read_command_line(argc, argv, command)) return *done;
    try {
        if (!command.serve.empty()) {
            std::cerr << "dateline-search: " << exec_http_service(argv) << "\n";
            return kExitUsage;
        }
        if (wants_saved_command(command)) return run_saved_command(command, std::cout, std::cerr);
        if (!searches_something(command.request)) {
            std::cerr << "dateline-search: nothing to search for: give a QUERY, a filter such as --person NAME, or --like ID.\n"
                         "Try 'dateline-search --help'.\n";
            return kExitUsage;
        }
        Searcher searcher(command.db, command.aliases);
        SearchResponse response = searcher.search(command.request);
        if (!response.missing_shards.empty()) {
            std::string names;
            for (const std::string& name : response.missing_shards) names += (names.empty() ? "" : ", ") + name;
            std::cerr << "dateline-search: warning: " << response.missing_shards.size() << " shard"
                      << (response.missing_shards.size() == 1 ? " was" : "s were")
                      << " not searched (not reachable), the results count the others only: " << names << "\n";
        }
        if (command.json) {
            std::cout << response_json(response).dump() << "\n";
        } else {
            bool colour = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
            render_terminal(response, command.request, std::cout, colour);
        }
        std::cout.flush();
        return response.total > 0 ? kExitResults : kExitNoResults;
    } catch (const QueryError& e) {
        if (command.json) std::cout << error_json(e.what(), e.position()).dump() << "\n";
        std::cerr << "dateline-search: " << e.what() << "\n  " << command.request.query << "\n  "
                  << std::string(std::min(e.position(), command.request.query.size()), ' ') << "^\n";
        return kExitUsage;
    } catch (const IndexUnusable& e) {
        std::cerr << "dateline-search: " << e.what() << "\n";
        return kExitIndexUnusable;
    } catch (const Xapian::Error& e) {
        std::cerr << "dateline-search: the index " << command.db << " cannot be read: " << e.get_description() << "\n";
        return kExitIndexUnusable;
    }
}
