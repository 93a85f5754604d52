// The address `--serve [ADDR:]PORT` names: "8080", "127.0.0.1:8080", "0.0.0.0:8080", "[::1]:8080".
// Without an address the server listens on loopback only, so nothing is exposed by accident.
#pragma once

#include <string>

namespace dateline {

struct ListenAddress {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: any free port (the server says which one it got)
};

// Throws std::invalid_argument with a message for the user.
ListenAddress parse_listen_address(const std::string& text);

}  // namespace dateline
