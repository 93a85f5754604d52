// Stopping a run early: a SIGINT/SIGTERM handler asks, and the run's threads look. The run then
// takes no new file, writes what is done, commits and ends with RunSummary::interrupted set.
#pragma once

namespace dateline {

// Async-signal-safe: asks the current run to stop after committing what is done.
void request_stop();
bool stop_requested();

// Forgets an earlier request: a run calls it when it starts.
void clear_stop_request();

}  // namespace dateline
