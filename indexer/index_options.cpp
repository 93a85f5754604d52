#include "index_options.h"

#include <stdexcept>

namespace dateline {

ExtractMode parse_extract_mode(const std::string& name) {
    if (name == "missing" || name == "auto") return ExtractMode::missing;
    if (name == "always") return ExtractMode::always;
    if (name == "never") return ExtractMode::never;
    throw std::invalid_argument("--extract takes missing, always or never, not '" + name + "'");
}

}  // namespace dateline
