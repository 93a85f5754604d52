// Running the built programs from tests: their paths come from CMake, their output is captured.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace dateline::testing {

struct RunResult {
    int status = -1;     // exit code
    std::string out;     // stdout (stderr too when asked)
};

// Runs a shell command line, capturing stdout; `merge_stderr` adds 2>&1.
inline RunResult run(const std::string& command, bool merge_stderr = false) {
    RunResult r;
    std::string cmd = command + (merge_stderr ? " 2>&1" : " 2>/dev/null");
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    std::array<char, 65536> buffer;
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
    int status = pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

inline std::string quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

}  // namespace dateline::testing
