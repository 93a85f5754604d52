// PrunePlan: which vanished files a run removes from the index, and when it refuses to.
//
// A file indexed under one of the run's roots that is no longer there has vanished, and its
// articles are pruned. But an unmounted disk, a root moved away or emptied by mistake looks the
// same as an archive whose every file was deleted, and an archive cannot be rebuilt from an
// index. So the prune is planned here, once, before anything is removed, root by root (each
// indexed file belongs to the deepest root holding it), and refused, for the whole run, when:
//   - a root does not exist (its files are never pruned: nothing can tell where they went),
//   - a root holds no files at all, or every file indexed under it vanished,
//   - it would remove more than PrunePolicy::max_percent of the articles indexed under a root
//     and more than kPruneAlwaysAllowed articles (a few deleted files of a small archive go).
// PrunePolicy::allow (--allow-prune) lets one run remove whatever vanished under existing roots.
// A refused prune removes nothing; the rest of the run (new and changed files) is still done.
//
// Pure function of its inputs; safe from any thread.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "discovery.h"
#include "index_writer.h"

namespace dateline {

struct PrunePolicy {
    double max_percent = 5;  // --prune-limit
    bool allow = false;      // --allow-prune
};

inline constexpr std::size_t kPruneAlwaysAllowed = 10;

struct PrunePlan {
    std::vector<std::string> remove;     // vanished files whose articles go, sorted
    std::vector<std::string> refusals;   // why nothing is removed, one line per root; empty when allowed
};

PrunePlan plan_prune(const std::map<std::string, FileRecord>& records, const Discovery& found, const PrunePolicy& policy);

// A shard folder (shard_folder.h) is guarded for the whole (plan_prune on every shard's records)
// and shard by shard: each shard is an index of its own, so the share rule (max_percent, above
// kPruneAlwaysAllowed) is judged on the articles one shard holds under each root too. Returns
// why `shard` (its name, for the messages) refuses, an empty list when it does not. The root
// rules (missing, empty, every file gone) are the whole's: a root whose few files happen to
// hash into one shard is no sign of a lost disk.
std::vector<std::string> shard_share_refusals(const std::map<std::string, FileRecord>& records, const Discovery& found,
                                              const PrunePolicy& policy, const std::string& shard);

}  // namespace dateline
