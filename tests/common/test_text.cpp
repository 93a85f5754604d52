#include <doctest/doctest.h>

#include "text.h"

using namespace dateline;

TEST_CASE("invalid UTF-8 is repaired, never passed on") {
    CHECK(text::repair_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(text::repair_utf8("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    CHECK(text::repair_utf8("cut \xE2\x82") == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(text::repair_utf8("overlong \xC0\xAF") == "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(text::repair_utf8("bell\x07 and\r\nline") == "bell and\nline");
    CHECK(text::is_valid_utf8(text::repair_utf8("\xED\xA0\x80 surrogate")));
}

TEST_CASE("decode_utf8: one character at a time; damage moves on a byte with U+FFFD") {
    using text::decode_utf8;
    std::string s = "A\xC3\xA9\xE2\x80\x99\xF0\x9F\x93\xB0";  // A, é, ’, 📰
    CHECK(decode_utf8(s, 0).code_point == 'A');
    CHECK(decode_utf8(s, 1).code_point == 0xE9);
    CHECK(decode_utf8(s, 1).length == 2);
    CHECK(decode_utf8(s, 3).code_point == 0x2019);
    CHECK(decode_utf8(s, 6).code_point == 0x1F4F0);
    CHECK(decode_utf8(s, 6).length == 4);
    for (std::string bad : {"\x80", "\xC3", "\xC3" "A", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
        auto c = decode_utf8(bad, 0);
        CHECK_FALSE(c.valid);
        CHECK(c.code_point == 0xFFFD);
        CHECK(c.length == 1);
    }
}

TEST_CASE("Latin-1 becomes UTF-8") {
    CHECK(text::latin1_to_utf8("Gen\xE8ve") == "Gen\xC3\xA8ve");
}

TEST_CASE("case folding is Unicode-aware") {
    CHECK(text::fold_case("NATO") == "nato");
    CHECK(text::fold_case("\xC3\x89LYS\xC3\x89" /* ÉLYSÉ */) == "\xC3\xA9lys\xC3\xA9");
}

TEST_CASE("spaces collapse; paragraphs survive normalisation") {
    CHECK(text::collapse_spaces("  a \t b\n\nc  ") == "a b c");
    CHECK(text::collapse_spaces("non\xC2\xA0" "breaking") == "non breaking");
    CHECK(text::collapse_spaces("\xE3\x80\x80\xE6\x96\x87 thin\xE2\x80\x89space") == "\xE6\x96\x87 thin space");
    CHECK(text::collapse_spaces("zero\xE2\x80\x8Bwidth \xEF\xBB\xBF(mark)") == "zerowidth (mark)");
    CHECK(text::collapse_spaces("caf\xC3\xA9 \xE2\x80\x94 ok") == "caf\xC3\xA9 \xE2\x80\x94 ok");
    CHECK(text::normalize_paragraphs("one\nline\n\n\ntwo  lines\nhere\n") == "one line\n\ntwo lines here");
}

TEST_CASE("Reuters codes and all-caps headlines read as names") {
    CHECK(text::title_case_code("james-baker") == "James Baker");
    CHECK(text::title_case_code("west-germany") == "West Germany");
    CHECK(text::smart_title_case("BAHIA COCOA REVIEW") == "Bahia Cocoa Review");
    CHECK(text::smart_title_case("Already Mixed case") == "Already Mixed case");
}

TEST_CASE("hashes are stable across builds") {
    CHECK(text::hash_hex("") == "cbf29ce484222325");
    CHECK(text::hash_hex("a") == "af63dc4c8601ec8c");
    CHECK(text::hash_hex("a") != text::hash_hex("b"));
}

TEST_CASE("binary data is told apart from text") {
    CHECK(text::looks_binary(std::string("PK\x03\x04\0\0", 6)));
    CHECK_FALSE(text::looks_binary("Plain words.\nMore words.\n"));
    CHECK_FALSE(text::looks_binary("<REUTERS>&#2; text &#3;</REUTERS>"));
}

TEST_CASE("UTF-8 truncation never splits a character") {
    CHECK(text::truncate_utf8("ab\xC3\xA9", 3) == "ab");
    CHECK(text::truncate_utf8("abc", 10) == "abc");
}
