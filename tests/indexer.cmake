# The indexer's parts: documents from the schema, the writer's records, the run.
dateline_test(test_document_builder test_document_builder.cpp dateline_indexer)
dateline_test(test_index_writer test_index_writer.cpp dateline_indexer)
dateline_test(test_discovery test_discovery.cpp dateline_indexer)

# Tools for scripts/bench.
add_executable(export_html tools/export_html.cpp)
target_link_libraries(export_html PRIVATE nlohmann_json::nlohmann_json)
add_executable(bench_queries tools/bench_queries.cpp)
target_link_libraries(bench_queries PRIVATE dateline_search)

dateline_e2e_test(test_incremental test_incremental.cpp dateline_common xapian_lib)

# Data safety: --db never overwrites what Dateline did not write; the prune guard; the nightly
# generations and their rollback (scripts/nightly).
dateline_test(test_prune_plan test_prune_plan.cpp dateline_indexer)
dateline_e2e_test(test_safety test_safety.cpp dateline_common xapian_lib)
dateline_e2e_test(test_nightly test_nightly.cpp dateline_http)
set_tests_properties(test_nightly PROPERTIES TIMEOUT 300)

# Big exports streamed, bad records skipped and named, encodings of plain text.
dateline_e2e_test(test_streaming test_streaming.cpp xapian_lib)
