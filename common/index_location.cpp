#include "index_location.h"

#include <cstdlib>

namespace dateline {

std::string default_index_path() {
    auto env = [](const char* name) -> std::string {
        const char* v = std::getenv(name);
        return v && *v ? std::string(v) : std::string();
    };
    if (std::string db = env("DATELINE_DB"); !db.empty()) return db;
    if (std::string xdg = env("XDG_DATA_HOME"); !xdg.empty()) return xdg + "/dateline/index";
    if (std::string home = env("HOME"); !home.empty()) return home + "/.local/share/dateline/index";
    return ".dateline-index";
}

}  // namespace dateline
