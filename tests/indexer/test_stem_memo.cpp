// The memo of stems (stem_memo.h): the same answers as the stemmer it wraps, before and after
// its table fills and is emptied, and a table of its own per stemmer.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stem_memo.h"
#include "stemming.h"

using namespace dateline;

namespace {

std::vector<std::string> words() {
    // Words whose stems differ from themselves, accented ones (the folding stemmer's part) and
    // repeats, so that answers come from the table as well as from Snowball.
    std::vector<std::string> out{"running", "connections", "ministers", "elections", "café", "Zürich", "running",
                                 "agreed",  "agreement",   "ministers", "université", "connections"};
    for (int i = 0; i < 300; ++i) out.push_back("reporting" + std::to_string(i % 40) + "s");
    return out;
}

}  // namespace

TEST_CASE("a remembering stemmer answers as the stemmer it wraps, repeats included") {
    Xapian::Stem plain = stemming::folding_stemmer("english");
    Xapian::Stem memo = remembering_stemmer(stemming::folding_stemmer("english"));
    for (const std::string& w : words()) CHECK(memo(w) == plain(w));
    CHECK(memo("running") == "run");
    CHECK(memo("université") == plain("université"));
}

TEST_CASE("a full table is emptied and refilled, and the answers stay right") {
    Xapian::Stem plain = stemming::folding_stemmer("english");
    Xapian::Stem memo = remembering_stemmer(stemming::folding_stemmer("english"), 8);
    for (int round = 0; round < 3; ++round) {
        for (const std::string& w : words()) REQUIRE(memo(w) == plain(w));
    }
}

TEST_CASE("each language keeps its own table") {
    Xapian::Stem english = remembering_stemmer(stemming::folding_stemmer("english"));
    Xapian::Stem german = remembering_stemmer(stemming::folding_stemmer("german2"));
    CHECK(english("häuser") == stemming::folding_stemmer("english")("häuser"));
    CHECK(german("häuser") == stemming::folding_stemmer("german2")("häuser"));
    CHECK(english("häuser") != german("häuser"));
    CHECK(english.get_description().find("remembering") != std::string::npos);
}
