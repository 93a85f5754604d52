#include "spelling.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "article_json.h"
#include "schema.h"
#include "text.h"

namespace dateline {
namespace {

constexpr std::size_t kMaxCorrected = 5;

std::vector<unsigned> code_points(const std::string& s) {
    std::vector<unsigned> out;
    for (Xapian::Utf8Iterator it(s); it != Xapian::Utf8Iterator(); ++it) out.push_back(*it);
    return out;
}

bool is_operator(const std::string& token) {
    for (const char* op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
        if (token == op) return true;
    }
    return false;
}

// A word of the query that can be corrected: its byte range in the query.
struct QueryWord {
    std::size_t begin, end;
    std::string lower;
};

std::vector<QueryWord> query_words(const std::string& query) {
    std::vector<QueryWord> out;
    std::size_t i = 0;
    while (i < query.size()) {
        while (i < query.size() && query[i] == ' ') ++i;
        std::size_t end = query.find(' ', i);
        if (end == std::string::npos) end = query.size();
        std::string token = query.substr(i, end - i);
        std::size_t start = i;
        i = end;
        if (token.empty() || token.find(':') != std::string::npos || is_operator(token)) continue;
        // The letters of the token, without quotes, brackets, +/- and end punctuation.
        std::size_t b = token.find_first_not_of("\"()+-'");
        std::size_t e = token.find_last_not_of("\"()'.,;!?");
        if (b == std::string::npos || e == std::string::npos || e < b) continue;
        std::string word = token.substr(b, e - b + 1);
        bool letters = true, cjk = false;
        for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it) {
            letters = letters && (Xapian::Unicode::is_wordchar(*it) && !(*it >= '0' && *it <= '9'));
            cjk = cjk || text::is_cjk(*it);
        }
        if (!letters || cjk || word.size() < 3) continue;
        out.push_back({start + b, start + e + 1, Xapian::Unicode::tolower(word)});
    }
    return out;
}

// A word an article of the index writes whose stem is `stem`, lower-cased; the stem itself when
// none is found in the first article holding it.
std::string surface_word(const Xapian::Database& db, const std::string& term, const std::string& stem, const StemmerFor& stemmer) {
    auto post = db.postlist_begin(term);
    if (post == db.postlist_end(term)) return stem;
    try {
        Article a = article_from_json(nlohmann::json::parse(db.get_document(*post).get_data()));
        const Xapian::Stem& stem_of = stemmer(a.language);
        for (const std::string* s : {&a.title, &a.body}) {
            std::string word;
            auto check = [&]() {
                if (word.empty()) return false;
                std::string lower = Xapian::Unicode::tolower(word);
                word.clear();
                if (stem_of(lower) != stem) return false;
                word = lower;
                return true;
            };
            for (Xapian::Utf8Iterator it(*s); it != Xapian::Utf8Iterator(); ++it) {
                if (Xapian::Unicode::is_wordchar(*it)) {
                    Xapian::Unicode::append_utf8(word, *it);
                } else if (check()) {
                    return word;
                }
            }
            if (check()) return word;
        }
    } catch (const nlohmann::json::exception&) {
        // Shown as the stem.
    }
    return stem;
}

}  // namespace

std::size_t edit_distance(const std::string& a_utf8, const std::string& b_utf8, std::size_t limit) {
    std::vector<unsigned> a = code_points(a_utf8), b = code_points(b_utf8);
    std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > limit) return limit + 1;
    // Three rows of the table: the one before last is needed for a swap of neighbours.
    std::vector<std::size_t> before(m + 1), last(m + 1), row(m + 1);
    for (std::size_t j = 0; j <= m; ++j) last[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        row[0] = i;
        std::size_t row_min = row[0];
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
            row_min = std::min(row_min, row[j]);
        }
        if (row_min > limit) return limit + 1;
        std::swap(before, last);
        std::swap(last, row);
    }
    return std::min(last[m], limit + 1);
}

std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db, const std::string& query,
                                                   const std::vector<std::string>& languages, const StemmerFor& stemmer,
                                                   NameWords* names) {
    std::vector<std::string> codes{""};
    codes.insert(codes.end(), languages.begin(), languages.end());
    const std::string prefix(schema::kStemPrefix);
    std::vector<std::string> text_prefixes;
    std::vector<const schema::Field*> name_fields;  // their words have no terms (name_words.h)
    for (const schema::Field& f : schema::fields()) {
        if (f.has(schema::kWordsFromNames)) name_fields.push_back(&f);
        else if (f.searchable_text()) text_prefixes.emplace_back(f.text_prefix);
    }
    SpellingSuggestion out;
    std::string corrected;
    std::size_t copied = 0;
    std::size_t unknown = 0;
    for (const QueryWord& w : query_words(query)) {
        bool known = false;
        std::string stem = stemmer("")(w.lower);
        // Known in any language, in the text or in a field of names (a name only in a curated
        // people list is no misspelling).
        for (const std::string& code : codes) {
            std::string s = stemmer(code)(w.lower);
            for (const std::string& field : text_prefixes) known = known || db.term_exists(prefix + field + s);
        }
        for (const schema::Field* f : name_fields) {
            known = known || (names ? !names->terms_for(db, *f, w.lower).empty() : db.term_exists(schema::filter_term(*f, w.lower)));
        }
        if (known || stem.empty()) continue;
        // Each unknown word costs a scan of terms: a query of many bounds the work.
        if (++unknown > kMaxCorrected) break;
        std::size_t limit = code_points(stem).size() <= 4 ? 1 : 2;
        // Candidates share the first letter: a typo there is rare, and it bounds the scan.
        std::string first = prefix;
        Xapian::Unicode::append_utf8(first, *Xapian::Utf8Iterator(stem));
        std::string best_term;
        std::size_t best_distance = limit + 1;
        Xapian::doccount best_count = 0;
        for (auto t = db.allterms_begin(first); t != db.allterms_end(first); ++t) {
            std::string candidate = (*t).substr(prefix.size());
            if (candidate.empty() || (candidate[0] >= 'A' && candidate[0] <= 'Z')) continue;
            std::size_t distance = edit_distance(stem, candidate, limit);
            if (distance > limit) continue;
            Xapian::doccount count = t.get_termfreq();
            if (distance < best_distance || (distance == best_distance && count > best_count)) {
                best_distance = distance;
                best_count = count;
                best_term = *t;
            }
        }
        if (best_term.empty()) continue;
        std::string word = surface_word(db, best_term, best_term.substr(prefix.size()), stemmer);
        corrected += query.substr(copied, w.begin - copied) + word;
        copied = w.end;
        out.corrections.emplace_back(w.lower, word);
    }
    if (out.corrections.empty()) return std::nullopt;
    out.query = corrected + query.substr(copied);
    return out;
}

}  // namespace dateline
