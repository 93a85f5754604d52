// The band postings in memory (band_memo.h) answer what the database's postlists would: kept in
// step through additions, replacements and deletions, and read back with the copy finder's
// bounds (ids below a document, at most a number of them).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "band_memo.h"
#include "schema.h"

using namespace dateline;

namespace {

std::string band(int n) { return std::string(schema::kMinHashPrefix) + "band" + std::to_string(n); }

// A document holding `count` bands drawn from a pool of `pool`, so that many are shared.
Xapian::Document random_document(std::mt19937& rng, int pool, int count) {
    Xapian::Document doc;
    std::uniform_int_distribution<int> pick(0, pool - 1);
    for (int i = 0; i < count; ++i) doc.add_boolean_term(band(pick(rng)));
    doc.add_boolean_term("Qother-term");  // not a band: never remembered
    return doc;
}

std::vector<Xapian::docid> from_database(const Xapian::Database& db, const std::string& term, Xapian::docid before,
                                         Xapian::doccount limit) {
    std::vector<Xapian::docid> out;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term) && (before == 0 || *p < before) && out.size() < limit; ++p) {
        out.push_back(*p);
    }
    return out;
}

void check_same(const Xapian::Database& db, const BandMemo& memo, int pool) {
    const Xapian::docid last = db.get_lastdocid();
    for (int b = 0; b < pool; ++b) {
        for (Xapian::docid before : {Xapian::docid{0}, Xapian::docid{1}, last / 2, last, last + 1}) {
            for (Xapian::doccount limit : {0u, 1u, 3u, 64u}) {
                CHECK(memo.postings(band(b), before, limit) == from_database(db, band(b), before, limit));
            }
        }
    }
}

}  // namespace

TEST_CASE("additions, replacements and deletions leave the memo equal to the postlists") {
    std::mt19937 rng(7);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    BandMemo memo;
    constexpr int kPool = 40;
    for (int i = 0; i < 300; ++i) {
        Xapian::Document doc = random_document(rng, kPool, 5);
        memo.add(db.add_document(doc), doc);
    }
    check_same(db, memo, kPool);
    CHECK(memo.size() > 0);

    // Replaced documents keep their ids (the writer's replace_document by id term) with other bands.
    for (Xapian::docid id = 3; id <= 300; id += 7) {
        memo.remove(id, db.get_document(id));
        Xapian::Document doc = random_document(rng, kPool, 4);
        db.replace_document(id, doc);
        memo.add(id, doc);
    }
    // Deleted ones leave every band they held, even the last document of a band.
    for (Xapian::docid id = 5; id <= 300; id += 11) {
        memo.remove(id, db.get_document(id));
        db.delete_document(id);
    }
    db.commit();
    check_same(db, memo, kPool);

    std::size_t postings = 0;
    for (int b = 0; b < kPool; ++b) postings += db.get_termfreq(band(b));
    CHECK(memo.size() == postings);
}

TEST_CASE("a band of one document, and one never written") {
    BandMemo memo;
    Xapian::Document doc;
    doc.add_boolean_term(band(1));
    memo.add(12, doc);
    CHECK(memo.postings(band(1), 0, 64) == std::vector<Xapian::docid>{12});
    CHECK(memo.postings(band(1), 12, 64).empty());  // only ids below `before`
    CHECK(memo.postings(band(1), 13, 64) == std::vector<Xapian::docid>{12});
    CHECK(memo.postings(band(2), 0, 64).empty());
    memo.add(12, doc);  // the same posting twice is one
    CHECK(memo.size() == 1);
    memo.remove(12, doc);
    CHECK(memo.postings(band(1), 0, 64).empty());
    CHECK(memo.size() == 0);
}

TEST_CASE("shared_bands reads the bands of more than one document, with all their postings") {
    std::mt19937 rng(11);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    constexpr int kPool = 400;  // many bands of one document
    for (int i = 0; i < 200; ++i) db.add_document(random_document(rng, kPool, 3));
    db.commit();
    BandMemo shared = BandMemo::shared_bands(db);
    std::size_t expected = 0;
    for (int b = 0; b < kPool; ++b) {
        Xapian::doccount freq = db.get_termfreq(band(b));
        if (freq >= 2) {
            expected += freq;
            CHECK(shared.postings(band(b), 0, 1000) == from_database(db, band(b), 0, 1000));
        } else {
            CHECK(shared.postings(band(b), 0, 1000).empty());
        }
    }
    CHECK(shared.size() == expected);
    CHECK(expected > 0);
}

TEST_CASE("later_sharers: the documents from an id on that share a band with an earlier one") {
    BandMemo memo;
    auto doc_of = [](std::initializer_list<int> bands) {
        Xapian::Document doc;
        for (int b : bands) doc.add_boolean_term(band(b));
        return doc;
    };
    memo.add(1, doc_of({1, 2}));
    memo.add(2, doc_of({3}));
    memo.add(5, doc_of({1}));     // shares band 1 with 1
    memo.add(6, doc_of({4}));     // shares nothing
    memo.add(7, doc_of({4, 3}));  // shares band 4 with 6 and band 3 with 2
    memo.add(8, doc_of({2, 1}));  // two bands, listed once
    CHECK(memo.later_sharers(5) == std::vector<Xapian::docid>{5, 7, 8});
    CHECK(memo.later_sharers(6) == std::vector<Xapian::docid>{7, 8});
    CHECK(memo.later_sharers(9).empty());
}
