#include "searcher.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sys/stat.h>
#include <thread>

#include "added_stamp.h"
#include "article_json.h"
#include "copies.h"
#include "docid_range.h"
#include "entity_alias_query.h"
#include "facets.h"
#include "highlighter.h"
#include "spelling.h"
#include "index_error.h"
#include "match_deadline.h"
#include "ranking.h"
#include "part_search.h"
#include "related.h"
#include "remote_counts.h"
#include "similar.h"
#include "story_page.h"
#include "schema.h"
#include "shard_counts.h"
#include "text.h"
#include "timeline.h"

namespace dateline {

Searcher::Searcher(const std::string& index_path, std::shared_ptr<const EntityAliases> aliases)
    : path_(index_path), aliases_(aliases), builder_(std::move(aliases)),
      parallel_threads_(std::max(1u, std::thread::hardware_concurrency())) {
    open();
}

void Searcher::open() {
    shards_ = std::make_unique<ShardSet>(path_);
    adopt();
}

void Searcher::adopt() {
    db_ = shards_->db();
    builder_.use_database(db_);
}

void Searcher::refresh() {
    if (shards_->refresh()) adopt();
}

template <typename Step>
auto Searcher::retrying(Step&& step) -> decltype(step()) {
    try {
        return step();
    } catch (const Xapian::NetworkError&) {
        // A remote shard stopped answering (or did not answer within the timeout): connect
        // again to each, and answer from those that do.
        shards_->reconnect();
        adopt();
    }
    try {
        return step();
    } catch (const Xapian::NetworkError& e) {
        shards_->reconnect();
        adopt();
        throw IndexUnusable("the shards of " + path_ + " failed twice during one search: " + e.get_description());
    }
}

SearchResponse Searcher::search(const SearchRequest& request) {
    auto start = std::chrono::steady_clock::now();
    retrying([&] { refresh(); });
    std::string key;
    // A set whose state cannot be named (a remote shard, one missing) is not cached.
    std::string state = cache_ ? shards_->state() : "";
    if (!state.empty()) {
        // The revision of every shard and each folder's identity name this index state.
        key = ResponseCache::key(request, state);
        if (auto hit = cache_->find(key)) {
            hit->took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            return *hit;
        }
    }
    SearchResponse response = retrying([&] {
        try {
            return run(request);
        } catch (const Xapian::DatabaseModifiedError&) {
            // A commit replaced what this search was reading: read the new revision and try once more.
            db_.reopen();
            return run(request);
        }
    });
    response.missing_shards = shards_->missing();
    if (!state.empty() && response.missing_shards.empty() && response.total_exact && !response.approximate) cache_->store(key, response);
    return response;
}

namespace {

void set_order(Xapian::Enquire& enquire, SortOrder sort) {
    switch (sort) {
        case SortOrder::relevance:
            // Newest first among equally relevant articles.
            enquire.set_sort_by_relevance_then_value(schema::kSlotPublished, true);
            break;
        case SortOrder::newest:
            enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, true);
            break;
        case SortOrder::oldest:
            enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, false);
            break;
        case SortOrder::added:
            enquire.set_sort_by_value_then_relevance(schema::kSlotAdded, true);
            break;
    }
}

// The facet spy a request needs: its facets (with the entity facets its related names are
// scored from) and, for its histogram or timeline, the matches per day. With `columns` (a
// long-lived process), it counts from the facet columns of `db` (facet_columns.h).
std::unique_ptr<FacetSpy> facet_spy(const SearchRequest& request, FacetColumnCache* columns, const Xapian::Database& db) {
    auto spy = std::make_unique<FacetSpy>(facets_to_count(request), request.histogram || request.timeline != TimelineUnit::none);
    if (columns && !spy->empty()) spy->count_from(*columns, db);
    return spy;
}

// With copies collapsed (story_page.h), the match counts articles; the story counter counts
// stories. When the counter saw every match (no time limit cut the check short) both are its
// exact counts; when it saw some, the stories are estimated at the share of stories among the
// articles it saw. `estimated` is Xapian's estimate of the matches; `stories` and `articles` are
// the story counter's (or RemoteCounts').
void collapsed_totals(SearchResponse& response, Xapian::doccount estimated, std::size_t stories, std::size_t articles, bool saw_all) {
    response.total_articles = estimated;
    if (!saw_all) {
        if (articles > 0 && stories <= articles)
            response.total = static_cast<std::size_t>(static_cast<double>(response.total_articles) * static_cast<double>(stories) /
                                                      static_cast<double>(articles) + 0.5);
        else
            response.total = response.total_articles;
        response.total_exact = false;
        return;
    }
    response.total = stories;
    response.total_articles = articles;
    response.total_exact = true;
}

}  // namespace

SearchResponse Searcher::run(const SearchRequest& request) {
    auto start = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(); };
    SearchResponse response;
    response.query = request.query;
    std::vector<std::string> languages = index_languages();
    builder_.set_index_languages(languages);
    auto request_query = [&] {
        Xapian::Query typed = builder_.build(request);
        if (request.like.empty()) return typed;
        // The typed query and the filters only narrow the articles like the given one.
        std::optional<Xapian::Query> like = similar_query(db_, request.like);
        return Xapian::Query(Xapian::Query::OP_FILTER, like ? *like : Xapian::Query::MatchNothing, typed);
    };
    Xapian::Query query = request_query();

    // The time limit: at half of it Xapian stops counting every match (totals and facet counts
    // become estimates) and looks only for the best page; at 60% the match itself stops
    // (match_deadline.h), which leaves the rest for a step that overruns and for snippets.
    bool limited = request.time_limit_ms > 0;
    // A remote shard runs no posting source of Dateline's own: there Xapian's time limit alone
    // bounds the match, and only Xapian's own spies count (remote_counts.h).
    bool remote = shards_->has_remote();
    auto deadline = start + std::chrono::microseconds(static_cast<long long>(request.time_limit_ms * 600));
    MatchDeadline all_deadline(deadline), feedback_deadline(deadline), some_deadline(deadline);
    auto within_limit = [&](const Xapian::Query& q, MatchDeadline& source) {
        return limited && !remote ? Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(&source)) : q;
    };
    // `count` queries for threads of their own (shard_counts.h, part_search.h), the k-th kept
    // to the docids ranges[k] when ranges are given. Xapian's reference counts are not atomic,
    // so no part of one query is shared with another's (the deadline's clones share only its
    // time and its flag).
    std::vector<std::unique_ptr<Xapian::PostingSource>> thread_deadlines;
    auto thread_queries = [&](std::size_t count, const std::vector<std::pair<Xapian::docid, Xapian::docid>>& ranges) {
        std::vector<Xapian::Query> out;
        for (std::size_t k = 0; k < count; ++k) {
            Xapian::Query q = request_query();
            if (k < ranges.size()) {
                q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query((new DocidRange(ranges[k].first, ranges[k].second))->release()));
            }
            if (limited && !remote) {
                thread_deadlines.emplace_back(all_deadline.clone());
                q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(thread_deadlines.back().get()));
            }
            out.push_back(std::move(q));
        }
        return out;
    };
    Xapian::Enquire enquire(db_);
    Xapian::Query full = within_limit(query, all_deadline);
    enquire.set_query(full);
    enquire.set_weighting_scheme(ranking_weight());
    set_order(enquire, request.sort);
    if (limited) enquire.set_time_limit(request.time_limit_ms / 2000.0);
    // The facet columns read value streams, which a remote shard does not serve.
    auto spy = facet_spy(request, remote ? nullptr : facet_columns_, db_);
    StoryCounter stories;
    if (request.collapse && !remote && facet_columns_) stories.count_from(*facet_columns_, db_);
    RemoteCounts remote_counts(request);
    // Checking every match makes the total and the facet counts exact.
    Xapian::doccount check = std::max<Xapian::doccount>(db_.get_doccount(), 1);
    bool need_all = !spy->empty() || request.collapse;
    // Local shards with columns are counted one by one (shard_counts.h).
    bool each_shard = need_all && !remote && facet_columns_ && db_.size() > 1;
    // A big index with columns, on several cores, is searched in parts, a thread each (part_search.h).
    std::vector<Xapian::Database> parts;
    if (!remote && facet_columns_ && db_.size() == 1 && db_.get_doccount() >= parallel_min_) {
        parts = parts_.handles(db_, shards_->single_local_path(), parallel_threads_);
    }
    bool in_parts = parts.size() > 1;
    if (!remote && !each_shard && !in_parts) {
        if (!spy->empty()) enquire.add_matchspy(spy.get());
        if (request.collapse) enquire.add_matchspy(&stories);
    }
    // Counted in matches of their own (remote_counts.h, shard_counts.h), the page's match need
    // not check every article; but a total of articles through remote shards is still its own.
    // With nothing to count but the total, the page's match counts it: one pass, not two.
    bool page_checks_all = !need_all || (!each_shard && !(remote && request.collapse));
    std::size_t page_end = request.offset + request.limit;
    // Copies of one story are one result: collapsed on the page, after the match (story_page.h).
    Xapian::MSet mset;
    std::vector<Xapian::MSetIterator> first_page;
    PartsAnswer by_part;
    if (in_parts) {
        auto ranges = split_docids(db_.get_lastdocid(), parts.size());
        parts.resize(ranges.size());
        std::vector<Xapian::Query> part_queries = thread_queries(ranges.size(), ranges);
        auto setup = [&](Xapian::Enquire& e) {
            e.set_weighting_scheme(ranking_weight());
            set_order(e, request.sort);
            if (limited) e.set_time_limit(request.time_limit_ms / 2000.0);
        };
        by_part = search_in_parts(db_, parts, part_queries, setup, request, *facet_columns_, *spy, stories);
    } else if (request.collapse) {
        StoryPage collapsed = collapsed_page(enquire, request.offset, request.limit, page_checks_all ? check : 0, remote);
        mset = std::move(collapsed.mset);
        first_page = std::move(collapsed.page);
    } else {
        mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset), static_cast<Xapian::doccount>(request.limit),
                                page_checks_all ? check : 0);
        for (auto it = mset.begin(); it != mset.end(); ++it) first_page.push_back(it);
    }
    if (remote && need_all) remote_counts.count(full, *shards_, *spy, limited ? request.time_limit_ms / 2000.0 : 0);
    if (each_shard) {
        std::vector<Xapian::Database> shard_dbs = shards_->shard_dbs();
        count_each_shard(thread_queries(shard_dbs.size(), {}), db_, shard_dbs, *facet_columns_, request, *spy, stories,
                         limited ? std::max(request.time_limit_ms / 2 - elapsed_ms(), 0.001) / 1000.0 : 0);
    }
    Xapian::doccount estimated = in_parts ? by_part.estimated : mset.get_matches_estimated();
    response.total = estimated;
    response.total_exact = in_parts ? by_part.exact : mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    if (each_shard && !request.collapse && (!limited || elapsed_ms() < request.time_limit_ms / 2) && !all_deadline.expired()) {
        response.total = stories.articles();
        response.total_exact = true;
    }
    if (!need_all && !response.total_exact) {
        // Only the total was wanted exactly: count it.
        Xapian::MSet counted = enquire.get_mset(0, 0, check);
        response.total = counted.get_matches_estimated();
        response.total_exact = counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
    }
    response.total_articles = response.total;
    // Collapsed, Xapian's total estimates the stories; the counter knows them when it saw every match.
    // Xapian's time limit (half the request's) ends the check of every match: before it, the
    // counter saw them all.
    bool all_seen = !limited || elapsed_ms() < request.time_limit_ms / 2;
    if (request.collapse) {
        collapsed_totals(response, estimated, remote ? remote_counts.stories() : stories.stories(),
                         remote ? remote_counts.articles() : stories.articles(), all_seen && !all_deadline.expired());
    }
    // A match the deadline ended looks complete to Xapian.
    if (all_deadline.expired()) response.total_exact = false;

    // The page, as (answer set, rank in it) pairs: the articles that hold every word first.
    std::vector<std::pair<const Xapian::MSet*, Xapian::MSetIterator>> page;
    for (const Xapian::MSetIterator& it : first_page) page.emplace_back(&mset, it);
    for (const auto& [k, it] : by_part.page) page.emplace_back(&by_part.msets[k], it);

    // Too few articles hold every word of a plain query: the best partial matches fill the page.
    // Not in date order, where an article holding one word of many would stand among the rest.
    std::optional<PartialQuery> partial;
    Xapian::MSet all_words, some_words;
    if (request.sort == SortOrder::relevance && request.like.empty() && response.total_exact && response.total < page_end &&
        (partial = builder_.partial(request))) {
        response.matched = Matched::some;
        response.query_words = partial->words;
        response.total_all_words = response.total;
        // Every article that holds every word (all of them, copies too, when collapsed).
        // (Searched in parts, the page's rankings are the parts'.)
        if ((request.offset > 0 || in_parts) && response.total_articles > 0) all_words = enquire.get_mset(0, static_cast<Xapian::doccount>(response.total_articles));
        else all_words = mset;
        Xapian::Enquire some(db_);
        some.set_weighting_scheme(ranking_weight());
        set_order(some, request.sort);
        if (limited) some.set_time_limit(std::max(request.time_limit_ms / 2 - elapsed_ms(), 0.001) / 1000.0);
        auto partial_spy = facet_spy(request, remote ? nullptr : facet_columns_, db_);
        StoryCounter some_stories;
        if (request.collapse && !remote && facet_columns_) some_stories.count_from(*facet_columns_, db_);
        RemoteCounts some_counts(request);
        if (!remote) {
            if (!partial_spy->empty()) some.add_matchspy(partial_spy.get());
            if (request.collapse) some.add_matchspy(&some_stories);
        }
        Xapian::Query words = builder_.filtered(partial->query, request);
        Xapian::Query stop = limited && !remote ? Xapian::Query(&feedback_deadline) : Xapian::Query();
        Xapian::Query some_query = within_limit(builder_.filtered(with_feedback(db_, words, stop), request), some_deadline);
        some.set_query(some_query);
        // Enough partial matches to fill the page past the articles that hold every word, with
        // room for copies, which the page skips.
        some_words = some.get_mset(0, static_cast<Xapian::doccount>(2 * page_end + response.total_articles + 20), check);
        if (remote) {
            some_counts.count(some_query, *shards_, *partial_spy,
                              limited ? std::max(request.time_limit_ms / 2 - elapsed_ms(), 0.001) / 1000.0 : 0);
        }
        response.total = some_words.get_matches_estimated();
        response.total_exact = some_words.get_matches_lower_bound() == some_words.get_matches_upper_bound() && !some_deadline.expired();
        response.total_articles = response.total;
        if (request.collapse) {
            collapsed_totals(response, some_words.get_matches_estimated(), remote ? some_counts.stories() : some_stories.stories(),
                             remote ? some_counts.articles() : some_stories.articles(), (!limited || elapsed_ms() < request.time_limit_ms / 2) && !some_deadline.expired());
        }
        std::vector<std::pair<const Xapian::MSet*, Xapian::MSetIterator>> merged;
        std::set<Xapian::docid> seen;
        StoryCollapser stories_listed;  // collapsed: a copy of a story already listed is not listed again
        for (auto it = all_words.begin(); it != all_words.end() && merged.size() < page_end; ++it) {
            seen.insert(*it);
            if (!request.collapse || stories_listed.keep(it)) merged.emplace_back(&all_words, it);
        }
        for (auto it = some_words.begin(); it != some_words.end() && merged.size() < page_end; ++it) {
            if (seen.count(*it)) continue;
            if (!request.collapse || stories_listed.keep(it)) merged.emplace_back(&some_words, it);
        }
        page.assign(merged.begin() + static_cast<std::ptrdiff_t>(std::min(request.offset, merged.size())), merged.end());
        if (page.size() > request.limit) page.resize(request.limit);
        spy = std::move(partial_spy);
    }

    std::string stem_prefix(schema::kStemPrefix);
    Highlighter body_highlighter(query, {stem_prefix});
    Highlighter title_highlighter(query, {stem_prefix, stem_prefix + std::string(schema::field(schema::FieldId::title).text_prefix)});
    for (auto& [set, it] : page) {
        Xapian::Document doc = it.get_document();
        SearchResult r;
        try {
            r.article = article_from_json(nlohmann::json::parse(doc.get_data()));
        } catch (const nlohmann::json::exception&) {
            continue;  // written by something else than Dateline; the schema check makes this rare
        }
        r.score = it.get_weight();
        r.added = doc.get_value(schema::kSlotAdded);
        const std::string& text = r.article.body.empty() ? r.article.title : r.article.body;
        const Xapian::Stem& stemmer = builder_.stemmer(r.article.language);
        const Xapian::MSet& found = *set;
        // A partial match's answer set lacks the stopwords of the typed query: they weigh nothing.
        auto term_weight = [&found](const std::string& term) {
            try {
                return found.get_termweight(term);
            } catch (const Xapian::InvalidArgumentError&) {
                return 0.0;
            }
        };
        if (Highlighter::uses_xapian_snippet(text)) {
            // Not SNIPPET_EXHAUSTIVE: Xapian stops at a good enough passage, a third less work.
            r.snippet = found.snippet(text, request.snippet_chars, stemmer,
                                      Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_CJK_NGRAM, "<b>", "</b>",
                                      "\xE2\x80\xA6");
        } else {
            r.snippet = body_highlighter.snippet(text, request.snippet_chars, stemmer, term_weight);
        }
        r.title_html = Highlighter::uses_xapian_snippet(r.article.title)
                           ? found.snippet(r.article.title, r.article.title.size() * 2, stemmer, Xapian::MSet::SNIPPET_CJK_NGRAM, "<b>", "</b>", "")
                           : title_highlighter.highlight(r.article.title, stemmer);
        r.article.body.clear();
        if (request.collapse) {
            StoryCopies copies = story_copies(db_, doc, *it);
            r.copies = std::move(copies.listed);
            r.copy_count = copies.count;
        }
        response.results.push_back(std::move(r));
    }
    response.suggestion = suggest_spelling(db_, request.query, languages,
                                           [this](const std::string& language) -> const Xapian::Stem& { return builder_.stemmer(language); },
                                           &builder_.name_words());
    response.facets = spy->facets(request.facet_limit);
    // The entity facets counted only for the related names are not shown as facets.
    std::erase_if(response.facets, [&](const Facet& f) {
        return std::find(request.facets.begin(), request.facets.end(), f.name) == request.facets.end();
    });
    // The spy counts articles, copies included, so the table is of articles too (not of stories).
    response.related = related_entities(db_, *spy, response.total_articles, request, *aliases_);
    if (request.histogram) response.histogram = spy->histogram();
    if (request.timeline != TimelineUnit::none) {
        auto day = [](const std::optional<UtcTime>& t) -> std::optional<std::chrono::sys_days> {
            if (!t) return std::nullopt;
            return std::chrono::floor<std::chrono::days>(*t);
        };
        response.timeline = build_timeline(days_from_keys(spy->per_day()), *articles_per_day_cached(db_, shards_->state()), request.timeline, day(request.since),
                                           day(request.until));
    }
    response.took_ms = elapsed_ms();
    // The time limit cut the match: Xapian gave up counting, or the deadline stopped the match.
    response.approximate = limited && (!response.total_exact || all_deadline.expired() || feedback_deadline.expired() || some_deadline.expired());
    if (response.approximate) response.total_exact = false;
    return response;
}

std::vector<std::string> Searcher::index_languages() {
    std::string prefix(schema::field(schema::FieldId::language).filter_prefix);
    std::vector<std::string> out;
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) out.push_back((*t).substr(prefix.size()));
    return out;
}

std::optional<Article> Searcher::article_once(const std::string& id) {
    refresh();
    std::string term = schema::filter_term(schema::field(schema::FieldId::id), id);
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    try {
        return article_from_json(nlohmann::json::parse(db_.get_document(*it).get_data()));
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::optional<Article> Searcher::article(const std::string& id) {
    // A remote shard that stops answering is left out and the step run again.
    return retrying([&] { return article_once(id); });
}

std::vector<Suggestion> Searcher::suggest_once(const std::string& raw_prefix, std::size_t limit, const std::string& field) {
    // Names come from the schema's kSuggest fields, or from the one field asked for: any filter
    // field of names (person, org, place, source); "title" asks for headline words only.
    std::vector<const schema::Field*> names = schema::with(schema::kSuggest);
    bool titles = field.empty() || field == schema::field(schema::FieldId::title).name;
    if (!field.empty() && !titles) {
        const schema::Field* f = schema::find(field);
        if (!f || f->name != field || !f->completable()) {
            std::string known;
            for (const schema::Field& c : schema::fields()) {
                if (c.completable()) known += std::string(c.name) + ", ";
            }
            throw std::invalid_argument("no completions for the field '" + field + "' (" + known + "or title)");
        }
        names = {f};
    } else if (titles && !field.empty()) {
        names.clear();
    }
    refresh();
    std::vector<Suggestion> out;
    std::string prefix = text::fold_case(text::collapse_spaces(raw_prefix));
    if (prefix.empty() || limit == 0) return out;
    // Names: their exact-filter terms hold the whole name, lower-cased; the display form is
    // found in the facet slot of one article holding it.
    for (const schema::Field* name_field : names) {
        const schema::Field& f = *name_field;
        std::string term_prefix(f.filter_prefix);
        std::vector<Suggestion> found;
        for (auto t = db_.allterms_begin(term_prefix); t != db_.allterms_end(term_prefix); ++t) {
            std::string value = (*t).substr(term_prefix.size());
            bool matches = value.rfind(prefix, 0) == 0 || value.find(" " + prefix) != std::string::npos;
            if (!matches) continue;
            Suggestion s;
            s.field = std::string(f.facet);
            s.count = t.get_termfreq();
            auto post = db_.postlist_begin(*t);
            for (const std::string& display : schema::decode_list(db_.get_document(*post).get_value(static_cast<Xapian::valueno>(f.slot)))) {
                if (text::fold_case(display) == value) s.value = display;
            }
            if (s.value.empty()) s.value = value;
            found.push_back(std::move(s));
        }
        for (const auto& completion : alias_completions(f, prefix, *aliases_, db_)) {
            const std::string& name = completion.first;
            bool seen = std::any_of(found.begin(), found.end(), [&](const Suggestion& s) { return text::same_folded(s.value, name); });
            if (!seen) found.push_back({name, std::string(f.facet), completion.second});
        }
        out.insert(out.end(), found.begin(), found.end());
    }
    std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (out.size() > limit) out.resize(limit);
    // Headline words fill the rest. The index holds stems ("militari"), so each stem is shown
    // as a headline that holds it writes the word ("military").
    if (titles && out.size() < limit && prefix.find(' ') == std::string::npos) {
        std::string title_prefix = std::string(schema::kStemPrefix) + std::string(schema::field(schema::FieldId::title).text_prefix);
        std::vector<std::pair<Xapian::doccount, std::string>> stems;
        // Stems are accent-folded (common/stemming.h): "zü" looks for "zu".
        std::string stem_prefix = title_prefix + text::fold_accents(prefix);
        for (auto t = db_.allterms_begin(stem_prefix); t != db_.allterms_end(stem_prefix); ++t) {
            stems.emplace_back(t.get_termfreq(), *t);
        }
        std::sort(stems.begin(), stems.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
        for (const auto& [count, term] : stems) {
            if (out.size() >= limit) break;
            std::string stem = term.substr(title_prefix.size());
            std::string word = stem;
            try {
                Article a = article_from_json(nlohmann::json::parse(db_.get_document(*db_.postlist_begin(term)).get_data()));
                for (const std::string& w : text::split_trimmed(text::fold_case(a.title), ' ')) {
                    std::string bare;
                    for (char c : w) {
                        if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) bare += c;
                    }
                    if (bare.rfind(prefix, 0) == 0 && builder_.stemmer()(bare) == stem) {
                        word = bare;
                        break;
                    }
                }
            } catch (const nlohmann::json::exception&) {
                // Shown as the stem.
            }
            bool seen = false;
            for (const Suggestion& s : out) seen = seen || text::same_folded(s.value, word);
            if (!seen) out.push_back({word, std::string(schema::field(schema::FieldId::title).name), count});
        }
    }
    return out;
}

std::vector<Suggestion> Searcher::suggest(const std::string& raw_prefix, std::size_t limit, const std::string& field) {
    // A remote shard that stops answering is left out and the step run again.
    return retrying([&] { return suggest_once(raw_prefix, limit, field); });
}

std::string Searcher::added_through_once() {
    refresh();
    std::string latest = db_.get_value_upper_bound(schema::kSlotAdded);
    // A run still writing its stories: only what came before it is complete. Each shard
    // marks its own open run (Xapian reads a set's metadata from its first shard only).
    for (const Xapian::Database& shard : shards_->shard_dbs()) {
        std::string open = shard.get_metadata(std::string(schema::kAddedOpenKey));
        if (!latest.empty() && !open.empty() && open <= latest) latest = added::previous(open);
    }
    return latest;
}

std::string Searcher::added_through() {
    // A remote shard that stops answering is left out and the step run again.
    return retrying([&] { return added_through_once(); });
}

IndexStats Searcher::stats_once() {
    refresh();
    IndexStats stats{path_, db_.get_doccount(), "", "", ""};
    // The latest commit of any shard (ISO 8601 times sort as strings).
    for (const Xapian::Database& shard : shards_->shard_dbs()) {
        stats.last_commit = std::max(stats.last_commit, shard.get_metadata(std::string(schema::kLastCommitKey)));
    }
    // Slot values are "YYYYMMDDhhmmss": the bounds are the oldest and newest dates.
    auto day = [](const std::string& compact) {
        return compact.size() >= 8 ? compact.substr(0, 4) + "-" + compact.substr(4, 2) + "-" + compact.substr(6, 2) : std::string();
    };
    stats.first_date = day(db_.get_value_lower_bound(schema::kSlotPublished));
    stats.last_date = day(db_.get_value_upper_bound(schema::kSlotPublished));
    return stats;
}

IndexStats Searcher::stats() {
    // A remote shard that stops answering is left out and the step run again.
    return retrying([&] { return stats_once(); });
}

}  // namespace dateline
