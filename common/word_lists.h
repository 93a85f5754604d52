// The word lists of common/data/, compiled into the program.
//
// The build turns every common/data/*.txt named in common/CMakeLists.txt into a string literal
// (see data/embed_word_lists.cmake), so installed programs need no data path. A list is one
// entry a line; '#' starts a comment; blank lines are ignored. Lists of aliases write the
// canonical name first: "NATO | North Atlantic Treaty Organization".
#pragma once

#include <string_view>
#include <vector>

namespace dateline::entity_data {

struct WordList {
    std::string_view name;  // the file name without ".txt": "given_names"
    std::string_view text;  // the file's contents
};

const std::vector<WordList>& word_lists();

// The named list's contents; throws std::logic_error when the build did not embed it.
std::string_view word_list(std::string_view name);

// The list's entries: each line with its comment removed and spaces trimmed, blank lines left out.
std::vector<std::string_view> entries(std::string_view list_text);

}  // namespace dateline::entity_data
