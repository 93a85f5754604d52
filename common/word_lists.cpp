#include "word_lists.h"

#include <stdexcept>
#include <string>

namespace dateline::entity_data {

std::string_view word_list(std::string_view name) {
    for (const WordList& list : word_lists()) {
        if (list.name == name) return list.text;
    }
    throw std::logic_error("word list \"" + std::string(name) + "\" was not compiled in: add common/data/" +
                           std::string(name) + ".txt to common/CMakeLists.txt");
}

std::vector<std::string_view> entries(std::string_view list_text) {
    std::vector<std::string_view> out;
    auto is_blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    std::size_t start = 0;
    while (start < list_text.size()) {
        std::size_t end = list_text.find('\n', start);
        if (end == std::string_view::npos) end = list_text.size();
        std::string_view line = list_text.substr(start, end - start);
        start = end + 1;
        line = line.substr(0, line.find('#'));
        while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
        while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

}  // namespace dateline::entity_data
