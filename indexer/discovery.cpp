#include "discovery.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <filesystem>
#include <system_error>

namespace dateline {
namespace fs = std::filesystem;
namespace {

bool hidden(const fs::path& p) {
    std::string name = p.filename().string();
    return !name.empty() && name[0] == '.' && name != "." && name != "..";
}

std::int64_t mtime_of(const fs::path& p, std::error_code& ec) {
    auto t = fs::last_write_time(p, ec);
    if (ec) return 0;
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

void add_file(const fs::path& p, Discovery& out) {
    std::error_code ec;
    DiscoveredFile f;
    f.path = p.string();
    f.size = fs::file_size(p, ec);
    if (!ec) f.mtime_ns = mtime_of(p, ec);
    if (ec) {
        out.problems.push_back({f.path, ec.message()});
        return;
    }
    out.files.push_back(std::move(f));
}

}  // namespace

bool is_ignored_by_name(const std::string& filename) {
    std::string lower;
    for (char c : filename) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* stem : {"readme", "license", "licence", "copying", "changelog", "authors"}) {
        if (lower.rfind(stem, 0) == 0) return true;
    }
    std::size_t dot = lower.rfind('.');
    if (dot == std::string::npos) return false;
    std::string ext = lower.substr(dot + 1);
    static const std::set<std::string> ignored{
        "md", "markdown", "rst", "dtd", "xsd", "xsl", "xslt", "css", "js", "mjs", "map", "py", "sh", "pl", "rb",
        "c", "h", "cc", "cpp", "hpp", "java", "go", "rs", "php", "yml", "yaml", "toml", "ini", "cfg", "lock",
        "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif",
        "mp3", "mp4", "m4a", "ogg", "wav", "webm", "mov", "avi", "woff", "woff2", "ttf", "otf", "eot",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "zip", "tar", "tgz", "bz2", "xz", "7z",
        "exe", "dll", "so", "o", "a", "class", "jar", "pyc", "db", "sqlite"};
    return ignored.count(ext) > 0;
}

Discovery discover(const std::vector<std::string>& paths) {
    Discovery out;
    for (const std::string& given : paths) {
        std::error_code ec;
        fs::path root = fs::absolute(given, ec).lexically_normal();
        if (!root.has_filename() && root.has_parent_path() && root != root.root_path()) root = root.parent_path();
        fs::file_status st = fs::status(root, ec);
        if (ec || !fs::exists(st)) {
            out.problems.push_back({given, "no such file or directory"});
            continue;
        }
        out.roots.push_back(root.string());
        if (fs::is_regular_file(st)) {
            add_file(root, out);
            continue;
        }
        if (!fs::is_directory(st)) {
            out.problems.push_back({given, "not a regular file or directory"});
            continue;
        }
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            out.problems.push_back({given, "cannot list the directory: " + ec.message()});
            continue;
        }
        for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (ec) {
                out.problems.push_back({it->path().string(), ec.message()});
                ec.clear();
                continue;
            }
            const fs::directory_entry& entry = *it;
            if (hidden(entry.path())) {
                if (entry.is_directory(ec)) it.disable_recursion_pending();
                continue;
            }
            if (!entry.is_regular_file(ec)) continue;
            if (is_ignored_by_name(entry.path().filename().string())) {
                ++out.ignored;
                continue;
            }
            add_file(entry.path(), out);
        }
    }
    std::sort(out.files.begin(), out.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    out.files.erase(std::unique(out.files.begin(), out.files.end(), [](const auto& a, const auto& b) { return a.path == b.path; }),
                    out.files.end());
    return out;
}

}  // namespace dateline
