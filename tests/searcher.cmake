# The search core, and both programs end to end.
dateline_test(test_query_syntax test_query_syntax.cpp dateline_search)
dateline_test(test_search test_search.cpp dateline_search dateline_indexer)
dateline_test(test_cli test_cli.cpp dateline_common xapian_lib)
target_compile_definitions(test_cli PRIVATE
  DATELINE_INDEX_BIN="$<TARGET_FILE:dateline-index>"
  DATELINE_SEARCH_BIN="$<TARGET_FILE:dateline-search>")
add_dependencies(test_cli dateline-index dateline-search)
set_tests_properties(test_cli PROPERTIES LABELS e2e)
