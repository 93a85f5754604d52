#include "related.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "entity_alias_query.h"
#include "schema.h"
#include "text.h"

namespace dateline {
namespace {

std::vector<const schema::Field*> entity_fields() {
    std::vector<const schema::Field*> out;
    for (const schema::Field& f : schema::fields()) {
        if (entity_kind(f) && f.slot >= 0 && !f.facet.empty()) out.push_back(&f);
    }
    return out;
}

double x_log_x(double x) { return x > 0 ? x * std::log(x) : 0.0; }

// The names the request itself asks for, which every match holds by construction.
class OwnEntities {
public:
    OwnEntities(const SearchRequest& request, const EntityAliases& aliases, const Xapian::Database& db) {
        for (const EntityClause& clause : find_entity_clauses(request.query)) add(*clause.field, clause.value, aliases, db);
        for (const auto* list : {&request.filters, &request.any_filters}) {
            for (const auto& [name, value] : *list) {
                const schema::Field* f = schema::find(name);
                if (f && entity_kind(*f)) add(*f, value, aliases, db);
            }
        }
    }

    bool holds(const schema::Field& field, const std::string& value) const {
        if (terms_.count(schema::filter_term(field, value))) return true;
        // person:volcker is a word of the name, not the whole name: "Paul Volcker" is the same man.
        std::vector<std::string> words = text::split_trimmed(text::fold_case(value), ' ');
        for (const auto& [f, clause_words] : words_) {
            if (f != &field) continue;
            bool all = !clause_words.empty() && std::all_of(clause_words.begin(), clause_words.end(), [&](const std::string& w) {
                return std::find(words.begin(), words.end(), w) != words.end();
            });
            if (all) return true;
        }
        return false;
    }

private:
    void add(const schema::Field& field, const std::string& value, const EntityAliases& aliases, const Xapian::Database& db) {
        terms_.insert(schema::filter_term(field, value));
        for (std::string& term : entity_terms(field, value, aliases, &db)) terms_.insert(std::move(term));
        words_.emplace_back(&field, text::split_trimmed(text::fold_case(text::collapse_spaces(value)), ' '));
    }

    std::set<std::string> terms_;
    std::vector<std::pair<const schema::Field*, std::vector<std::string>>> words_;
};

}  // namespace

std::vector<std::string> related_facets() {
    std::vector<std::string> out;
    for (const schema::Field* f : entity_fields()) out.emplace_back(f->facet);
    return out;
}

std::vector<std::string> facets_to_count(const SearchRequest& request) {
    std::vector<std::string> out = request.facets;
    if (request.related == 0) return out;
    for (std::string& name : related_facets()) {
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    }
    return out;
}

double association(std::size_t count, std::size_t matches, std::size_t all, std::size_t documents) {
    // The 2x2 table: a = matching and naming it, b = matching without it, c = naming it outside
    // the matches, d = neither. Counts from a changing index may disagree by a little; they are
    // made consistent rather than trusted.
    double a = static_cast<double>(count);
    double n = static_cast<double>(std::max(matches, count));
    double f = static_cast<double>(std::max(all, count));
    double total = std::max(static_cast<double>(documents), n + f - a);
    // Only a name more frequent among the matches than in the index counts: a / n > f / total.
    if (a * total <= n * f) return 0;
    double b = n - a, c = f - a, d = total - n - f + a;
    double g2 = 2 * (x_log_x(a) + x_log_x(b) + x_log_x(c) + x_log_x(d) - x_log_x(n) - x_log_x(total - n) - x_log_x(f) -
                     x_log_x(total - f) + x_log_x(total));
    return std::max(g2, 0.0);
}

std::vector<Related> related_entities(const Xapian::Database& db, const FacetSpy& spy, std::size_t matches,
                                      const SearchRequest& request, const EntityAliases& aliases) {
    std::vector<Related> out;
    if (request.related == 0) return out;
    OwnEntities own(request, aliases, db);
    std::size_t documents = db.get_doccount();
    std::size_t min_count = matches < kRelatedSmallSet ? 1 : kRelatedMinCount;
    for (const schema::Field* field : entity_fields()) {
        Related related{std::string(field->facet), std::string(field->name), {}};
        const auto* counts = spy.counts(related.name);
        if (counts) {
            std::vector<std::pair<std::string, std::size_t>> candidates;
            for (const auto& [value, count] : *counts) {
                if (count >= min_count) candidates.emplace_back(value, count);
            }
            auto by_count = [](const auto& x, const auto& y) { return x.second != y.second ? x.second > y.second : x.first < y.first; };
            if (candidates.size() > kRelatedMaxCandidates) {
                std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kRelatedMaxCandidates),
                                  candidates.end(), by_count);
                candidates.resize(kRelatedMaxCandidates);
            }
            for (const auto& [value, count] : candidates) {
                if (own.holds(*field, value)) continue;
                std::size_t all = db.get_termfreq(schema::filter_term(*field, value));
                double score = association(count, matches, all, documents);
                if (score > 0) related.values.push_back({value, count, std::max(all, count), score});
            }
            std::sort(related.values.begin(), related.values.end(), [](const RelatedValue& x, const RelatedValue& y) {
                if (x.score != y.score) return x.score > y.score;
                return x.count != y.count ? x.count > y.count : x.value < y.value;
            });
            if (related.values.size() > request.related) related.values.resize(request.related);
        }
        out.push_back(std::move(related));
    }
    return out;
}

}  // namespace dateline
