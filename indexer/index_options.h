// IndexOptions: everything a dateline-index run is told, from its command line.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "entities.h"
#include "prune_plan.h"
#include "reader.h"

namespace dateline {

struct IndexOptions {
    std::vector<std::string> paths;
    std::string db;                  // index folder
    std::string format = "auto";     // a reader name, or "auto" to detect per file
    bool dry_run = false;            // parse and print, write nothing
    bool json = false;               // with dry_run: one JSON object per article
    bool quiet = false;              // no progress, no per-file warnings' decoration
    bool full = false;               // rebuild from scratch
    bool prune = true;               // remove articles of files that vanished under the roots
    PrunePolicy prune_policy;        // when a prune is refused (--prune-limit, --allow-prune)
    bool retry_failed = false;       // read failed files again even when unchanged
    unsigned jobs = 0;               // worker threads; 0 = number of cores
    std::size_t shards = 0;          // --shards: write `db` as a shard folder (shard_folder.h); 0 = not asked
    ExtractMode extract = ExtractMode::missing;
    // The names entities are indexed under: the built-in alias table, with --aliases FILE's.
    std::shared_ptr<const EntityAliases> aliases = EntityAliases::built_in();
    ReaderOptions reader;
};

// "missing" | "always" | "never" -> ExtractMode; throws std::invalid_argument otherwise.
ExtractMode parse_extract_mode(const std::string& name);

}  // namespace dateline
