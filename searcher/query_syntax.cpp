#include "query_syntax.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "dates.h"
#include "schema.h"
#include "search_request.h"
#include "text.h"

namespace dateline {
namespace {

struct Token {
    std::string text;
    std::size_t pos;
    bool open = false;   // "("
    bool close = false;  // ")"
    bool phrase = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_binary_operator(const std::string& t) {
    return t == "AND" || t == "OR" || t == "XOR" || t == "NEAR" || t == "ADJ" || t.rfind("NEAR/", 0) == 0 ||
           t.rfind("ADJ/", 0) == 0;
}

bool is_operator(const std::string& t) { return is_binary_operator(t) || t == "NOT"; }

bool has_lower_case(std::string_view q) {
    return std::any_of(q.begin(), q.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
}

// A query without a lower-case letter and of many words is a headline pasted from the wire or
// a question typed with caps lock: its AND, OR and NOT are words. Short ones ("NATO OR EU")
// keep their operators. A query of a few words and no operator is loose: a stray bracket
// ("1) bile duct atresia") or quote is punctuation, "cd:uk" a word, not a field, and a word
// glued to a dash the wire's "-report", not an exclusion ("nato -russia" stays one).
constexpr std::size_t kProseWords = 6;
constexpr std::size_t kLooseWords = 4;

// Whitespace-separated pieces holding a letter or digit, and whether one is an operator word.
std::pair<std::size_t, bool> count_words(std::string_view q) {
    std::size_t words = 0;
    bool operators = false;
    std::size_t i = 0;
    while (i < q.size()) {
        while (i < q.size() && is_space(q[i])) ++i;
        std::size_t start = i;
        while (i < q.size() && !is_space(q[i])) ++i;
        std::string piece(q.substr(start, i - start));
        if (std::any_of(piece.begin(), piece.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) ++words;
        operators = operators || is_operator(piece);
    }
    return {words, operators};
}

bool operators_are_words(std::string_view q) { return !has_lower_case(q) && count_words(q).first >= kProseWords; }

bool without_operators(std::string_view q, std::size_t min_words) {
    auto [words, operators] = count_words(q);
    return words >= min_words && (!operators || operators_are_words(q));
}

bool is_loose(std::string_view q) { return without_operators(q, kLooseWords); }

// The query with the brackets and quotes that pair with nothing blanked out, when it is prose;
// otherwise the query as it is. Blanking keeps every byte where it was, so error positions hold.
std::string tolerate_prose(std::string_view q) {
    std::string out(q);
    if (!is_loose(q)) return out;
    if (std::count(out.begin(), out.end(), '"') % 2 != 0) std::replace(out.begin(), out.end(), '"', ' ');
    std::vector<std::size_t> open;
    bool in_quotes = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '"') in_quotes = !in_quotes;
        if (in_quotes) continue;
        if (out[i] == '(') open.push_back(i);
        else if (out[i] == ')' && open.empty()) out[i] = ' ';
        else if (out[i] == ')') open.pop_back();
    }
    for (std::size_t i : open) out[i] = ' ';
    return out;
}

// Words, quoted phrases (with any field prefix glued to them) and brackets, in order.
std::vector<Token> tokenize(std::string_view q) {
    std::vector<Token> tokens;
    std::vector<std::size_t> open_brackets;
    std::size_t i = 0;
    while (i < q.size()) {
        char c = q[i];
        if (is_space(c)) { ++i; continue; }
        if (c == '(' || c == ')') {
            Token t{std::string(1, c), i};
            t.open = c == '(';
            t.close = c == ')';
            if (t.open) open_brackets.push_back(i);
            else if (open_brackets.empty()) throw QueryError("')' has no '(' before it", i);
            else open_brackets.pop_back();
            tokens.push_back(t);
            ++i;
            continue;
        }
        std::size_t start = i;
        bool in_quotes = false;
        std::size_t quote_at = 0;
        while (i < q.size()) {
            char d = q[i];
            if (d == '"') {
                if (!in_quotes) quote_at = i;
                in_quotes = !in_quotes;
            } else if (!in_quotes && (is_space(d) || d == '(' || d == ')')) {
                break;
            }
            ++i;
        }
        if (in_quotes) throw QueryError("the quote opened here is never closed", quote_at);
        Token t{std::string(q.substr(start, i - start)), start};
        t.phrase = t.text.find('"') != std::string::npos;
        tokens.push_back(t);
    }
    if (!open_brackets.empty()) throw QueryError("the '(' here is never closed", open_brackets.back());
    return tokens;
}

// A dash or plus standing alone between spaces ("wheat - usda", "1987 -- a year"): punctuation.
bool is_lone_dash(const std::string& t) {
    return t == "-" || t == "+" || t == "--" || t == "\xE2\x80\x93" || t == "\xE2\x80\x94";
}

bool is_word(const Token& t) { return !t.open && !t.close && !is_lone_dash(t.text); }

// "-" glued to what comes before ("(corrected)-crazy eddie") or doubled ("wheat --usda"): a
// dash, not an exclusion.
bool glued_dash(std::string_view q, const Token& t) {
    return t.text.size() > 1 && t.text[0] == '-' && ((t.pos > 0 && q[t.pos - 1] == ')') || t.text[1] == '-');
}

// "+word" or "-word" (not a dash): a word the user requires or excludes.
bool signed_word(std::string_view q, const Token& t) {
    return t.text.size() > 1 && (t.text[0] == '+' || t.text[0] == '-') && !glued_dash(q, t) && !is_lone_dash(t.text);
}

// The names the QueryParser knows as field prefixes (query_builder.cpp registers them).
bool is_query_field(std::string_view name) {
    const schema::Field* f = schema::find(name);
    return f && f->name == name && f->queryable();
}

std::string query_field_names() {
    std::string out;
    for (const schema::Field& f : schema::fields()) {
        if (!f.queryable()) continue;
        if (!out.empty()) out += ", ";
        out += std::string(f.name) + ":";
    }
    return out;
}

// The field a token names ("title" in title:oil or -title:"oil prices"), or "" when the token
// has none: a name is a letter then letters, digits or '_', right before a ':' that has
// something after it, and not a URL's scheme.
struct FieldRef {
    std::string name;
    std::size_t lead = 0;  // 1 when the token starts with '+' or '-'
};

// The field of dates ("date:"), whose value is a range.
bool is_date_field(std::string_view name) {
    const schema::Field* f = schema::find(name);
    return f && f->name == name && f->kind == schema::Kind::date;
}

FieldRef field_of(const std::string& text) {
    std::size_t lead = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    std::size_t colon = text.find(':', lead);
    std::size_t quote = text.find('"');
    if (colon == std::string::npos || colon == lead || (quote != std::string::npos && quote < colon)) return {};
    if (!std::isalpha(static_cast<unsigned char>(text[lead]))) return {};
    for (std::size_t k = lead; k < colon; ++k) {
        unsigned char c = static_cast<unsigned char>(text[k]);
        if (!std::isalnum(c) && c != '_') return {};
    }
    if (text.compare(colon + 1, 2, "//") == 0) return {};
    return {text.substr(lead, colon - lead), lead};
}

void check_date_range(const std::string& text, std::size_t pos) {
    std::string value = text.substr(5);
    std::size_t dots = value.find("..");
    if (value.empty()) throw QueryError("date: needs a range such as date:2025-02-01..2025-02-28", pos);
    std::string from = dots == std::string::npos ? value : value.substr(0, dots);
    std::string to = dots == std::string::npos ? value : value.substr(dots + 2);
    auto first = from.empty() ? std::nullopt : dates::parse_bound(from, false);
    auto last = to.empty() ? std::nullopt : dates::parse_bound(to, true);
    if (!from.empty() && !first)
        throw QueryError("cannot read the date '" + from + "': write it as YYYY, YYYY-MM or YYYY-MM-DD", pos + 5);
    if (!to.empty() && !last)
        throw QueryError("cannot read the date '" + to + "': write it as YYYY, YYYY-MM or YYYY-MM-DD",
                         pos + 5 + (dots == std::string::npos ? 0 : dots + 2));
    if (from.empty() && to.empty()) throw QueryError("date: needs at least one end of the range", pos);
    if (first && last && *first > *last)
        throw QueryError("the range " + value + " ends before it starts: write the earlier date first", pos + 5);
}

// NEAR/3, ADJ/10: the number of words apart.
void check_distance(const Token& t) {
    std::size_t slash = t.text.find('/');
    std::string n = t.text.substr(slash + 1);
    bool digits = !n.empty() && n.size() <= 4;
    for (char c : n) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (!digits)
        throw QueryError(t.text.substr(0, slash) + "/ needs a number of words after it, e.g. " + t.text.substr(0, slash) +
                             "/3",
                         t.pos);
}

}  // namespace

void check_query_syntax(std::string_view typed) {
    if (typed.size() > kMaxQueryBytes)
        throw QueryError("the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes", kMaxQueryBytes);
    std::string q = tolerate_prose(typed);
    std::vector<Token> tokens = tokenize(q);
    bool words_only = operators_are_words(q);
    bool loose = is_loose(q);

    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const Token& t = tokens[k];
        // Dashes standing alone are punctuation: neighbours are judged without them.
        auto neighbour = [&](std::size_t from, int step) -> const Token* {
            for (auto j = static_cast<std::ptrdiff_t>(from) + step; j >= 0 && j < static_cast<std::ptrdiff_t>(tokens.size()); j += step) {
                if (!is_lone_dash(tokens[static_cast<std::size_t>(j)].text)) return &tokens[static_cast<std::size_t>(j)];
            }
            return nullptr;
        };
        const Token* prev = neighbour(k, -1);
        const Token* next = neighbour(k, 1);
        if (t.open && next && next->close) throw QueryError("'()' holds nothing", t.pos);
        if (t.open || t.close || is_lone_dash(t.text)) continue;
        if (!words_only && is_binary_operator(t.text)) {
            if (t.text.find('/') != std::string::npos) check_distance(t);
            if (!prev || prev->open || is_operator(prev->text))
                throw QueryError(t.text + " needs something to search for before it", t.pos);
            if (!next || next->close || is_binary_operator(next->text))
                throw QueryError(t.text + " needs something to search for after it", t.pos);
            // Xapian cannot parse these and would search for the words instead.
            for (const Token* side : {prev, next}) {
                if (signed_word(q, *side))
                    throw QueryError("'" + side->text + "' cannot stand beside " + t.text + ": write NOT before a word to exclude it",
                                     side->pos);
            }
            bool positional = t.text.rfind("NEAR", 0) == 0 || t.text.rfind("ADJ", 0) == 0;
            if (positional && (prev->close || next->open || prev->phrase || next->phrase || !field_of(prev->text).name.empty() ||
                               !field_of(next->text).name.empty()))
                throw QueryError(t.text.substr(0, t.text.find('/')) + " joins two plain words, e.g. opec NEAR output", t.pos);
            continue;
        }
        if (!words_only && t.text == "NOT") {
            if (!next || next->close || is_operator(next->text))
                throw QueryError("NOT needs something to exclude after it", t.pos);
            if (signed_word(q, *next)) throw QueryError("NOT needs a word without + or - after it", next->pos);
            continue;
        }
        FieldRef field = field_of(t.text);
        if (field.name.empty()) continue;
        if (is_date_field(field.name)) {
            check_date_range(t.text.substr(field.lead), t.pos + field.lead);
            continue;
        }
        if (!is_query_field(field.name)) {
            if (field.name.size() + field.lead + 1 == t.text.size() || loose) continue;  // "Requests: an approach"
            throw QueryError("there is no field '" + field.name + "'; the fields are " + query_field_names(), t.pos + field.lead);
        }
        if (field.lead + field.name.size() + 1 == t.text.size() && (!next || !next->open))
            throw QueryError(field.name + ": needs a word or \"phrase\" right after it, e.g. " + field.name + ":nato", t.pos);
    }
}

bool is_plain_query(std::string_view typed) {
    std::string q = tolerate_prose(typed);
    std::vector<Token> tokens = tokenize(q);
    bool words_only = operators_are_words(q);
    bool loose = is_loose(q);
    std::size_t words = 0;
    for (const Token& t : tokens) {
        if (!is_word(t)) continue;
        ++words;
        if (t.phrase || (!words_only && is_operator(t.text))) return false;
        if (t.text[0] == '+' || (t.text[0] == '-' && !loose && !glued_dash(q, t))) return false;
        FieldRef field = field_of(t.text);
        if (!field.name.empty() && is_query_field(field.name) && field.lead + field.name.size() + 1 < t.text.size()) return false;
    }
    return words > 0;
}

std::string prepare_query(std::string_view typed) {
    // Xapian gets valid UTF-8 without control characters, whatever the bytes typed.
    std::string q = tolerate_prose(text::repair_utf8(typed));
    std::vector<Token> tokens = tokenize(q);
    bool words_only = operators_are_words(q);
    bool loose = is_loose(q);
    bool only_exclusions = !loose;
    for (const Token& t : tokens) {
        if (is_word(t) && !(t.text.size() > 1 && t.text[0] == '-')) only_exclusions = false;
    }
    std::string out;
    for (const Token& t : tokens) {
        if (is_lone_dash(t.text)) continue;
        std::string text = t.text;
        if (words_only && is_operator(text)) {
            for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if ((loose || glued_dash(q, t)) && text.size() > 1 && text[0] == '-') text.erase(0, text.find_first_not_of('-'));
        FieldRef field = field_of(text);
        const bool date = is_date_field(field.name);
        if (date && text.find("..") == std::string::npos) text += ".." + text.substr(field.lead + field.name.size() + 1);
        // Xapian reads ".." as a range; outside date: it is an ellipsis ("my memories of marley...").
        for (std::size_t dots; !date && (dots = text.find("..")) != std::string::npos;) text[dots] = text[dots + 1] = ' ';
        if (only_exclusions && text.size() > 1 && text[0] == '-') text = "NOT " + text.substr(1);
        // u.s. -> U.S.: a run of single letters each followed by a dot is an acronym, which Xapian
        // joins into one word ("us") only when its letters are capitals.
        for (std::size_t i = 0; i + 2 < text.size(); ++i) {
            bool starts_word = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
            if (!starts_word) continue;
            std::size_t j = i;
            while (j + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[j])) && text[j + 1] == '.' &&
                   (j + 2 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[j + 2])) ||
                    (std::isalpha(static_cast<unsigned char>(text[j + 2])) &&
                     (j + 3 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[j + 3]))))))
                j += 2;
            // u.s (no last dot): the last letter ends the word.
            bool tail = j > i && j < text.size() && std::isalpha(static_cast<unsigned char>(text[j])) &&
                        (j + 1 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[j + 1])));
            std::size_t letters = (j - i) / 2 + (tail ? 1 : 0);
            if (letters < 2) continue;
            std::size_t end = tail ? j + 1 : j;
            for (std::size_t k = i; k < end; ++k) text[k] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[k])));
            i = end;
        }
        if (!out.empty()) out += ' ';
        out += text;
    }
    return out;
}

}  // namespace dateline
