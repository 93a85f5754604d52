// The search page's files: where they live and which request paths may be served from there.
//
// Only plain paths are served: letters, digits, '.', '_', '-' and '/', no segment starting with a
// dot (so no "..", no hidden files), no percent-encoding at all (so no %2e%2e, %2f, %00 or double
// encoding), no backslashes. What passes is resolved with the file system (symbolic links
// included) and must still lie inside the web root. The page's own files need nothing more.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace dateline {

// The folder of the installed search page next to this program (../share/dateline/web from its
// bin/), else the one in the source tree the program was built from; empty when neither exists.
std::filesystem::path default_web_root();

// The regular file under `web_root` that the raw request target ("/", "/app.js?v=2") names, or
// nullopt when there is none or the path is not a plain one. "/" names index.html.
std::optional<std::filesystem::path> static_file(const std::filesystem::path& web_root, std::string_view raw_target);

// "text/html; charset=utf-8" and so on, from the file name's extension.
std::string content_type_for(const std::filesystem::path& file);

}  // namespace dateline
