// Where tests find the project's samples and the shared corpora, and write their files
// (temp_dir.h).
//
// samples/ is part of the project; ../shared (beside the checkout) is not on a new user's
// machine, so tests that need it call shared_or_skip() and are skipped with a message.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>

#include "temp_dir.h"

namespace dateline::testing {

inline std::filesystem::path source_root() {
    if (const char* env = std::getenv("DATELINE_SOURCE_ROOT")) return env;
    return DATELINE_SOURCE_ROOT;
}

inline std::filesystem::path samples_dir() { return source_root() / "samples"; }

// ../shared beside the checkout, or $DATELINE_SHARED; empty when absent.
inline std::filesystem::path shared_dir() {
    if (const char* env = std::getenv("DATELINE_SHARED")) return env;
    std::filesystem::path p = source_root().parent_path() / "shared";
    return std::filesystem::exists(p / "corpora") ? p : std::filesystem::path();
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Writes `data` to `p`, making its folders first.
inline void write(const std::filesystem::path& p, const std::string& data) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
}

}  // namespace dateline::testing

// Skips the rest of the current test case, with a message, when ../shared is absent.
#define DATELINE_REQUIRE_SHARED()                                                              \
    do {                                                                                       \
        if (dateline::testing::shared_dir().empty()) {                                         \
            MESSAGE("skipped: ../shared/corpora is not beside this checkout "                  \
                    "(set DATELINE_SHARED to its path to run this test)");                     \
            return;                                                                            \
        }                                                                                      \
    } while (0)
