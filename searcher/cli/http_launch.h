// Starting the HTTP service for `dateline-search --serve`.
//
// The service lives in a program of its own, dateline-http, installed beside dateline-search:
// it links cpp-httplib and, through it, OpenSSL and brotli, whose loading and start-up would
// otherwise cost every terminal search about 3 ms. dateline-search hands its whole command line
// over by exec, so the process, its id and its signals stay the same for whoever started it.
#pragma once

#include <string>

namespace dateline {

// Replaces this process with dateline-http run on the same arguments. Returns only when that
// cannot be done, with the reason.
std::string exec_http_service(char** argv);

}  // namespace dateline
