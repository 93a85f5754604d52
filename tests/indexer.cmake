# The indexer's parts: documents from the schema, the writer's records, the run.
dateline_test(test_document_builder test_document_builder.cpp dateline_indexer)
dateline_test(test_index_writer test_index_writer.cpp dateline_indexer)
