// on_every_core: a handful of independent jobs (a search's shards or parts) run at once, a
// thread per core, the calling thread one of them.
//
// Threads are started per call: a search runs a few jobs of milliseconds each, and starting
// two threads costs tens of microseconds, less than a pool's bookkeeping across a server's
// worker threads would. A job must share no Xapian object with another (Xapian's reference
// counts are not atomic).
#pragma once

#include <cstddef>
#include <functional>

namespace dateline {

// Runs job(0) to job(count - 1), each once, on at most one thread per core; returns when all
// are done, then throws the exception of the lowest-numbered job that threw, if any.
void on_every_core(std::size_t count, const std::function<void(std::size_t)>& job);

}  // namespace dateline
