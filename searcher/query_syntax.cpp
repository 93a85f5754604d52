#include "query_syntax.h"

#include <string>
#include <vector>

#include "dates.h"
#include "schema.h"
#include "search_request.h"

namespace dateline {
namespace {

struct Token {
    std::string text;
    std::size_t pos;
    bool open = false;   // "("
    bool close = false;  // ")"
    bool phrase = false;
};

bool is_binary_operator(const std::string& t) {
    return t == "AND" || t == "OR" || t == "XOR" || t == "NEAR" || t == "ADJ" || t.rfind("NEAR/", 0) == 0 ||
           t.rfind("ADJ/", 0) == 0;
}

void check_date_range(const Token& t) {
    std::string value = t.text.substr(5);
    std::size_t dots = value.find("..");
    if (value.empty()) throw QueryError("date: needs a range such as date:2025-02-01..2025-02-28", t.pos);
    std::string from = dots == std::string::npos ? value : value.substr(0, dots);
    std::string to = dots == std::string::npos ? value : value.substr(dots + 2);
    if (!from.empty() && !dates::parse_bound(from, false))
        throw QueryError("cannot read the date '" + from + "': write it as YYYY, YYYY-MM or YYYY-MM-DD", t.pos + 5);
    if (!to.empty() && !dates::parse_bound(to, true))
        throw QueryError("cannot read the date '" + to + "': write it as YYYY, YYYY-MM or YYYY-MM-DD",
                         t.pos + 5 + (dots == std::string::npos ? 0 : dots + 2));
    if (from.empty() && to.empty()) throw QueryError("date: needs at least one end of the range", t.pos);
}

}  // namespace

void check_query_syntax(std::string_view q) {
    if (q.size() > kMaxQueryBytes)
        throw QueryError("the query is longer than " + std::to_string(kMaxQueryBytes) + " bytes", kMaxQueryBytes);
    std::vector<Token> tokens;
    std::vector<std::size_t> open_brackets;
    std::size_t i = 0;
    while (i < q.size()) {
        char c = q[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
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
            } else if (!in_quotes && (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '(' || d == ')')) {
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

    for (std::size_t k = 0; k < tokens.size(); ++k) {
        const Token& t = tokens[k];
        const Token* prev = k > 0 ? &tokens[k - 1] : nullptr;
        const Token* next = k + 1 < tokens.size() ? &tokens[k + 1] : nullptr;
        if (t.open && next && next->close) throw QueryError("'()' holds nothing", t.pos);
        if (t.open || t.close || t.phrase) continue;
        if (is_binary_operator(t.text)) {
            if (!prev || prev->open || is_binary_operator(prev->text) || prev->text == "NOT")
                throw QueryError(t.text + " needs something to search for before it", t.pos);
            if (!next || next->close || is_binary_operator(next->text))
                throw QueryError(t.text + " needs something to search for after it", t.pos);
            continue;
        }
        if (t.text == "NOT") {
            if (!next || next->close || is_binary_operator(next->text) || next->text == "NOT")
                throw QueryError("NOT needs something to exclude after it", t.pos);
            continue;
        }
        if (t.text == "-" || t.text == "+") throw QueryError("'" + t.text + "' needs a word right after it", t.pos);
        std::size_t colon = t.text.find(':');
        if (colon != std::string::npos && colon > 0) {
            std::string name = t.text.substr(0, colon);
            std::size_t lead = name[0] == '-' || name[0] == '+' ? 1 : 0;
            name = name.substr(lead);
            if (name == "date") {
                Token inner{t.text.substr(lead), t.pos + lead};
                check_date_range(inner);
                continue;
            }
            if (schema::find(name) && colon + 1 == t.text.size() && (!next || next->open == false))
                throw QueryError(name + ": needs a word or \"phrase\" right after it, e.g. " + name + ":nato", t.pos);
        }
    }
}

}  // namespace dateline
