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

TEST_CASE("punctuation people type is not an error") {
    for (const char* q : {"egypt authorized to buy pl-480 wheat - usda", "u.s. sanctions", "AT&T", "S&P 500", "F-16", "COVID-19",
                          "9/11", "#MeToo", "o'neill", "al-Assad", "date:1987-03", "date:1987-03 oil", "oil NEAR/3 gas",
                          "what is (probably) the 1) cause and 2) cure of jaundice", "tv presenter deeley drops cd:uk",
                          "RATES AND PRICES FALL IN JAPAN, TOKYO SAYS", "my memories of marley...", "Requests: an approach"}) {
        CAPTURE(q);
        CHECK(error_at(q) == std::string::npos);
    }
}

TEST_CASE("unknown fields, reversed ranges and NEAR/x are errors") {
    CHECK(error_at("colour:red oil") == 0);
    CHECK(error_at("oil -colour:red") == 5);
    CHECK(error_at("date:1988..1987") == 5);
    CHECK(error_at("date:2025-03-02..2025-03-01") == 5);
    CHECK(error_at("oil NEAR/x gas") == 4);
    CHECK(error_at("oil ADJ/ gas") == 4);
    CHECK(error_at("NATO OR EU") == std::string::npos);
    // What Xapian cannot parse (it would search for the words "or", "adj"... instead).
    CHECK(error_at("oil OR -gas") == 7);
    CHECK(error_at("-oil ADJ gas") == 0);
    CHECK(error_at("oil NOT -gas") == 8);
    CHECK(error_at("oil NEAR \"gas prices\"") == 4);
    CHECK(error_at("oil NEAR (gas prices)") == 4);
    CHECK(error_at("(oil OR gas) -opec") == std::string::npos);
    CHECK(error_at("oil AND (gas -opec)") == std::string::npos);
    CHECK(error_at("nato AND") == 5);  // lower-case words: the operators are operators
    try {
        check_query_syntax("colour:red oil");
    } catch (const QueryError& e) {
        std::string m = e.what();
        for (const char* field : {"title:", "person:", "org:", "place:", "date:", "year:"}) CHECK(m.find(field) != std::string::npos);
    }
}

TEST_CASE("the text the parser gets") {
    CHECK(prepare_query("u.s. sanctions") == "U.S. sanctions");
    CHECK(prepare_query("u.s sanctions") == "U.S sanctions");
    CHECK(prepare_query("u.s.-japan chips") == "U.S.-japan chips");
    CHECK(prepare_query("x.com e.g") == "x.com E.G");
    CHECK(prepare_query("wheat - usda") == "wheat usda");
    CHECK(prepare_query("1987 \xE2\x80\x94 a year") == "1987 a year");
    CHECK(prepare_query("date:1987-03 oil") == "date:1987-03..1987-03 oil");
    CHECK(prepare_query("date:1987..1988") == "date:1987..1988");
    CHECK(prepare_query("-oil") == "NOT oil");
    CHECK(prepare_query("-oil -gas") == "NOT oil NOT gas");
    CHECK(prepare_query("opec -oil") == "opec -oil");
    CHECK(prepare_query("RATES AND PRICES FALL IN JAPAN") == "RATES and PRICES FALL IN JAPAN");
    CHECK(prepare_query("NATO OR EU") == "NATO OR EU");
    CHECK(prepare_query("ford increases 2nd qtr output plans -report") == "ford increases 2nd qtr output plans report");
    CHECK(prepare_query("memories of marley...") == "memories of marley  .");
    CHECK(prepare_query("1) bile duct atresia and 2) giant cell") == "1 bile duct atresia and 2 giant cell");
    CHECK(prepare_query("(corrected)-crazy eddie sets rights") == "( corrected ) crazy eddie sets rights");
    CHECK(prepare_query("london cds morning -april 7") == "london cds morning april 7");
    CHECK(prepare_query("export bonus wheat for jordan --usda") == "export bonus wheat for jordan usda");
    CHECK(prepare_query("oil prices --opec") == "oil prices opec");
}

TEST_CASE("plain queries: only words") {
    for (const char* q : {"oil prices", "what is information science?", "(oil gas) prices", "u.s. sanctions", "wheat - usda",
                          "RATES AND PRICES FALL IN JAPAN", "tv presenter deeley drops cd:uk",
                          "(corrected)-crazy eddie sets rights"}) {
        CAPTURE(q);
        CHECK(is_plain_query(q));
    }
    for (const char* q : {"oil OR gas", "oil AND gas", "\"oil prices\"", "title:oil prices", "+oil gas", "oil -gas", "NOT oil",
                          "oil NEAR gas", "date:1987 oil", "", "  "}) {
        CAPTURE(q);
        CHECK_FALSE(is_plain_query(q));
    }
}
