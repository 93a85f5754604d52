# Writes a C++ source holding the word lists as string literals, so that installed programs need
# no data directory. Run as: cmake -DOUTPUT=<file.cpp> -DINPUTS=<a.txt;b.txt> -P embed_word_lists.cmake
# Each list is reachable by its file name without ".txt" through word_list().
set(body "// Generated from common/data/*.txt by embed_word_lists.cmake. Do not edit.\n")
string(APPEND body "#include \"word_lists.h\"\n\nnamespace dateline::entity_data {\n")
string(APPEND body "const std::vector<WordList>& word_lists() {\n    static const std::vector<WordList> lists{\n")
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME_WE)
  file(READ "${input}" content)
  if(content MATCHES "\\)word_list\"")
    message(FATAL_ERROR "${input} contains the raw-string delimiter )word_list\"")
  endif()
  string(APPEND body "        {\"${name}\", R\"word_list(${content})word_list\"},\n")
endforeach()
string(APPEND body "    };\n    return lists;\n}\n\n}  // namespace dateline::entity_data\n")
file(WRITE "${OUTPUT}.tmp" "${body}")
# Rewriting only on change keeps the build from recompiling an identical file.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
