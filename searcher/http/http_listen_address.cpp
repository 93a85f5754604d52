#include "http_listen_address.h"

#include <charconv>
#include <stdexcept>

namespace dateline {
namespace {

int parse_port(const std::string& text, const std::string& whole) {
    int port = -1;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
        throw std::invalid_argument("--serve: '" + whole + "' is not [ADDR:]PORT with a port from 0 to 65535");
    }
    return port;
}

}  // namespace

ListenAddress parse_listen_address(const std::string& text) {
    ListenAddress address;
    std::string port = text;
    if (!text.empty() && text.front() == '[') {
        // IPv6 addresses hold colons, so they come in brackets: [::1]:8080.
        std::size_t close = text.find("]:");
        if (close == std::string::npos || close == 1) {
            throw std::invalid_argument("--serve: write an IPv6 address as [ADDR]:PORT, not '" + text + "'");
        }
        address.host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else if (std::size_t colon = text.rfind(':'); colon != std::string::npos) {
        if (colon == 0 || text.find(':') != colon) {
            throw std::invalid_argument("--serve: '" + text + "' is not [ADDR:]PORT (write IPv6 addresses as [ADDR]:PORT)");
        }
        address.host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    address.port = parse_port(port, text);
    return address;
}

}  // namespace dateline
