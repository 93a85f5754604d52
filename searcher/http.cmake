# dateline_http: the HTTP service behind `dateline-search --serve` (JSON API and search page).
add_library(dateline_http STATIC
  http_api.cpp
  http_deadlines.cpp
  http_listen_address.cpp
  http_searchers.cpp
  http_server.cpp
  http_static.cpp
)
target_include_directories(dateline_http PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(dateline_http PUBLIC dateline_search PkgConfig::HTTPLIB Threads::Threads)

# The search page is found at run time: next to the installed program first (bin/ and
# share/dateline/web/ share a prefix, so the path is relative), else in this source tree, which is
# what a program running from the build tree uses.
set(DATELINE_WEB_INSTALL_DIR share/dateline/web)
target_compile_definitions(dateline_http PRIVATE
  DATELINE_WEB_FROM_BIN="../${DATELINE_WEB_INSTALL_DIR}"
  DATELINE_WEB_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/web")
install(DIRECTORY web/ DESTINATION ${DATELINE_WEB_INSTALL_DIR})
