// Discovery: the files an indexing run looks at.
//
// Each PATH given on the command line is a file or a directory; directories are walked
// recursively. Hidden files and directories (names starting with '.') are skipped, as are files
// that are not regular files, and, inside directories, files whose name says they are not
// articles (is_ignored_by_name): a saved page's images, a collection's README or DTD. A file
// named explicitly on the command line is always taken. Paths are made absolute and normal, so the index's record of a file
// does not depend on the directory the run started in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

struct DiscoveredFile {
    std::string path;       // absolute, lexically normal
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
};

struct DiscoveryProblem {
    std::string path;
    std::string reason;
};

struct Discovery {
    std::vector<DiscoveredFile> files;     // sorted by path, each once
    std::vector<std::string> roots;        // the absolute roots that were walked
    std::vector<DiscoveryProblem> problems;  // paths that do not exist or cannot be listed
    std::size_t ignored = 0;               // files left out by name
};

// True for names that are never news articles: documentation (README*, *.md, *.rst, LICENSE*),
// schemas (*.dtd, *.xsd, *.xsl), code and styles (*.js, *.css, *.py, *.sh), images, audio,
// video, office and archive files.
bool is_ignored_by_name(const std::string& filename);

Discovery discover(const std::vector<std::string>& paths);

}  // namespace dateline
