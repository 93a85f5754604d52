#include "saved_searches.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace dateline {
namespace {

constexpr int kFileFormatVersion = 1;

}  // namespace

std::string saved_searches_file(const std::string& index_path) {
    std::string base = index_path;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    return base + ".saved.json";
}

void check_saved_name(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
    if (!ok) throw std::invalid_argument("a saved search's name is 1 to 64 letters, digits, '.', '_' or '-', not '" + name + "'");
}

SavedSearches::SavedSearches(std::string file) : file_(std::move(file)) {
    std::ifstream in(file_, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (std::filesystem::exists(file_, ec)) throw std::runtime_error("cannot read the saved searches in " + file_);
        return;
    }
    try {
        nlohmann::json j = nlohmann::json::parse(in);
        if (j.value("format_version", 0) != kFileFormatVersion) {
            throw std::runtime_error(file_ + " is not a saved-search file of format version " + std::to_string(kFileFormatVersion));
        }
        for (const nlohmann::json& s : j.at("saved")) {
            searches_.push_back({s.at("name").get<std::string>(), s.at("query").get<std::string>(), s.value("created", ""),
                                 s.value("checked", "")});
        }
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("cannot read the saved searches in " + file_ + ": " + e.what());
    }
}

const SavedSearch* SavedSearches::find(const std::string& name) const {
    auto it = std::find_if(searches_.begin(), searches_.end(), [&](const SavedSearch& s) { return s.name == name; });
    return it == searches_.end() ? nullptr : &*it;
}

void SavedSearches::put(SavedSearch search) {
    check_saved_name(search.name);
    auto it = std::find_if(searches_.begin(), searches_.end(), [&](const SavedSearch& s) { return s.name == search.name; });
    if (it == searches_.end()) searches_.push_back(std::move(search));
    else *it = std::move(search);
}

bool SavedSearches::remove(const std::string& name) {
    auto it = std::find_if(searches_.begin(), searches_.end(), [&](const SavedSearch& s) { return s.name == name; });
    if (it == searches_.end()) return false;
    searches_.erase(it);
    return true;
}

void SavedSearches::set_checked(const std::string& name, const std::string& stamp) {
    for (SavedSearch& s : searches_) {
        if (s.name == name) s.checked = stamp;
    }
}

void SavedSearches::save() const {
    nlohmann::json list = nlohmann::json::array();
    for (const SavedSearch& s : searches_) {
        list.push_back({{"name", s.name}, {"query", s.query}, {"created", s.created}, {"checked", s.checked}});
    }
    nlohmann::json j{{"format_version", kFileFormatVersion}, {"saved", std::move(list)}};
    // A name of our own (the process id) in the same folder, so the rename is one step on one
    // file system and two programs saving at once do not write the same temporary file.
    const std::string temporary = file_ + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << j.dump(2) << "\n";
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(temporary, ec);
            throw std::runtime_error("cannot write the saved searches to " + temporary);
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, file_, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw std::runtime_error("cannot write the saved searches to " + file_ + ": " + ec.message());
    }
}

SavedSearchesLock::SavedSearchesLock(const std::string& file) {
    const std::string name = file + ".lock";
    fd_ = ::open(name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    // Where nothing can be written, nothing will be saved either (and saving says why): no lock
    // is needed, and reading the list must still work.
    if (fd_ < 0 && (errno == EACCES || errno == EROFS || errno == ENOENT)) return;
    if (fd_ < 0) throw std::runtime_error("cannot open the lock of the saved searches, " + name + ": " + std::strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        int error = errno;
        ::close(fd_);
        throw std::runtime_error("cannot lock the saved searches, " + name + ": " + std::strerror(error));
    }
}

SavedSearchesLock::~SavedSearchesLock() {
    // Closing the file releases the lock.
    if (fd_ >= 0) ::close(fd_);
}

SearchRequest new_matches_request(const SavedSearch& search, const std::string& through, std::size_t limit) {
    SearchRequest request;
    request.query = search.query;
    request.added_after = search.checked;
    // An index without stories yet: nothing can be new, whatever "checked" says.
    request.added_through = through.empty() ? std::string("0") : through;
    request.sort = SortOrder::added;
    request.limit = limit;
    request.facets.clear();
    return request;
}

SavedCheck check_saved(Searcher& searcher, const SavedSearch& search, std::size_t limit) {
    SavedCheck check;
    check.through = searcher.added_through();
    check.response = searcher.search(new_matches_request(search, check.through, limit));
    // Never move the mark back (a rollback to an older generation): stories added later are
    // stamped after it anyway.
    if (check.through < search.checked) check.through = search.checked;
    return check;
}

}  // namespace dateline
