#include "http_launch.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unistd.h>

namespace dateline {

std::string exec_http_service(char** argv) {
    namespace fs = std::filesystem;
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) return "cannot find where this program is installed: " + error.message();
    fs::path service = self.parent_path() / "dateline-http";
    std::string program = service.string();
    argv[0] = program.data();
    execv(program.c_str(), argv);
    return "cannot start " + program + ": " + std::strerror(errno) + " (it is installed beside dateline-search)";
}

}  // namespace dateline
