#include "saved_command.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <optional>

#include "added_stamp.h"
#include "dates.h"
#include "render_json.h"
#include "saved_searches.h"
#include "searcher.h"
#include "text.h"

namespace dateline {
namespace {

constexpr int kExitDone = 0;
constexpr int kExitNothingNew = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnusable = 3;

std::string now_iso() {
    return dates::to_iso8601(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

int save(const SearchCommand& c, SavedSearches& saved, std::ostream& out, std::ostream& err) {
    if (c.request.query.find_first_not_of(" \t") == std::string::npos) {
        err << "dateline-search: --save " << c.save_name << " needs a QUERY to save.\n";
        return kExitUsage;
    }
    Searcher searcher(c.db, c.aliases);
    // From now on: what the index holds already is seen. Searching once checks the query too.
    SavedSearch search{c.save_name, c.request.query, now_iso(), searcher.added_through()};
    SearchRequest everything;
    everything.query = search.query;
    everything.limit = 0;
    everything.facets.clear();
    std::size_t matching = 0;
    try {
        matching = searcher.search(everything).total;
    } catch (const QueryError& e) {
        err << "dateline-search: not saved: " << e.what() << "\n";
        return kExitUsage;
    }
    bool replaced = saved.find(search.name) != nullptr;
    saved.put(search);
    saved.save();
    out << (replaced ? "replaced" : "saved") << " \"" << search.name << "\": " << search.query << "\n"
        << matching << (matching == 1 ? " article matches" : " articles match")
        << " now; 'dateline-search --saved' lists the new ones after each index run.\n";
    return kExitDone;
}

int unsave(const SearchCommand& c, SavedSearches& saved, std::ostream& out, std::ostream& err) {
    if (!saved.remove(c.unsave_name)) {
        err << "dateline-search: there is no saved search called \"" << c.unsave_name << "\" in " << saved.file() << "\n";
        return kExitUsage;
    }
    saved.save();
    out << "forgot \"" << c.unsave_name << "\"\n";
    return kExitDone;
}

void print_text(const SavedSearch& s, const SavedCheck& check, std::ostream& out) {
    std::size_t n = check.response.total;
    out << s.name << ": " << n << " new  (" << s.query << ")\n";
    for (const SearchResult& r : check.response.results) {
        const Article& a = r.article;
        out << "  " << (a.published ? dates::to_iso8601(*a.published).substr(0, 10) : std::string("          ")) << "  "
            << (a.title.empty() ? std::string("(no headline)") : a.title);
        if (!a.source.empty()) out << "  [" << a.source << "]";
        out << "\n      id " << a.id << "\n";
    }
    if (n > check.response.results.size()) out << "  ... and " << n - check.response.results.size() << " more\n";
}

int check(const SearchCommand& c, SavedSearches& saved, std::ostream& out, std::ostream& err) {
    std::vector<std::string> names = text::split_trimmed(c.request.query, ' ');
    names.erase(std::remove(names.begin(), names.end(), std::string()), names.end());
    if (names.empty()) {
        for (const SavedSearch& s : saved.all()) names.push_back(s.name);
    }
    if (names.empty() && !c.json) {
        out << "No saved searches in " << saved.file() << ": save one with 'dateline-search --save NAME QUERY'.\n";
    }
    for (const std::string& name : names) {
        if (!saved.find(name)) {
            err << "dateline-search: there is no saved search called \"" << name << "\" in " << saved.file() << "\n";
            return kExitUsage;
        }
    }
    Searcher searcher(c.db, c.aliases);
    nlohmann::json list = nlohmann::json::array();
    bool any_new = false;
    int status = kExitNothingNew;
    std::string through;
    for (const std::string& name : names) {
        const SavedSearch s = *saved.find(name);
        SavedCheck found;
        try {
            found = check_saved(searcher, s, c.request.limit);
        } catch (const QueryError& e) {
            err << "dateline-search: the saved search \"" << name << "\" cannot be run: " << e.what() << "\n";
            status = kExitUsage;
            continue;
        }
        any_new = any_new || found.response.total > 0;
        through = found.through;
        if (c.json) {
            nlohmann::json j = response_json(found.response);
            list.push_back({{"name", s.name},
                            {"query", s.query},
                            {"created", s.created},
                            {"checked_after", s.checked.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.checked)},
                            {"checked_through", found.through},
                            {"new", found.response.total},
                            {"results", j["results"]}});
        } else {
            print_text(s, found, out);
        }
        if (!c.peek) saved.set_checked(name, found.through);
    }
    if (!c.peek && !names.empty()) saved.save();
    if (c.json) {
        out << nlohmann::json{{"format_version", kJsonFormatVersion}, {"file", saved.file()}, {"marked_seen", !c.peek}, {"saved", list}}.dump()
            << "\n";
    } else if (!names.empty()) {
        out << (c.peek ? "(only looked: --peek leaves them unchecked)\n"
                       : "checked through " + added::to_iso8601(through) + " (added stamp " + through + ")\n");
    }
    if (status == kExitUsage) return status;
    return any_new ? kExitDone : kExitNothingNew;
}

}  // namespace

bool wants_saved_command(const SearchCommand& c) { return c.saved || !c.save_name.empty() || !c.unsave_name.empty(); }

int run_saved_command(const SearchCommand& c, std::ostream& out, std::ostream& err) {
    if ((c.saved ? 1 : 0) + (c.save_name.empty() ? 0 : 1) + (c.unsave_name.empty() ? 0 : 1) > 1) {
        err << "dateline-search: give one of --save, --unsave and --saved at a time.\n";
        return kExitUsage;
    }
    if (!c.save_name.empty()) {
        try {
            check_saved_name(c.save_name);
        } catch (const std::invalid_argument& e) {
            err << "dateline-search: " << e.what() << "\n";
            return kExitUsage;
        }
    }
    try {
        // Every command but a --peek changes the file: locked from its reading to its saving.
        std::optional<SavedSearchesLock> lock;
        if (!(c.saved && c.peek)) lock.emplace(c.saved_file);
        SavedSearches saved(c.saved_file);
        if (!c.save_name.empty()) return save(c, saved, out, err);
        if (!c.unsave_name.empty()) return unsave(c, saved, out, err);
        return check(c, saved, out, err);
    } catch (const std::runtime_error& e) {
        if (dynamic_cast<const QueryError*>(&e)) throw;
        err << "dateline-search: " << e.what() << "\n";
        return kExitUnusable;
    }
}

}  // namespace dateline
