#include "query_builder.h"

#include <algorithm>
#include <map>

#include "dates.h"
#include "entity_alias_query.h"
#include "word_lists.h"
#include "query_syntax.h"
#include "schema.h"
#include "stemming.h"
#include "text.h"

namespace dateline {
namespace {

// date:FROM..TO on the publication date slot, whose values are "YYYYMMDDhhmmss". Either end may
// be a year, a month or a day; the end bound covers the whole period it names. Xapian's own
// DateRangeProcessor compares only YYYYMMDD values, which would drop the last day's articles.
class PublishedRangeProcessor : public Xapian::RangeProcessor {
public:
    PublishedRangeProcessor() : Xapian::RangeProcessor(schema::kSlotPublished, "date:") {}

    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        auto from = begin.empty() ? std::nullopt : dates::parse_bound(begin, false);
        auto to = end.empty() ? std::nullopt : dates::parse_bound(end, true);
        if ((!begin.empty() && !from) || (!end.empty() && !to)) return Xapian::Query(Xapian::Query::OP_INVALID);
        if (from && to) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, dates::to_compact(*from), dates::to_compact(*to));
        if (from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, dates::to_compact(*from));
        return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, dates::to_compact(*to));
    }
};

// A quoted run of Chinese, Japanese or Korean characters loses its quotes. Xapian 1.4's parser
// asks such a phrase as single characters next to each other, but its indexer puts the pairs
// of characters between them, so the phrase could never match; unquoted, the run is asked as
// all its characters and neighbouring pairs, which finds the same passages in practice.
std::string unquote_cjk_phrases(const std::string& query) {
    std::string out;
    std::size_t i = 0;
    while (i < query.size()) {
        std::size_t open = query.find('"', i);
        if (open == std::string::npos) break;
        std::size_t close = query.find('"', open + 1);
        if (close == std::string::npos) break;
        std::string_view inside(query.data() + open + 1, close - open - 1);
        bool cjk = !inside.empty();
        for (Xapian::Utf8Iterator it(inside.data(), inside.size()); cjk && it != Xapian::Utf8Iterator(); ++it) cjk = text::is_cjk(*it);
        out.append(query, i, open - i);
        if (cjk) {
            out += ' ';
            out += inside;
            out += ' ';
        } else {
            out.append(query, open, close + 1 - open);
        }
        i = close + 1;
    }
    out.append(query, i, std::string::npos);
    return out;
}

// The field that stands in the parsed query for an entity clause with other names: its value is
// the clause's number in the builder's list. Not a schema field: users never type it.
constexpr const char* kAliasClauseField = "datelinealiasclause";

class AliasClauseProcessor : public Xapian::FieldProcessor {
public:
    explicit AliasClauseProcessor(const std::vector<Xapian::Query>& clauses) : clauses_(clauses) {}

    Xapian::Query operator()(const std::string& number) override {
        std::size_t n = 0;
        for (char c : number) {
            if (c < '0' || c > '9') return Xapian::Query();
            n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        return n < clauses_.size() ? clauses_[n] : Xapian::Query();
    }

private:
    const std::vector<Xapian::Query>& clauses_;
};

// NAME:word for a field whose words have no terms (schema kWordsFromNames): the articles
// holding a name with those words in a row (name_words.h), ranked by the words in their text.
Xapian::Query name_words_query(NameWords& names, const std::optional<Xapian::Database>& db, const schema::Field& field,
                               const std::string& value) {
    std::vector<std::string> terms;
    if (db) terms = names.terms_for(*db, field, value);
    // No name holds the words: the exact name, which no article has either. (An empty query
    // would be dropped from the query around it, and an empty query matches everything.)
    if (terms.empty()) return Xapian::Query(schema::filter_term(field, value));
    Xapian::Query named(Xapian::Query::OP_OR, terms.begin(), terms.end());
    std::vector<std::string> words = name_word_terms(value);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, named, Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
}

// The parser's way to NAME:word. Xapian gives a field processor no quoted value ("NAME:\"a
// b\"" parses to nothing), so expand_aliases() replaces every entity clause, quoted or not,
// before the parser sees it; this one answers the clauses it cannot find (inside a phrase).
class NameWordsProcessor : public Xapian::FieldProcessor {
public:
    NameWordsProcessor(const schema::Field& field, NameWords& names, const std::optional<Xapian::Database>& db)
        : field_(field), names_(names), db_(db) {}

    Xapian::Query operator()(const std::string& value) override { return name_words_query(names_, db_, field_, value); }

private:
    const schema::Field& field_;
    NameWords& names_;
    const std::optional<Xapian::Database>& db_;
};

Xapian::Query any_term(const std::vector<std::string>& terms) {
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                 Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_PURE_NOT |
                                 Xapian::QueryParser::FLAG_CJK_NGRAM;

// Sets a parser to OR without stopwords for as long as it lives.
class OrWithoutStopwords {
public:
    OrWithoutStopwords(Xapian::QueryParser& parser, const Xapian::Stopper& stopper) : parser_(parser) {
        parser_.set_default_op(Xapian::Query::OP_OR);
        parser_.set_stopper(&stopper);
    }
    ~OrWithoutStopwords() {
        parser_.set_default_op(Xapian::Query::OP_AND);
        parser_.set_stopper(nullptr);
    }
    OrWithoutStopwords(const OrWithoutStopwords&) = delete;
    OrWithoutStopwords& operator=(const OrWithoutStopwords&) = delete;

private:
    Xapian::QueryParser& parser_;
};

}  // namespace

QueryBuilder::QueryBuilder(std::shared_ptr<const EntityAliases> aliases) : aliases_(std::move(aliases)) {
    for (std::string_view word : entity_data::entries(entity_data::word_list("stopwords_en"))) stopper_.add(std::string(word));
    parser_.set_stemmer(stemmer(""));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);  // as indexed (schema.h)
    parser_.set_default_op(Xapian::Query::OP_AND);
    for (const schema::Field& f : schema::fields()) {
        if (f.has(schema::kWordsFromNames)) {
            parser_.add_prefix(std::string(f.name), (new NameWordsProcessor(f, name_words_, db_))->release());
        } else if (f.searchable_text()) {
            // body: has the empty prefix: it names the article's plain text.
            parser_.add_prefix(std::string(f.name), std::string(f.text_prefix));
        } else if (f.kind == schema::Kind::filter && !f.filter_prefix.empty()) {
            parser_.add_boolean_prefix(std::string(f.name), std::string(f.filter_prefix));
        }
    }
    // release(): the parser owns the processor and frees it with itself.
    parser_.add_rangeprocessor((new PublishedRangeProcessor())->release());
    parser_.add_prefix(kAliasClauseField, (new AliasClauseProcessor(alias_clauses_))->release());
}

std::string QueryBuilder::expand_aliases(const std::string& query, unsigned flags) {
    alias_clauses_.clear();
    const Xapian::Database* db = db_ ? &*db_ : nullptr;
    std::string out;
    std::size_t copied = 0;
    for (const EntityClause& clause : find_entity_clauses(query)) {
        std::vector<std::string> names = entity_terms(*clause.field, clause.value, *aliases_, db);
        bool by_words = clause.field->has(schema::kWordsFromNames);
        if (names.empty() && !by_words) continue;
        // The clause as typed keeps its ranking; its entity's other names match too.
        Xapian::Query typed = by_words ? name_words_query(name_words_, db_, *clause.field, clause.value)
                                       : parser_.parse_query(query.substr(clause.begin, clause.end - clause.begin), flags);
        out += query.substr(copied, clause.begin - copied);
        out += std::string(kAliasClauseField) + ":" + std::to_string(alias_clauses_.size());
        alias_clauses_.push_back(names.empty() ? typed : Xapian::Query(Xapian::Query::OP_OR, typed, any_term(names)));
        copied = clause.end;
    }
    return out + query.substr(copied);
}

const Xapian::Stem& QueryBuilder::stemmer(const std::string& language) { return stemmer_named(stemming::stemmer_name(language)); }

const Xapian::Stem& QueryBuilder::stemmer_named(const std::string& name) {
    auto it = stemmers_.find(name);
    if (it == stemmers_.end()) it = stemmers_.emplace(name, stemming::folding_stemmer(name)).first;
    return it->second;
}

void QueryBuilder::set_index_languages(const std::vector<std::string>& languages) {
    branches_.clear();
    const schema::Field& language_field = schema::field(schema::FieldId::language);
    for (const std::string& code : languages) {
        std::string name = stemming::stemmer_name(code);
        if (name == stemming::kDefaultStemmer) continue;
        auto branch = std::find_if(branches_.begin(), branches_.end(), [&](const LanguageBranch& b) { return b.stemmer == name; });
        if (branch == branches_.end()) branch = branches_.insert(branches_.end(), LanguageBranch{name, {}});
        branch->filters.push_back(schema::filter_term(language_field, code));
    }
}

Xapian::Query QueryBuilder::parse_in_index_languages(const std::string& raw, unsigned flags) {
    std::string text = unquote_cjk_phrases(text::remove_emoji_marks(raw));
    parser_.set_stemmer(stemmer(""));
    Xapian::Query query = parser_.parse_query(text, flags);
    // Nothing but symbols and emoji: they are ignored, as if no words had been typed.
    if (query.empty()) return Xapian::Query::MatchAll;
    if (branches_.empty()) return query;
    std::string described = query.get_description();
    std::vector<Xapian::Query> own;       // each language's analysis, on its own articles
    std::vector<Xapian::Query> excluded;  // those languages' articles, out of the default's reach
    for (const LanguageBranch& branch : branches_) {
        parser_.set_stemmer(stemmer_named(branch.stemmer));
        Xapian::Query analysed = parser_.parse_query(text, flags);
        if (analysed.get_description() == described) continue;
        Xapian::Query articles(Xapian::Query::OP_OR, branch.filters.begin(), branch.filters.end());
        own.emplace_back(Xapian::Query::OP_FILTER, analysed, articles);
        excluded.push_back(articles);
    }
    parser_.set_stemmer(stemmer(""));
    if (own.empty()) return query;
    own.insert(own.begin(), Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end())));
    return Xapian::Query(Xapian::Query::OP_OR, own.begin(), own.end());
}

Xapian::Query QueryBuilder::parse_typed(const std::string& typed) {
    std::string text = prepare_query(typed);
    if (text.empty()) throw QueryError("the query holds nothing to search for", 0);
    try {
        return parse_in_index_languages(expand_aliases(text, kParseFlags), kParseFlags);
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError("cannot parse the query: " + e.get_msg(), 0);
    }
}

Xapian::Query QueryBuilder::build(const SearchRequest& request) {
    check_query_syntax(request.query);
    bool has_text = request.query.find_first_not_of(" \t\r\n") != std::string::npos;
    return filtered(has_text ? parse_typed(request.query) : Xapian::Query::MatchAll, request);
}

std::optional<PartialQuery> QueryBuilder::partial(const SearchRequest& request) {
    if (!is_plain_query(request.query)) return std::nullopt;
    OrWithoutStopwords mode(parser_, stopper_);
    PartialQuery partial;
    parser_.set_stemmer(stemmer(""));
    Xapian::Query words;
    try {
        words = parser_.parse_query(prepare_query(request.query), kParseFlags);
    } catch (const Xapian::QueryParserError&) {
        // Read with OR, a query the exact search took can still fail to parse: no fallback then.
        return std::nullopt;
    }
    if (words.get_type() == Xapian::Query::OP_OR) partial.words = words.get_num_subqueries();
    else if (!words.empty()) partial.words = 1;
    if (partial.words < 2) return std::nullopt;
    partial.query = parse_typed(request.query);
    return partial;
}

Xapian::Query QueryBuilder::filtered(Xapian::Query query, const SearchRequest& request) const {
    // A filter's query: its entity under all its names, or its exact term.
    auto filter_query = [this](const std::string& name, const std::string& value) {
        const schema::Field* field = schema::find(name);
        if (!field || field->filter_prefix.empty())
            throw QueryError("there is no exact filter on '" + name + "'", 0);
        std::vector<std::string> terms = entity_terms(*field, value, *aliases_, db_ ? &*db_ : nullptr);
        return terms.empty() ? Xapian::Query(schema::filter_term(*field, value)) : any_term(terms);
    };
    std::vector<Xapian::Query> filters;
    for (const auto& [name, value] : request.filters) filters.push_back(filter_query(name, value));
    std::map<std::string, std::vector<Xapian::Query>> alternatives;  // by field
    for (const auto& [name, value] : request.any_filters) alternatives[name].push_back(filter_query(name, value));
    for (const auto& [name, queries] : alternatives) filters.emplace_back(Xapian::Query::OP_OR, queries.begin(), queries.end());
    if (request.since || request.until) {
        std::string from = request.since ? dates::to_compact(*request.since) : std::string("0");
        std::string to = request.until ? dates::to_compact(*request.until) : std::string("99999999999999");
        filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotPublished, from, to);
    }
    if (!request.added_after.empty() || !request.added_through.empty()) {
        // A string of digits then a NUL byte is the least string after it: "after" is exclusive.
        std::string after = request.added_after.empty() ? std::string() : request.added_after + std::string(1, '\0');
        if (request.added_through.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_GE, schema::kSlotAdded, after);
        else filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotAdded, after, request.added_through);
    }
    if (!filters.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    std::vector<Xapian::Query> excluded;
    for (const auto& [name, value] : request.exclude) excluded.push_back(filter_query(name, value));
    if (!excluded.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Xapian::Query::OP_OR, excluded.begin(), excluded.end()));
    }
    return query;
}

}  // namespace dateline
