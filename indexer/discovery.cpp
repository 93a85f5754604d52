#include "discovery.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <filesystem>
#include <system_error>

#include "index_folder.h"

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

std::vector<std::string> sidecar_name_candidates(const std::string& filename) {
    std::string lower;
    for (char c : filename) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string stem;
    for (const char* ext : {".txt", ".text", ".html", ".htm"}) {
        if (lower.size() > std::strlen(ext) && lower.ends_with(ext)) stem = filename.substr(0, filename.size() - std::strlen(ext));
    }
    if (stem.empty()) return {};
    std::vector<std::string> stems{stem};
    for (const char* part : {"_raw", "-raw", "_text", "-text", "_body", "-body", "_content", "-content"}) {
        if (stem.size() > std::strlen(part) && stem.ends_with(part)) stems.push_back(stem.substr(0, stem.size() - std::strlen(part)));
    }
    std::vector<std::string> names;
    for (const std::string& s : stems) {
        for (const char* suffix : {".json", ".meta.json", "_meta.json", "-meta.json"}) names.push_back(s + suffix);
    }
    return names;
}

namespace {

// Pairs text and HTML files with their metadata sidecars (see discovery.h); a paired sidecar
// leaves the list of files.
void pair_sidecars(std::vector<DiscoveredFile>& files) {
    std::map<std::string, std::size_t> by_path;
    for (std::size_t i = 0; i < files.size(); ++i) by_path[files[i].path] = i;
    std::vector<bool> claimed(files.size(), false);
    for (DiscoveredFile& f : files) {
        fs::path p(f.path);
        for (const std::string& name : sidecar_name_candidates(p.filename().string())) {
            auto it = by_path.find((p.parent_path() / name).string());
            if (it == by_path.end() || claimed[it->second]) continue;
            const DiscoveredFile& side = files[it->second];
            claimed[it->second] = true;
            f.sidecar = side.path;
            f.size += side.size;
            f.mtime_ns = std::max(f.mtime_ns, side.mtime_ns);
            break;
        }
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (claimed[i]) continue;
        if (kept != i) files[kept] = std::move(files[i]);
        ++kept;
    }
    files.resize(kept);
}

}  // namespace

Discovery discover(const std::vector<std::string>& paths) {
    Discovery out;
    for (const std::string& given : paths) {
        std::error_code ec;
        fs::path root = fs::absolute(given, ec).lexically_normal();
        if (!root.has_filename() && root.has_parent_path() && root != root.root_path()) root = root.parent_path();
        fs::file_status st = fs::status(root, ec);
        if (ec || !fs::exists(st)) {
            out.problems.push_back({given, "no such file or directory"});
            out.missing_roots.push_back(root.string());
            continue;
        }
        out.roots.push_back(root.string());
        if (fs::is_regular_file(st)) {
            add_file(root, out);
            // Its sidecar comes along, to be paired below as in a walk.
            for (const std::string& name : sidecar_name_candidates(root.filename().string())) {
                fs::path side = root.parent_path() / name;
                if (fs::is_regular_file(side, ec)) {
                    add_file(side, out);
                    break;
                }
            }
            continue;
        }
        if (!fs::is_directory(st)) {
            out.problems.push_back({given, "not a regular file or directory"});
            continue;
        }
        if (holds_xapian_database(root)) {
            out.problems.push_back({given, "is a search index, not a folder of articles"});
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
            if (hidden(entry.path()) || (entry.is_directory(ec) && holds_xapian_database(entry.path()))) {
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
    pair_sidecars(out.files);
    return out;
}

}  // namespace dateline
