# The search core, and both programs end to end.
dateline_test(test_query_syntax test_query_syntax.cpp dateline_search)
dateline_test(test_search test_search.cpp dateline_search dateline_indexer)
dateline_e2e_test(test_cli test_cli.cpp dateline_common xapian_lib)
dateline_e2e_test(test_languages test_languages.cpp dateline_search dateline_indexer)

# Tools for scripts/score-relevance.
add_executable(score_relevance tools/score_relevance.cpp)
target_link_libraries(score_relevance PRIVATE dateline_search)
add_executable(known_item tools/known_item.cpp)
target_link_libraries(known_item PRIVATE dateline_search)
