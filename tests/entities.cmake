# The entity extractor: unit tests, and the scoring tool scripts/score-entities runs against the
# shared corpora (CoNLL-2003, Reuters-21578).
dateline_test(test_entities test_entities.cpp dateline_common dateline_readers)

add_executable(score_entities tools/score_entities.cpp)
target_link_libraries(score_entities PRIVATE dateline_readers dateline_common)

# Entity aliases: the table, canonical names across readers, and queries by any name (runs the
# built programs too).
dateline_e2e_test(test_aliases test_aliases.cpp dateline_http dateline_indexer)

# Trains the entity tagger on CoNLL-2003 eng.train (scripts/train-entity-tagger).
add_executable(train_entity_tagger tools/train_entity_tagger.cpp)
target_link_libraries(train_entity_tagger PRIVATE dateline_common)
