// Copies of one story: MinHash likeness (common/minhash.h), the writer's story keys
// (indexer/copy_finder.h) and the search's collapsing, listing and counting (searcher/copies.h).
#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>

#include "dates.h"
#include "document_builder.h"
#include "index_writer.h"
#include "minhash.h"
#include "schema.h"
#include "searcher.h"
#include "temp_dir.h"

namespace fs = std::filesystem;
using namespace dateline;

namespace {

// An agency story, and what outlets make of it.
const std::string kLead =
    "The Bundesbank left its key lending rates unchanged on Thursday after a meeting of its central council in Frankfurt, "
    "a spokesman said, disappointing dealers who had hoped for a cut in the discount rate to support the dollar.";
const std::string kMiddle =
    "The discount rate stays at three pct and the Lombard rate at five pct. Dealers said the decision had been widely "
    "expected after comments by council members earlier in the week, and the mark barely moved on the news.";
const std::string kEnd =
    "Economists said the central bank was worried about money supply growth, which has run above its target range for "
    "more than a year, and would not ease policy again before the summer unless the dollar fell sharply.";
const std::string kOtherParagraph =
    "Separately, the finance ministry said tax revenues rose eight pct in the first quarter, helped by higher wage "
    "settlements and strong corporate profits in the export industries.";
// The same event, written apart by another reporter.
const std::string kSameEvent =
    "West Germany's central bank kept its money market policy on hold this week. Council members meeting in Frankfurt "
    "chose not to lower the discount or Lombard rates, according to a statement, even as the dollar slid against the mark. "
    "Analysts in London had split on whether a move would come, and bond prices edged lower after the statement. "
    "Bankers expect no change until the summer.";

Article story(const std::string& id, const std::string& title, const std::string& body, const std::string& date,
              const std::string& source) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.published = dates::parse(date);
    a.source = source;
    a.url = "https://" + id + ".example/story";
    return a;
}

std::string trimmed(const std::string& text, double keep) {
    std::size_t cut = text.rfind(' ', static_cast<std::size_t>(static_cast<double>(text.size()) * keep));
    return text.substr(0, cut);
}

struct Fixture {
    testing::TempDir tmp;
    std::string db = (fs::path(tmp.path) / "db").string();
    Fixture() {
        IndexWriter writer(db);
        DocumentBuilder builder;
        auto write = [&](const std::string& path, const std::vector<Article>& articles) {
            std::vector<BuiltArticle> built;
            for (const Article& a : articles) built.push_back({DocumentBuilder::id_term(a), builder.build(a), 0});
            FileRecord record;
            record.path = path;
            writer.apply_file(record, built);
        };
        const std::string whole = kLead + "\n\n" + kMiddle + "\n\n" + kEnd;
        write("/wire/agency", {story("agency", "BUNDESBANK LEAVES RATES UNCHANGED", whole, "1987-03-05T12:00:00Z", "Reuters")});
        // Three outlets run it: under their own headline, cut short, with a paragraph added.
        write("/papers/a", {story("paper-a", "Bundesbank holds fire on rates", whole, "1987-03-05T15:00:00Z", "Daily Post")});
        write("/papers/b", {story("paper-b", "BUNDESBANK LEAVES RATES UNCHANGED", trimmed(whole, 0.75), "1987-03-05T18:00:00Z", "Evening Star"),
                            story("paper-b-event", "Frankfurt keeps rates on hold", kSameEvent, "1987-03-05T18:30:00Z", "Evening Star")});
        write("/papers/c", {story("paper-c", "No rate cut from Frankfurt", whole + "\n\n" + kOtherParagraph, "1987-03-06T07:00:00Z",
                                  "Morning Herald")});
        // The same story a week later is a new one (wire formulas repeat with new figures).
        write("/wire/later", {story("agency-week-later", "BUNDESBANK LEAVES RATES UNCHANGED", whole, "1987-03-12T12:00:00Z", "Reuters")});
        writer.commit();
    }
    std::string key(const std::string& id) const {
        Xapian::Database d(db);
        std::string term = schema::filter_term(schema::field(schema::FieldId::id), id);
        return d.get_document(*d.postlist_begin(term)).get_value(schema::kSlotStory);
    }
};

}  // namespace

TEST_CASE("copy likeness: edited copies are alike, other stories and short texts are not") {
    const std::string whole = kLead + " " + kMiddle + " " + kEnd;
    auto a = minhash::shingles(whole);
    REQUIRE_FALSE(a.empty());
    CHECK(minhash::copy_likeness(a, minhash::shingles(whole)) == doctest::Approx(1.0));
    CHECK(minhash::copy_likeness(a, minhash::shingles(trimmed(whole, 0.7))) >= minhash::kCopyJaccard);
    CHECK(minhash::copy_likeness(a, minhash::shingles(whole + " " + kOtherParagraph)) >= minhash::kCopyJaccard);
    // A first take: the lead and one paragraph lie wholly in the full story.
    CHECK(minhash::copy_likeness(a, minhash::shingles(kLead + " " + kMiddle)) >= minhash::kCopyJaccard);
    CHECK(minhash::copy_likeness(a, minhash::shingles(kSameEvent)) < 0.1);
    // Punctuation and case do not make a copy different.
    std::string shouted = whole;
    for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(minhash::jaccard(a, minhash::shingles(shouted)) == doctest::Approx(1.0));
    // Too short to tell a copy from a sibling brief.
    CHECK(minhash::shingles("Shr 12 cts vs 10 cts Net 1.2 mln vs 1.0 mln Revs 10.4 mln vs 9.8 mln").empty());
    CHECK(minhash::text_band_keys(whole).size() == minhash::kBands);
}

TEST_CASE("the writer gives copies of one story one key, and other stories their own") {
    Fixture f;
    std::string agency = f.key("agency");
    CHECK(agency.size() == 16);
    CHECK(f.key("paper-a") == agency);
    CHECK(f.key("paper-b") == agency);
    CHECK(f.key("paper-c") == agency);
    CHECK(f.key("paper-b-event") != agency);
    CHECK(f.key("agency-week-later") != agency);
    CHECK(f.key("agency-week-later") != f.key("paper-b-event"));
}

TEST_CASE("a search shows a story once, its copies listed under it, facets counting every article") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest request;
    request.query = "bundesbank rates";
    request.facets = {"sources"};
    request.since = dates::parse("1987-03-01");
    request.until = dates::parse("1987-03-07");
    SearchResponse r = s.search(request);
    // The agency story and its three copies are one result; the other report of the event another.
    REQUIRE(r.results.size() == 2);
    CHECK(r.total == 2);
    CHECK(r.total_articles == 5);
    CHECK(r.total_exact);
    const SearchResult* copied = nullptr;
    for (const SearchResult& result : r.results) {
        if (result.copy_count > 0) copied = &result;
        if (result.article.id == "paper-b-event") CHECK(result.copy_count == 0);
    }
    REQUIRE(copied != nullptr);
    // Within the dates asked, and beyond: the week-later story is another, never listed.
    CHECK(copied->copy_count == 3);
    REQUIRE(copied->copies.size() == 3);
    for (std::size_t i = 1; i < copied->copies.size(); ++i) CHECK(*copied->copies[i - 1].published <= *copied->copies[i].published);
    for (const StoryCopy& c : copied->copies) {
        CHECK(c.id != copied->article.id);
        CHECK(c.id != "agency-week-later");
        CHECK_FALSE(c.source.empty());
        CHECK_FALSE(c.url.empty());
    }
    // Facets count articles, copies included: every outlet that ran it.
    std::size_t counted = 0;
    for (const Facet& facet : r.facets) {
        for (const FacetValue& v : facet.values) counted += v.count;
    }
    CHECK(counted == 5);

    request.collapse = false;
    SearchResponse all = s.search(request);
    CHECK(all.results.size() == 5);
    CHECK(all.total == 5);
    for (const SearchResult& result : all.results) CHECK(result.copy_count == 0);
}

TEST_CASE("more like this never offers the article's own copies") {
    Fixture f;
    Searcher s(f.db);
    SearchRequest like;
    like.like = "agency";
    like.collapse = false;
    SearchResponse r = s.search(like);
    bool later = false;
    for (const SearchResult& result : r.results) {
        bool own_copy = result.article.id.rfind("paper-", 0) == 0 && result.article.id != "paper-b-event";
        CHECK_FALSE(own_copy);
        later = later || result.article.id == "agency-week-later";
    }
    // The same words a week later are another story, and like it.
    CHECK(later);
}
