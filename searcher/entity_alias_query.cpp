#include "entity_alias_query.h"

#include <algorithm>

#include "text.h"

namespace dateline {
namespace {

// The length of the quote mark at `i`: '"', or the typographer's “ and ” (which Xapian's parser
// also takes for quotes); 0 when there is none.
std::size_t quote_at(std::string_view s, std::size_t i) {
    if (s[i] == '"') return 1;
    if (s.substr(i, 3) == "\xE2\x80\x9C" || s.substr(i, 3) == "\xE2\x80\x9D") return 3;
    return 0;
}

void add_once(std::vector<std::string>& terms, std::string term) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

}  // namespace

std::optional<EntityKind> entity_kind(const schema::Field& field) {
    switch (field.id) {
        case schema::FieldId::person: return EntityKind::person;
        case schema::FieldId::org: return EntityKind::organization;
        case schema::FieldId::place: return EntityKind::place;
        default: return std::nullopt;
    }
}

std::vector<EntityClause> find_entity_clauses(std::string_view query) {
    std::vector<EntityClause> out;
    bool in_phrase = false;
    std::size_t i = 0;
    while (i < query.size()) {
        if (std::size_t q = quote_at(query, i)) {
            in_phrase = !in_phrase;
            i += q;
            continue;
        }
        bool starts_word = i == 0 || query[i - 1] == ' ' || query[i - 1] == '(' || query[i - 1] == '+' || query[i - 1] == '-';
        const schema::Field* field = nullptr;
        if (!in_phrase && starts_word) {
            for (const schema::Field& f : schema::fields()) {
                if (entity_kind(f) && query.substr(i, f.name.size()) == f.name && query.substr(i + f.name.size(), 1) == ":") field = &f;
            }
        }
        if (!field) {
            ++i;
            continue;
        }
        EntityClause clause;
        clause.begin = i;
        clause.field = field;
        std::size_t v = i + field->name.size() + 1;
        std::size_t end = v;
        if (v < query.size() && quote_at(query, v)) {
            std::size_t open = quote_at(query, v);
            end = v + open;
            while (end < query.size() && !quote_at(query, end)) ++end;
            clause.value = std::string(query.substr(v + open, end - v - open));
            if (end < query.size()) end += quote_at(query, end);
        } else {
            while (end < query.size() && query[end] != ' ' && query[end] != ')' && !quote_at(query, end)) ++end;
            clause.value = std::string(query.substr(v, end - v));
        }
        clause.end = end;
        if (!text::collapse_spaces(clause.value).empty()) out.push_back(std::move(clause));
        i = std::max(end, i + 1);
    }
    return out;
}

std::vector<std::string> entity_terms(const schema::Field& field, const std::string& value,
                                            const EntityAliases& aliases, const Xapian::Database* db) {
    std::vector<std::string> terms;
    std::optional<EntityKind> kind = entity_kind(field);
    if (!kind) return terms;
    if (const std::vector<std::string>* names = aliases.names(*kind, value)) {
        for (const std::string& name : *names) add_once(terms, schema::filter_term(field, name));
    }
    if (*kind == EntityKind::person && db) {
        std::string full = text::collapse_spaces(aliases.canonical_or_self(*kind, value));
        std::size_t space = full.rfind(' ');
        if (space != std::string::npos &&
            (aliases.is_listed_full_name(full) || db->term_exists(schema::filter_term(field, full))))
            add_once(terms, schema::filter_term(field, full.substr(space + 1)));
    }
    // A name that is its entity's only name needs nothing beyond the query as typed.
    std::string own = schema::filter_term(field, value);
    if (terms.empty() || (terms.size() == 1 && terms.front() == own)) return {};
    add_once(terms, std::move(own));
    return terms;
}

std::vector<std::pair<std::string, Xapian::doccount>> alias_completions(const schema::Field& field,
                                                                        const std::string& prefix,
                                                                        const EntityAliases& aliases,
                                                                        const Xapian::Database& db) {
    std::vector<std::pair<std::string, Xapian::doccount>> out;
    std::optional<EntityKind> kind = entity_kind(field);
    if (!kind) return out;
    for (const std::string& name : aliases.completing(*kind, prefix)) {
        if (Xapian::doccount n = db.get_termfreq(schema::filter_term(field, name))) out.emplace_back(name, n);
    }
    return out;
}

}  // namespace dateline
