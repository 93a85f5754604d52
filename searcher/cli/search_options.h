// The command line of dateline-search, parsed into a SearchRequest and the program's own
// settings. Kept apart from main() so tests can check the parsing and --help is built from
// the same table as the options.
#pragma once

#include <boost/program_options.hpp>

#include <memory>
#include <optional>
#include <string>

#include "entity_aliases.h"
#include "search_request.h"

namespace dateline {

struct SearchCommand {
    SearchRequest request;
    std::string db;
    bool json = false;
    bool help = false;
    std::string serve;        // [ADDR:]PORT when --serve was given
    unsigned threads = 0;     // server worker threads, 0 = one per core (at least 2)
    bool quiet = false;       // server: no access log
    bool no_collapse = false; // every copy of a story is a result (request.collapse false)
    std::string web_root;     // server: folder of the search page (default: the installed one)
    std::string aliases_file; // --aliases: the user's entity alias file, as given to dateline-index
    std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in();  // with that file's
    // Saved searches (saved_command.h): --save NAME (the QUERY words), --unsave NAME, --saved
    // (the QUERY words name the ones to check, none: all) with --peek, and --saved-file.
    std::string save_name;
    std::string unsave_name;
    bool saved = false;
    bool peek = false;
    std::string saved_file;   // default: saved_searches_file(db)
};

// Throws std::invalid_argument (or a boost::program_options error) with a message for the user.
SearchCommand parse_search_command(int argc, const char* const* argv);

// The full --help text: usage, options, query syntax and fields (from the schema), exit codes.
std::string search_help();

// What both programs (dateline-search and dateline-http) do with their command line: parse it
// into `command`, and for a usage error or --help print the message or the help and return the
// exit status to end with (2 or 0); nullopt when there is work to do.
std::optional<int> read_command_line(int argc, char** argv, SearchCommand& command);

}  // namespace dateline
