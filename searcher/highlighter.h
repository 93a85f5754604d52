// Highlighter: why a story matched, shown as a passage of its text and as its headline with the
// matching words in <b>...</b>.
//
// It reads the query the searcher ran: single words are highlighted wherever their stem occurs;
// a phrase ("bank of japan") is highlighted as one unit, and only where the words stand in that
// order, never its words scattered; NEAR highlights its words where they occur near each other.
// Negated words (NOT, -word) and exact filters are never highlighted. Words are compared as the
// index compares them: stemmed with the article's own stemmer and accent-folded.
//
// The passage holds the best match (the most distinct query words by weight, a phrase counting
// as its words), starts at the beginning of its sentence when that is close, and runs on after
// the match to the length asked for; a short story is shown whole.
//
// Written here rather than Xapian's MSet::snippet because Xapian 1.4's snippets highlight no
// phrase at all and let a passage end right after its match. Chinese, Japanese and Korean text
// still goes to MSet::snippet, which knows their n-grams (see uses_xapian_snippet).
//
// Thread-safety: a Highlighter is read-only once built; the stemmer passed in is the caller's.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline {

class Highlighter {
public:
    // `prefixes`: the term prefixes whose terms name words of the text being highlighted
    // ("Z" for the body's stems; add "ZS" for headline-only terms).
    Highlighter(const Xapian::Query& query, std::vector<std::string> prefixes);

    // At most about `max_bytes` bytes of `text`, HTML-escaped, cut at word boundaries with "…" at
    // a cut end, matches in <b>...</b>. `weight` gives a query term's weight (terms of weight 0
    // count as 1).
    std::string snippet(std::string_view text, std::size_t max_bytes, const Xapian::Stem& stemmer,
                        const std::function<double(const std::string&)>& weight) const;

    // All of `text` (a headline), HTML-escaped, matches in <b>...</b>.
    std::string highlight(std::string_view text, const Xapian::Stem& stemmer) const;

    // True when `text` holds Chinese, Japanese or Korean, which MSet::snippet should handle.
    static bool uses_xapian_snippet(std::string_view text);

    // The text HTML-escaped (&, <, >, ", ').
    static std::string escape(std::string_view text);

private:
    struct Group {
        bool phrase;                     // true: PHRASE, false: NEAR
        std::vector<std::string> stems;  // in query order
        std::vector<std::string> terms;  // the query's terms, for their weights
    };
    struct Unit {
        std::size_t begin, end;  // byte range in the text
        std::string key;         // what counts once ("Zstem" or the phrase's terms)
        double weight;
    };

    void collect(const Xapian::Query& q);
    std::string stem_of(const std::string& term) const;  // "" when not a term of this text
    std::vector<Unit> units(std::string_view text, const Xapian::Stem& stemmer,
                            const std::function<double(const std::string&)>& weight) const;
    static std::string render(std::string_view text, std::size_t begin, std::size_t end, const std::vector<Unit>& units);

    std::vector<std::string> prefixes_;
    std::vector<std::pair<std::string, std::string>> words_;  // (stem, term) of single words
    std::vector<Group> groups_;
};

}  // namespace dateline
