# The format readers: one doctest file per reader, hostile input, the shared-corpus sweep, and the
# HTML extraction scorer (scripts/score-html).
dateline_test(test_html_reader test_html_reader.cpp dateline_readers)
dateline_test(test_nitf_reader test_nitf_reader.cpp dateline_readers)
dateline_test(test_newsml_reader test_newsml_reader.cpp dateline_readers)
dateline_test(test_feed_reader test_feed_reader.cpp dateline_readers)
dateline_test(test_jsonl_reader test_jsonl_reader.cpp dateline_readers)
dateline_test(test_reader_safety test_reader_safety.cpp dateline_readers)
dateline_test(test_formats_corpus test_formats_corpus.cpp dateline_readers)

add_executable(score_html tools/score_html.cpp)
target_link_libraries(score_html PRIVATE dateline_readers)
dateline_test(test_csv_reader test_csv_reader.cpp dateline_readers)
dateline_test(test_charset test_charset.cpp dateline_readers)
