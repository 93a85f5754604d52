#include <doctest/doctest.h>

#include <set>

#include "dates.h"
#include "document_builder.h"
#include "schema.h"

using namespace dateline;

namespace {
std::set<std::string> terms(const Xapian::Document& d) {
    std::set<std::string> out;
    for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) out.insert(*t);
    return out;
}

Article sample() {
    Article a;
    a.id = "x1";
    a.title = "Hegseth meets allies";
    a.body = "Defence ministers talked in Brussels.";
    a.people = {"Pete Hegseth"};
    a.organizations = {"NATO"};
    a.places = {"Brussels", "Ukraine"};
    a.keywords = {"defence"};
    a.source = "Example Wire";
    a.authors = {"Ruth Calloway"};
    a.language = "en";
    a.published = dates::parse("2025-02-14T06:23:00Z");
    return a;
}
}  // namespace

TEST_CASE("terms for every field of the schema") {
    DocumentBuilder b;
    Xapian::Document d = b.build(sample());
    auto t = terms(d);
    for (const char* want : {"Qx1", "ZShegseth", "Zhegseth", "Ztalk", "XPERSON:pete hegseth",
                             "XORG:nato", "XPLACE:brussels", "XPLACE:ukraine", "Kdefence", "XSOURCE:example wire",
                             "ZAruth", "XAUTHOR:ruth calloway", "Len", "D20250214", "M202502", "Y2025"}) {
        CAPTURE(want);
        CHECK(t.count(want) == 1);
    }
    // Free text is stemmed only: no unstemmed copies.
    CHECK(t.count("talked") == 0);
    CHECK(t.count("hegseth") == 0);
    // The source and keywords are not plain words of the article.
    CHECK(t.count("Zwire") == 0);
    // People, organizations and places are their filter terms alone (schema kWordsFromNames):
    // person:hegseth finds them through those.
    for (const char* unwanted : {"ZXPERSONhegseth", "ZXPERSONpete", "ZXORGnato", "ZXPLACEbrussels"}) {
        CAPTURE(unwanted);
        CHECK(t.count(unwanted) == 0);
    }
}

TEST_CASE("values: sortable date, year and facet lists") {
    DocumentBuilder b;
    Xapian::Document d = b.build(sample());
    CHECK(d.get_value(schema::kSlotPublished) == "20250214062300");
    CHECK(d.get_value(schema::kSlotYear) == "2025");
    CHECK(schema::decode_list(d.get_value(schema::kSlotPlaces)) == std::vector<std::string>{"Brussels", "Ukraine"});
    CHECK(d.get_value(schema::kSlotSource) == "Example Wire");
}

TEST_CASE("an undated article has no date terms or value") {
    Article a = sample();
    a.published.reset();
    DocumentBuilder b;
    Xapian::Document d = b.build(a);
    CHECK(d.get_value(schema::kSlotPublished).empty());
    for (const std::string& t : terms(d)) CHECK(t.rfind("Y2", 0) != 0);
}

TEST_CASE("positions let phrases match inside a field but never across fields") {
    DocumentBuilder b;
    Xapian::Document d = b.build(sample());
    // "allies" ends the title and "Defence" starts the body: far apart.
    Xapian::termpos last_title = 0, first_body = 0;
    for (auto p = d.termlist_begin(); p != d.termlist_end(); ++p) {
        if (*p == "Zalli") last_title = *p.positionlist_begin();
        if (*p == "Zdefenc") first_body = *p.positionlist_begin();
    }
    CHECK(first_body > last_title + 50);
}

TEST_CASE("a word with a trailing + or # is also indexed without it, at the same positions") {
    Article a;
    a.id = "o1";
    a.title = "OPEC+ cuts output";
    a.body = "Members of OPEC+ met. Software in C# and C++ was not affected.";
    Xapian::Document d = DocumentBuilder().build(a);
    auto t = terms(d);
    for (const char* term : {"Zopec+", "Zopec", "ZSopec", "Zc#", "Zc++", "Zc"}) {
        INFO(term);
        CHECK(t.count(term) == 1);
    }
    auto positions = [&](const std::string& term) {
        auto it = d.termlist_begin();
        it.skip_to(term);
        return std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end());
    };
    CHECK(positions("Zopec") == positions("Zopec+"));
    // A story without either sign gets no such terms (and is not walked for them).
    Article plain;
    plain.id = "p1";
    plain.title = "Output cut";
    plain.body = "Members met.";
    CHECK(terms(DocumentBuilder().build(plain)).count("Zc") == 0);
}
