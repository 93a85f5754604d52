# The HTTP service: its parts alone, the built server end to end, and the page in a browser.
dateline_e2e_test(test_http test_http.cpp dateline_http)
set_tests_properties(test_http PROPERTIES TIMEOUT 180)

# Needs Chromium (installed by the script when missing) and npm; says "skipped:" without them.
add_test(NAME browser COMMAND bash ${PROJECT_SOURCE_DIR}/tests/browser/run $<TARGET_FILE_DIR:dateline-search>)
set_tests_properties(browser PROPERTIES LABELS "e2e;browser" TIMEOUT 600
  ENVIRONMENT "DATELINE_INDEX_BIN=$<TARGET_FILE:dateline-index>")
