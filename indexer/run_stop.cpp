#include "run_stop.h"

#include <atomic>

namespace dateline {
namespace {

// Lock-free, so a signal handler may set it.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

}  // namespace

void request_stop() { g_stop = true; }
bool stop_requested() { return g_stop; }
void clear_stop_request() { g_stop = false; }

}  // namespace dateline
