#include "run_plan.h"

namespace dateline {

RunPlan plan_run(const Discovery& found, const std::map<std::string, FileRecord>& records, const IndexOptions& options) {
    RunPlan plan;
    for (const DiscoveredFile& f : found.files) {
        auto it = records.find(f.path);
        if (it == records.end()) {
            plan.read.push_back({f, std::nullopt});
            continue;
        }
        const FileRecord& previous = it->second;
        if (previous.size == f.size && previous.mtime_ns == f.mtime_ns) {
            if (!previous.failed) {
                ++(previous.reason.empty() ? plan.unchanged : plan.skipped);
                continue;
            }
            if (!options.retry_failed) {
                ++plan.still_failing;
                continue;
            }
        }
        plan.read.push_back({f, previous});
    }
    if (options.prune && !options.dry_run) plan.prune = plan_prune(records, found, options.prune_policy);
    return plan;
}

}  // namespace dateline
