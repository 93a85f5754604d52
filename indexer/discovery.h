// Discovery: the files an indexing run looks at.
//
// Each PATH given on the command line is a file or a directory; directories are walked
// recursively. Hidden files and directories (names starting with '.') are skipped, as are
// folders holding a Xapian database (an index kept inside the archive is never read as articles;
// its work folders are hidden), files that are not regular files, and, inside directories, files
// whose name says they are not articles (is_ignored_by_name): a saved page's images, a
// collection's README or DTD. A file named explicitly on the command line is always taken.
// Paths are made absolute and normal, so the index's record of a file does not depend on the
// directory the run started in.
//
// Scrapers and archives keep an article's metadata in a JSON file beside its text or page:
// story.txt with story.json, story.meta.json or story_meta.json, and 12_raw.txt with
// 12_meta.json. Such a sidecar is paired with its text or HTML file (sidecar_name_candidates) and
// not read on its own; its size and time count as the file's, so editing either one is a change.
// A text or HTML file named on the command line brings its sidecar the same way.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace dateline {

struct DiscoveredFile {
    std::string path;       // absolute, lexically normal
    std::uint64_t size = 0;     // with its sidecar's, when it has one
    std::int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch (the later of
                                // the file's and its sidecar's)
    std::string sidecar;    // the JSON file of the article's metadata beside it, or ""
};

struct DiscoveryProblem {
    std::string path;
    std::string reason;
};

struct Discovery {
    std::vector<DiscoveredFile> files;     // sorted by path, each once
    std::vector<std::string> roots;        // the absolute roots that were walked
    std::vector<std::string> missing_roots;  // the absolute roots given that do not exist
    std::vector<DiscoveryProblem> problems;  // paths that do not exist or cannot be listed
    std::size_t ignored = 0;               // files left out by name
};

// True for names that are never news articles: documentation (README*, *.md, *.rst, LICENSE*),
// schemas (*.dtd, *.xsd, *.xsl), code and styles (*.js, *.css, *.py, *.sh), images, audio,
// video, office and archive files.
bool is_ignored_by_name(const std::string& filename);

// The names a sidecar of `filename` may have, in order of preference: none for files that are
// not text or HTML.
std::vector<std::string> sidecar_name_candidates(const std::string& filename);

Discovery discover(const std::vector<std::string>& paths);

}  // namespace dateline
