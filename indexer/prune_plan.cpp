#include "prune_plan.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace dateline {
namespace {

bool is_under(const std::string& path, const std::string& root) {
    if (path == root) return true;
    return path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
           (root.back() == '/' || path[root.size()] == '/');
}

// The deepest of `roots` holding `path`, or nullptr.
const std::string* root_of(const std::string& path, const std::vector<std::string>& roots) {
    const std::string* best = nullptr;
    for (const std::string& root : roots) {
        if (is_under(path, root) && (!best || root.size() > best->size())) best = &root;
    }
    return best;
}

struct RootCount {
    bool missing = false;
    std::size_t files_found = 0;
    std::size_t files_indexed = 0;
    std::size_t articles_indexed = 0;
    std::vector<std::string> vanished;
    std::size_t articles_vanished = 0;
};

std::string percent(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g%%", value);
    return buf;
}

std::map<std::string, RootCount> count_roots(const std::map<std::string, FileRecord>& records, const Discovery& found) {
    std::vector<std::string> roots = found.roots;
    roots.insert(roots.end(), found.missing_roots.begin(), found.missing_roots.end());
    std::map<std::string, RootCount> counts;
    for (const std::string& root : found.missing_roots) counts[root].missing = true;

    std::set<std::string> present;
    for (const DiscoveredFile& f : found.files) {
        present.insert(f.path);
        if (const std::string* root = root_of(f.path, roots)) ++counts[*root].files_found;
    }
    for (const auto& [path, record] : records) {
        const std::string* root = root_of(path, roots);
        if (!root) continue;
        RootCount& c = counts[*root];
        ++c.files_indexed;
        c.articles_indexed += record.articles;
        if (!c.missing && !present.count(path)) {
            c.vanished.push_back(path);
            c.articles_vanished += record.articles;
        }
    }
    return counts;
}

double share_of(const RootCount& c) {
    return c.articles_indexed ? 100.0 * static_cast<double>(c.articles_vanished) / static_cast<double>(c.articles_indexed) : 0;
}

bool over_limit(const RootCount& c, const PrunePolicy& policy) {
    double limit = std::max<double>(kPruneAlwaysAllowed, policy.max_percent / 100 * static_cast<double>(c.articles_indexed));
    return static_cast<double>(c.articles_vanished) > limit;
}

const char* const kHint = "; if the files were really deleted, run again with --allow-prune (or raise --prune-limit)";

}  // namespace

PrunePlan plan_prune(const std::map<std::string, FileRecord>& records, const Discovery& found, const PrunePolicy& policy) {
    std::map<std::string, RootCount> counts = count_roots(records, found);
    const std::string hint = kHint;
    PrunePlan plan;
    for (const auto& [root, c] : counts) {
        if (c.files_indexed == 0) continue;
        std::string kept = std::to_string(c.files_indexed) + " files indexed under it (" + std::to_string(c.articles_indexed) +
                           " articles) are kept";
        if (c.missing) {
            plan.refusals.push_back(root + " does not exist (not mounted?): the " + kept +
                                    "; if it was really deleted, make it again, empty, and run with --allow-prune");
            continue;
        }
        if (c.vanished.empty()) continue;
        if (!policy.allow) {
            if (c.files_found == 0) {
                plan.refusals.push_back(root + " holds no files (not mounted?): the " + kept + hint);
                continue;
            }
            if (c.vanished.size() == c.files_indexed) {
                plan.refusals.push_back("every file indexed under " + root + " vanished: the " + kept + hint);
                continue;
            }
            if (over_limit(c, policy)) {
                plan.refusals.push_back(std::to_string(c.vanished.size()) + " vanished files under " + root + " would remove " +
                                        std::to_string(c.articles_vanished) + " of its " + std::to_string(c.articles_indexed) +
                                        " articles (" + percent(share_of(c)) + ", over the limit of " + percent(policy.max_percent) +
                                        "): they are kept" + hint);
                continue;
            }
        }
        plan.remove.insert(plan.remove.end(), c.vanished.begin(), c.vanished.end());
    }
    if (!plan.refusals.empty()) plan.remove.clear();
    std::sort(plan.remove.begin(), plan.remove.end());
    return plan;
}

std::vector<std::string> shard_share_refusals(const std::map<std::string, FileRecord>& records, const Discovery& found,
                                              const PrunePolicy& policy, const std::string& shard) {
    std::vector<std::string> refusals;
    if (policy.allow) return refusals;
    for (const auto& [root, c] : count_roots(records, found)) {
        if (c.missing || c.vanished.empty() || !over_limit(c, policy)) continue;
        refusals.push_back(shard + ": " + std::to_string(c.vanished.size()) + " vanished files under " + root + " would remove " +
                           std::to_string(c.articles_vanished) + " of the " + std::to_string(c.articles_indexed) +
                           " articles this shard holds under it (" + percent(share_of(c)) + ", over the limit of " +
                           percent(policy.max_percent) + "): they are kept" + kHint);
    }
    return refusals;
}

}  // namespace dateline
