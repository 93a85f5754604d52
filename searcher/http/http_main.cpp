// dateline-http: the HTTP service of `dateline-search --serve`, which starts it with its own
// command line (see http_launch.h). Takes the same options; --serve is required.
#include <csignal>
#include <iostream>

#include "http_server.h"
#include "search_options.h"

using namespace dateline;

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    SearchCommand command;
    if (std::optional<int> done = read_command_line(argc, argv, command)) return *done;
    if (command.serve.empty()) {
        std::cerr << "dateline-http: give --serve [ADDR:]PORT, or search with dateline-search.\n";
        return 2;
    }
    return serve_http(command);
}
