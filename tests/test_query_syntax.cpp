#include <doctest/doctest.h>

#include "query_syntax.h"
#include "search_request.h"

using namespace dateline;

namespace {
std::size_t error_at(const std::string& q) {
    try {
        check_query_syntax(q);
    } catch (const QueryError& e) {
        return e.position();
    }
    return std::string::npos;
}
}  // namespace

TEST_CASE("well-formed queries pass") {
    for (const char* q : {"nato", "Hegseth NATO", "\"bank of japan\"", "nato OR eu", "nato NOT russia", "nato -russia",
                          "(oil OR gas) prices", "opec NEAR output", "opec NEAR/3 output", "title:opec", "person:hegseth",
                          "title:\"bank of japan\"", "date:2025-02-01..2025-02-28", "date:2025..", "date:..1987-03",
                          "year:1987", "NOT russia", "http://example.com/a", "", "  "}) {
        CAPTURE(q);
        CHECK(error_at(q) == std::string::npos);
    }
}

TEST_CASE("malformed queries are errors at the right place") {
    CHECK(error_at("\"bank of japan") == 0);
    CHECK(error_at("nato \"open") == 5);
    CHECK(error_at("(nato") == 0);
    CHECK(error_at("nato)") == 4);
    CHECK(error_at("nato AND") == 5);
    CHECK(error_at("OR nato") == 0);
    CHECK(error_at("nato OR OR eu") == 5);
    CHECK(error_at("nato NOT") == 5);
    CHECK(error_at("( )") == 0);
    CHECK(error_at("title:") == 0);
    CHECK(error_at("nato title:") == 5);
    CHECK(error_at("date:2025-13-01..2025-02-28") == 5);
    CHECK(error_at("date:2025..soon") == 11);
    CHECK(error_at("date:") == 0);
    CHECK(error_at(std::string(5000, 'a')) == kMaxQueryBytes);
}

TEST_CASE("an error message says what to do") {
    try {
        check_query_syntax("title:");
        FAIL("no error");
    } catch (const QueryError& e) {
        CHECK(std::string(e.what()).find("title:nato") != std::string::npos);
    }
}
