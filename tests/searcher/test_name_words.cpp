// Name words (searcher/name_words.h): a name's words as the text is indexed; the names of an
// index found by a word or by words in a row; the cache made again after a commit; and
// person:, org: and place: queries answered through them, quoted or not, with the article's
// words ranking the matches.
#include <doctest/doctest.h>
#include <xapian.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dates.h"
#include "index_articles.h"
#include "name_words.h"
#include "schema.h"
#include "searcher.h"
#include "stemming.h"
#include "temp_dir.h"

using namespace dateline;

namespace {

Article story(const std::string& id, std::vector<std::string> people, std::vector<std::string> places,
              std::vector<std::string> orgs, const std::string& body) {
    Article a;
    a.id = id;
    a.title = "Story " + id;
    a.body = body;
    a.published = dates::parse("2025-02-14");
    a.people = std::move(people);
    a.places = std::move(places);
    a.organizations = std::move(orgs);
    return a;
}

std::vector<Article> archive() {
    return {
        story("n1", {"Pete Hegseth"}, {"Brussels"}, {"NATO"}, "Hegseth met allies in Brussels on Friday."),
        story("n2", {"Paul A. Volcker"}, {"New York"}, {"Federal Reserve"}, "The chairman spoke on rates."),
        story("n3", {"Thomas Müller"}, {"York"}, {"Bank of England"}, "A match report."),
        story("n4", {"Hegseth"}, {"Munich"}, {}, "Hegseth said Hegseth would ask Hegseth."),
    };
}

std::vector<std::string> ids(Searcher& s, const std::string& query) {
    SearchRequest r;
    r.query = query;
    r.collapse = false;
    std::vector<std::string> out;
    for (const SearchResult& result : s.search(r).results) out.push_back(result.article.id);
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

TEST_CASE("a name's words are the stemmed, folded words of the text, in order") {
    CHECK(name_word_terms("Pete Hegseth") == std::vector<std::string>{"Zpete", "Zhegseth"});
    CHECK(name_word_terms("Thomas Müller") == std::vector<std::string>{"Zthoma", "Zmuller"});
    CHECK(name_word_terms("Bank of England") == std::vector<std::string>{"Zbank", "Zof", "Zengland"});
    CHECK(name_word_terms("").empty());
}

TEST_CASE("plain names are split without the tokenizer, into the terms the tokenizer makes") {
    Xapian::TermGenerator generator;
    generator.set_stemmer(stemming::folding_stemmer(stemming::stemmer_name("")));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    std::string long_word(70, 'x');
    for (const std::string& name : std::vector<std::string>{"pete hegseth", "federal reserve banks", "g7 summit 2025", "running dying lying", "a",
                             "smith " + long_word + " jones", "u.s.", "at&t", "müller", "jean-pierre raffarin"}) {
        CAPTURE(name);
        Xapian::Document doc;
        generator.set_document(doc);
        generator.set_termpos(0);
        generator.index_text(name);
        std::vector<std::pair<Xapian::termpos, std::string>> at;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, *t);
        }
        std::sort(at.begin(), at.end());
        std::vector<std::string> want;
        for (auto& [position, term] : at) want.push_back(term);
        CHECK(name_word_terms(name) == want);
    }
}

TEST_CASE("the names of an index by a word, or by words in a row") {
    testing::TempDir dir;
    std::string db_path = (dir.path / "index").string();
    testing::index_articles(db_path, archive());
    Xapian::Database db(db_path);
    const schema::Field& person = schema::field(schema::FieldId::person);
    const schema::Field& place = schema::field(schema::FieldId::place);
    NameWordIndex people(db, person);
    CHECK(people.size() == 4);
    CHECK(sorted(people.terms_for("hegseth")) == std::vector<std::string>{"XPERSON:hegseth", "XPERSON:pete hegseth"});
    CHECK(people.terms_for("pete hegseth") == std::vector<std::string>{"XPERSON:pete hegseth"});
    CHECK(people.terms_for("hegseth pete").empty());           // in a row, in order
    CHECK(people.terms_for("paul volcker").empty());           // "a." comes between
    CHECK(people.terms_for("Volcker") == std::vector<std::string>{"XPERSON:paul a. volcker"});
    CHECK(people.terms_for("MÜLLER") == std::vector<std::string>{"XPERSON:thomas müller"});
    CHECK(people.terms_for("nobody").empty());
    CHECK(people.terms_for("").empty());
    NameWordIndex places(db, place);
    CHECK(sorted(places.terms_for("york")) == std::vector<std::string>{"XPLACE:new york", "XPLACE:york"});

    // The cache scans for a field's first questions and makes the index for the next: the same
    // answers either way, and again when asked again.
    static_assert(NameWords::kScansBeforeTable < 8, "the questions below reach the table");
    NameWords cache;
    for (int round = 0; round < 2; ++round) {
        for (const char* value : {"hegseth", "pete hegseth", "hegseth pete", "volcker", "nobody", "paul", "thomas",
                                  "a volcker", "pete", "muller"})
            CHECK(sorted(cache.terms_for(db, person, value)) == sorted(people.terms_for(value)));
        CHECK(sorted(cache.terms_for(db, place, "york")) == sorted(places.terms_for("york")));
    }
    CHECK(scan_names(db, person, "pete hegseth") == people.terms_for("pete hegseth"));
    CHECK(cache.terms_for(db, person, "muller").size() == 1);
    testing::index_articles(db_path, {story("n5", {"Gerd Müller"}, {}, {}, "Another match.")}, "/archive/more");
    db.reopen();
    CHECK(cache.terms_for(db, person, "muller").size() == 2);  // a commit: the names are read again
}

TEST_CASE("person:, org: and place: find names by their words") {
    testing::TempDir dir;
    std::string db = (dir.path / "index").string();
    testing::index_articles(db, archive());
    Searcher s(db);
    // Both hold a name with the word; the story that says "Hegseth" more ranks first.
    CHECK(ids(s, "person:hegseth") == std::vector<std::string>{"n4", "n1"});
    // A full name the index knows also finds the stories tagged by the surname alone
    // (entity_alias_query.h): n4's "Hegseth" is taken to be him.
    CHECK(sorted(ids(s, "person:\"pete hegseth\"")) == std::vector<std::string>{"n1", "n4"});
    CHECK(ids(s, "person:\"hegseth pete\"").empty());
    CHECK(ids(s, "person:muller") == std::vector<std::string>{"n3"});
    CHECK(ids(s, "person:volcker") == std::vector<std::string>{"n2"});
    CHECK(sorted(ids(s, "place:york")) == std::vector<std::string>{"n2", "n3"});
    CHECK(ids(s, "place:\"new york\"") == std::vector<std::string>{"n2"});
    CHECK(ids(s, "org:reserve") == std::vector<std::string>{"n2"});
    CHECK(ids(s, "org:\"bank of england\"") == std::vector<std::string>{"n3"});
    // With other words and operators, and where no name has the word.
    CHECK(ids(s, "allies person:hegseth") == std::vector<std::string>{"n1"});
    CHECK(ids(s, "person:hegseth -place:brussels") == std::vector<std::string>{"n4"});
    CHECK(ids(s, "person:nobody").empty());
    CHECK(ids(s, "match OR person:nobody") == std::vector<std::string>{"n3"});
}
