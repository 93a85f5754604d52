#include "highlighter.h"

#include <algorithm>
#include <map>
#include <set>

#include "text.h"

namespace dateline {
namespace {

// How far apart (in words) NEAR's words may stand: the QueryParser's NEAR default.
constexpr std::size_t kNearWindow = 10;

struct Word {
    std::size_t begin, end;
    std::string stem;
};

bool is_apostrophe(unsigned cp) { return cp == '\'' || cp == 0x2019; }

// The words of `text` with their byte ranges, split as Xapian's TermGenerator splits them
// (word characters, with an apostrophe inside a word kept: "o'neill").
std::vector<Word> split_words(std::string_view text, const Xapian::Stem& stemmer) {
    std::vector<Word> words;
    const char* base = text.data();
    Xapian::Utf8Iterator it(text.data(), text.size()), end;
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            ++it;
            continue;
        }
        std::size_t begin = static_cast<std::size_t>(it.raw() - base);
        std::size_t stop = begin;
        while (it != end) {
            if (Xapian::Unicode::is_wordchar(*it)) {
                ++it;
                stop = static_cast<std::size_t>(it.raw() - base);
                continue;
            }
            if (!is_apostrophe(*it)) break;
            Xapian::Utf8Iterator next = it;
            ++next;
            if (next == end || !Xapian::Unicode::is_wordchar(*next)) break;
            it = next;
        }
        std::string lower = Xapian::Unicode::tolower(std::string(text.substr(begin, stop - begin)));
        words.push_back({begin, stop, stemmer(lower)});
    }
    return words;
}

}  // namespace

Highlighter::Highlighter(const Xapian::Query& query, std::vector<std::string> prefixes) : prefixes_(std::move(prefixes)) {
    // Longest prefix first, so "ZS" wins over "Z".
    std::sort(prefixes_.begin(), prefixes_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    collect(query);
}

std::string Highlighter::stem_of(const std::string& term) const {
    for (const std::string& p : prefixes_) {
        if (term.size() <= p.size() || term.compare(0, p.size(), p) != 0) continue;
        char first = term[p.size()];
        if (first >= 'A' && first <= 'Z') return "";  // another field's prefix
        return term.substr(p.size());
    }
    return "";
}

void Highlighter::collect(const Xapian::Query& q) {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            std::string term = *q.get_terms_begin();
            if (std::string stem = stem_of(term); !stem.empty()) words_.emplace_back(stem, term);
            return;
        }
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR: {
            Group g{q.get_type() == Xapian::Query::OP_PHRASE, {}, {}};
            bool flat = true;
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
                Xapian::Query sub = q.get_subquery(i);
                if (sub.get_type() != Xapian::Query::LEAF_TERM) {
                    flat = false;
                    break;
                }
                std::string term = *sub.get_terms_begin();
                std::string stem = stem_of(term);
                if (stem.empty()) {
                    flat = false;
                    break;
                }
                g.stems.push_back(stem);
                g.terms.push_back(term);
            }
            if (flat && !g.stems.empty()) {
                groups_.push_back(std::move(g));
                return;
            }
            break;
        }
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SCALE_WEIGHT:
            // Only the first part says what matched: the rest is excluded or a filter.
            if (q.get_num_subqueries() > 0) collect(q.get_subquery(0));
            return;
        default:
            break;
    }
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) collect(q.get_subquery(i));
}

std::vector<Highlighter::Unit> Highlighter::units(std::string_view text, const Xapian::Stem& stemmer,
                                                  const std::function<double(const std::string&)>& weight) const {
    std::vector<Unit> out;
    if (words_.empty() && groups_.empty()) return out;
    auto w = [&](const std::string& term) {
        double v = weight ? weight(term) : 0;
        return v > 0 ? v : 1.0;
    };
    std::vector<Word> words = split_words(text, stemmer);
    std::vector<bool> taken(words.size(), false);
    for (const Group& g : groups_) {
        std::size_t n = g.stems.size();
        double gw = 0;
        std::string key;
        for (const std::string& t : g.terms) {
            gw += w(t);
            key += t + " ";
        }
        if (g.phrase) {
            for (std::size_t i = 0; i + n <= words.size(); ++i) {
                bool match = true;
                for (std::size_t k = 0; k < n && match; ++k) match = words[i + k].stem == g.stems[k];
                if (!match) continue;
                for (std::size_t k = 0; k < n; ++k) taken[i + k] = true;
                out.push_back({words[i].begin, words[i + n - 1].end, key, gw});
                i += n - 1;
            }
            continue;
        }
        // NEAR: each of its words that has every other one within the window.
        for (std::size_t i = 0; i < words.size(); ++i) {
            auto own = std::find(g.stems.begin(), g.stems.end(), words[i].stem);
            if (own == g.stems.end()) continue;
            std::size_t lo = i >= kNearWindow ? i - kNearWindow : 0, hi = std::min(words.size(), i + kNearWindow + 1);
            bool all = true;
            for (const std::string& other : g.stems) {
                if (other == *own) continue;
                bool found = false;
                for (std::size_t k = lo; k < hi && !found; ++k) found = k != i && words[k].stem == other;
                all = all && found;
            }
            if (!all) continue;
            taken[i] = true;
            out.push_back({words[i].begin, words[i].end, key, gw / static_cast<double>(n)});
        }
    }
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (taken[i]) continue;
        for (const auto& [stem, term] : words_) {
            if (words[i].stem != stem) continue;
            out.push_back({words[i].begin, words[i].end, term, w(term)});
            break;
        }
    }
    std::sort(out.begin(), out.end(), [](const Unit& a, const Unit& b) { return a.begin < b.begin; });
    return out;
}

std::string Highlighter::escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string Highlighter::render(std::string_view text, std::size_t begin, std::size_t end, const std::vector<Unit>& units) {
    std::string out;
    std::size_t at = begin;
    for (const Unit& u : units) {
        if (u.begin < at || u.end > end) continue;
        out += escape(text.substr(at, u.begin - at));
        out += "<b>";
        out += escape(text.substr(u.begin, u.end - u.begin));
        out += "</b>";
        at = u.end;
    }
    out += escape(text.substr(at, end - at));
    return out;
}

std::string Highlighter::highlight(std::string_view text, const Xapian::Stem& stemmer) const {
    return render(text, 0, text.size(), units(text, stemmer, nullptr));
}

bool Highlighter::uses_xapian_snippet(std::string_view text) {
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (text::is_cjk(*it)) return true;
    }
    return false;
}

std::string Highlighter::snippet(std::string_view text, std::size_t max_bytes, const Xapian::Stem& stemmer,
                                 const std::function<double(const std::string&)>& weight) const {
    std::vector<Unit> found = units(text, stemmer, weight);
    std::size_t size = text.size();
    std::size_t begin = 0;
    if (!found.empty() && size > max_bytes) {
        // The window starting at each match scores the weight of the distinct query words in
        // it; the earliest best window wins (repeats of a word add nothing). Windows are scored
        // a quarter shorter than the passage, which leaves room to start before the match.
        std::size_t reach = max_bytes - max_bytes / 4;
        std::size_t best = 0, best_last = 0;
        double best_score = -1;
        for (std::size_t i = 0; i < found.size(); ++i) {
            std::set<std::string> seen;
            double score = 0;
            std::size_t last = i;
            for (std::size_t k = i; k < found.size() && found[k].end <= found[i].begin + reach; ++k) {
                if (seen.insert(found[k].key).second) score += found[k].weight;
                last = k;
            }
            if (score > best_score) {
                best_score = score;
                best = i;
                best_last = last;
            }
        }
        std::size_t anchor = found[best].begin;
        // Start at the sentence the match is in when it begins close enough before it, else a
        // little before the match, keeping every match of the window in the passage; and never
        // so late that the passage ends short of its length.
        std::size_t room = max_bytes - std::min(max_bytes, found[best_last].end - anchor);
        std::size_t lead = std::min(room, max_bytes / 3);
        std::size_t floor = anchor > lead ? anchor - lead : 0;
        begin = anchor > std::min(room, max_bytes / 8) ? anchor - std::min(room, max_bytes / 8) : 0;
        for (std::size_t i = anchor; i > floor; --i) {
            char c = text[i - 1];
            if (c == '\n' || ((c == ' ') && i >= 2 && (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?'))) {
                begin = i;
                break;
            }
        }
        if (floor == 0 && anchor <= lead) begin = 0;
        if (begin + max_bytes > size) begin = size - max_bytes;
    }
    // Cut at word boundaries: move the start forward to a word's beginning, the end back to a
    // word's end (UTF-8 continuation bytes are never cut, as spaces are ASCII).
    auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
    if (begin > 0) {
        while (begin < size && !is_space(text[begin - 1])) ++begin;
        while (begin < size && is_space(text[begin])) ++begin;
    }
    std::size_t end = std::min(size, begin + max_bytes);
    if (end < size) {
        std::size_t cut = end;
        while (cut > begin && !is_space(text[cut])) --cut;
        if (cut > begin) end = cut;
        while (end > begin && is_space(text[end - 1])) --end;
    }
    std::string out;
    if (begin > 0) out += "\xE2\x80\xA6";
    out += render(text, begin, end, found);
    if (end < size) out += "\xE2\x80\xA6";
    return out;
}

}  // namespace dateline
