// Name words: `person:hegseth`, `org:reserve` and `place:"new york"` answered from the names an
// index holds, not from terms of their own.
//
// The people, organizations and places of an article are indexed as exact filter terms only
// ("XPERSON:pete hegseth"; schema.h, flag kWordsFromNames): a term per word of every name as well
// was a third of what entity extraction cost the indexer. A word query on such a field finds
// the names holding the word (the words in a row, for several), and matches their filter terms.
// Words are compared as the free text is indexed: Xapian's tokenizer, the folding stemmer of the
// default language ("Müller" is "muller", "banks" is "bank").
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <utility>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema.h"

namespace dateline {

// The stemmed words of `text`, in order, each with the free text's prefix ("Zhegseth"): the
// terms Xapian's TermGenerator makes of it with the default language's folding stemmer.
std::vector<std::string> name_word_terms(std::string_view text);

// Xapian's TermGenerator leaves out words longer than this (its default limit).
inline constexpr std::size_t kLongestWord = 64;

// The names of one field an index holds, by word.
class NameWordIndex {
public:
    // Reads every filter term of `field` in `db`.
    NameWordIndex(const Xapian::Database& db, const schema::Field& field);

    // The filter terms of the names holding the words of `value` in a row: "volcker" and "paul
    // volcker" find "XPERSON:paul volcker"; "paul volcker" does not find "XPERSON:paul a. volcker".
    std::vector<std::string> terms_for(std::string_view value) const;

    std::size_t size() const { return terms_.size(); }

private:
    std::string prefix_;
    std::vector<std::string> terms_;  // the field's filter terms
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_word_;  // word -> names holding it
};

// NameWordIndex::terms_for without an index: every name of `field` read and tested (a one-shot
// search: at a million articles 80 ms, where making the index took 600).
std::vector<std::string> scan_names(const Xapian::Database& db, const schema::Field& field, std::string_view value);

// The names of an index by word, for as long as it is unchanged (its UUIDs and revisions,
// facet_columns.h's index_state): a field's first kScansBeforeTable questions scan its names;
// the next makes its NameWordIndex (at a million articles 0.6 s), kept for the questions after,
// in a process that answers many. A remote shard names no revision: scanned each time.
class NameWords {
public:
    std::vector<std::string> terms_for(const Xapian::Database& db, const schema::Field& field, std::string_view value);

    static constexpr std::size_t kScansBeforeTable = 4;

private:
    static constexpr std::size_t kAnswers = 4096;
    std::map<const schema::Field*, std::size_t> scans_;
    std::optional<std::string> state_;
    std::map<std::pair<const schema::Field*, std::string>, std::vector<std::string>> answers_;
    std::map<const schema::Field*, NameWordIndex> fields_;
};

}  // namespace dateline
