// IndexUnusable: the index cannot be used at all (missing, locked by another run, unreadable,
// written by an incompatible version of Dateline). Both programs turn it into exit code 3 with
// its message, which names the index and says what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace dateline {

class IndexUnusable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace dateline
