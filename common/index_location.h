// Where the index lives when --db is not given, the same for dateline-index and dateline-search:
// $DATELINE_DB, else $XDG_DATA_HOME/dateline/index, else ~/.local/share/dateline/index.
#pragma once

#include <string>

namespace dateline {

std::string default_index_path();

}  // namespace dateline
