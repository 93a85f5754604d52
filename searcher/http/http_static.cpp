#include "http_static.h"

#include <system_error>

namespace fs = std::filesystem;

namespace dateline {
namespace {

bool plain_path(std::string_view path) {
    if (path.empty() || path.front() != '/') return false;
    bool segment_start = true;
    for (char c : path) {
        bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (c == '/') {
            segment_start = true;
        } else if (c == '.' && !segment_start) {
            continue;
        } else if (word) {
            segment_start = false;
        } else {
            return false;  // '%', '\\', NUL, a leading dot and everything unusual
        }
    }
    return true;
}

bool inside(const fs::path& root, const fs::path& candidate) {
    fs::path relative = candidate.lexically_relative(root);
    return !relative.empty() && *relative.begin() != ".." && !relative.is_absolute();
}

}  // namespace

fs::path default_web_root() {
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        fs::path installed = exe.parent_path() / DATELINE_WEB_FROM_BIN;
        if (fs::is_regular_file(installed / "index.html", error)) return fs::weakly_canonical(installed, error);
    }
    fs::path source = DATELINE_WEB_SOURCE_DIR;
    if (fs::is_regular_file(source / "index.html", error)) return source;
    return {};
}

std::optional<fs::path> static_file(const fs::path& web_root, std::string_view raw_target) {
    std::string_view path = raw_target.substr(0, raw_target.find('?'));
    if (!plain_path(path) || path.find("//") != std::string_view::npos) return std::nullopt;
    std::string relative(path.substr(1));
    if (relative.empty()) relative = "index.html";
    std::error_code error;
    fs::path root = fs::canonical(web_root, error);
    if (error) return std::nullopt;
    fs::path file = fs::weakly_canonical(root / relative, error);
    if (error || !inside(root, file) || !fs::is_regular_file(file, error)) return std::nullopt;
    return file;
}

std::string content_type_for(const fs::path& file) {
    std::string ext = file.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

}  // namespace dateline
