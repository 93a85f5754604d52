// Every language of the archive: accent folding, per-language stemming, language
// identification (and its accuracy on ../shared), CJK search, emoji in queries, "did you mean"
// and snippets that show why a story matched.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "dates.h"
#include "document_builder.h"
#include "highlighter.h"
#include "index_writer.h"
#include "language_id.h"
#include "searcher.h"
#include "spelling.h"
#include "stemming.h"
#include "test_paths.h"
#include "test_paths_bin.h"
#include "text.h"

namespace fs = std::filesystem;
using namespace dateline;
using dateline::testing::quote;
using dateline::testing::run;

namespace {

Article story(const std::string& id, const std::string& title, const std::string& body, const std::string& language) {
    Article a;
    a.id = id;
    a.title = title;
    a.body = body;
    a.language = language;
    a.published = dates::parse("2025-02-14");
    return a;
}

struct Fixture {
    testing::TempDir dir;
    Fixture() {
        IndexWriter writer(db());
        DocumentBuilder builder;
        std::vector<Article> articles{
            story("zurich", "Banks in Zürich cut jobs", "Zürich-based lenders said on Monday they would cut 300 jobs.", "en"),
            story("saopaulo", "Coffee traders in São Paulo brace for frost", "Growers near São Paulo fear a cold snap.", "en"),
            story("regierung", "Die Regierung tritt zurück", "Die Regierung in Wien hat am Montag ihren Rücktritt erklärt. Bundeskanzler Müller sprach von einem Neuanfang.", "de"),
            story("duma", "Правительство подало в отставку", "Правительство России подало в отставку после выборов в Государственную думу.", "ru"),
            story("hegseth", "Hegseth rules out NATO membership for Ukraine",
                  "Defense Secretary Pete Hegseth said President Volodymyr Zelensky must accept that petroleum exports and NATO membership are off the table.", "en"),
            story("boj", "Bank of Japan raises rates",
                  "The Bank of Japan raised its short-term interest rate on Tuesday. A bank in Osaka said Japan would follow. "
                  "Governor Kazuo Ueda said the bank judged that wages were rising steadily, and that inflation would stay near its target.", "en"),
            story("quay", "Harbour news", "The quaymaster opened the lock at dawn and the first ferries left for the islands before the storm.", "en"),
            story("zh", "宇航员在太空中喝酒会怎么样", "国际空间站禁止宇航员饮酒。专家说，在太空中喝酒后果很严重。", "zh"),
            story("ja", "東京で地震", "東京都内で震度４の地震がありました。気象庁によると、津波の心配はありません。", "ja"),
        };
        articles.push_back(story("ko", "서울에서 지진", "서울에서 규모 4의 지진이 발생했습니다. 기상청은 해일 위험이 없다고 밝혔습니다.", "ko"));
        Article listed = story("listed", "Allies meet in Brussels", "Defence ministers met on Thursday.", "en");
        listed.people = {"Kazuo Uedo"};  // one letter from "Ueda" in another story
        articles.push_back(listed);
        Article keyword_only = story("kw", "Football results", "Results of the weekend's matches.", "en");
        keyword_only.keywords = {"サッカー"};
        articles.push_back(keyword_only);
        std::vector<BuiltArticle> built;
        for (const Article& a : articles) built.push_back({DocumentBuilder::id_term(a), builder.build(a), 0});
        FileRecord record;
        record.path = "/archive/languages";
        writer.apply_file(record, built);
        writer.commit();
    }
    std::string db() const { return (dir.path / "db").string(); }
};

std::vector<std::string> ids(const SearchResponse& r) {
    std::vector<std::string> out;
    for (const SearchResult& x : r.results) out.push_back(x.article.id);
    return out;
}

SearchResponse find(Searcher& s, const std::string& query) {
    SearchRequest req;
    req.query = query;
    return s.search(req);
}

bool finds(Searcher& s, const std::string& query, const std::string& id) {
    std::vector<std::string> found = ids(find(s, query));
    return std::find(found.begin(), found.end(), id) != found.end();
}

}  // namespace

TEST_CASE("accents fold: Zürich, São Paulo, Straße, Łódź; Russian ё") {
    CHECK(text::fold_accents("Zürich") == "zurich");
    CHECK(text::fold_accents("SÃO PAULO") == "sao paulo");
    CHECK(text::fold_accents("Straße") == "strasse");
    CHECK(text::fold_accents("Łódź") == "lodz");
    CHECK(text::fold_accents("Œuvre") == "oeuvre");
    CHECK(text::fold_accents("u\xCC\x88" "ber") == "uber");  // decomposed ü
    CHECK(text::fold_accents("ёлка") == "елка");
    CHECK(text::fold_accents("東京") == "東京");
    CHECK(text::fold_accents("plain ascii") == "plain ascii");
}

TEST_CASE("emoji marks are dropped from queries, words and CJK kept") {
    CHECK(text::remove_emoji_marks("oil \xF0\x9F\x9B\xA2\xEF\xB8\x8F price") == "oil \xF0\x9F\x9B\xA2 price");
    CHECK(text::remove_emoji_marks("Zürich 東京") == "Zürich 東京");
}

TEST_CASE("each language has its Snowball stemmer, folded; German reads ue as ü") {
    CHECK(stemming::stemmer_name("de") == "german2");
    CHECK(stemming::stemmer_name("ru") == "russian");
    CHECK(stemming::stemmer_name("") == "english");
    CHECK(stemming::stemmer_name("uk") == "english");
    Xapian::Stem german = stemming::folding_stemmer("german2");
    CHECK(german("regierungen") == german("regierung"));
    CHECK(german("mueller") == german("müller"));
    Xapian::Stem russian = stemming::folding_stemmer("russian");
    CHECK(russian("правительства") == russian("правительство"));
    Xapian::Stem english = stemming::folding_stemmer("english");
    CHECK(english("zürich") == "zurich");
}

TEST_CASE("language identification on short news texts") {
    CHECK(identify_language("The government resigned on Monday after losing a vote of confidence in parliament.") == "en");
    CHECK(identify_language("Die Regierung ist am Montag zurückgetreten, nachdem sie eine Vertrauensabstimmung verloren hatte.") == "de");
    CHECK(identify_language("Le gouvernement a démissionné lundi après avoir perdu un vote de confiance au Parlement.") == "fr");
    CHECK(identify_language("El gobierno dimitió el lunes tras perder una moción de confianza en el parlamento.") == "es");
    CHECK(identify_language("Правительство ушло в отставку в понедельник после того, как проиграло голосование о доверии.") == "ru");
    CHECK(identify_language("Уряд пішов у відставку в понеділок після того, як програв голосування щодо довіри у парламенті.") == "uk");
    CHECK(identify_language("国际空间站禁止宇航员饮酒。专家说，在太空中喝酒后果很严重。") == "zh");
    CHECK(identify_language("東京都内で震度４の地震がありました。気象庁によると、津波の心配はありません。") == "ja");
    CHECK(identify_language("서울에서 규모 4의 지진이 발생했습니다. 기상청은 해일 위험이 없다고 밝혔습니다.") == "ko");
    CHECK(identify_language("Too short") == "");
}

TEST_CASE("language identification accuracy on the multilingual corpora of ../shared") {
    fs::path shared = testing::shared_dir();
    if (shared.empty()) {
        MESSAGE("skipped: ../shared is not there");
        return;
    }
    fs::path root = shared / "corpora/formats/multilingual";
    auto score = [](const std::vector<std::string>& texts, const std::string& want) {
        std::size_t right = 0;
        for (const std::string& t : texts) right += identify_language(t) == want;
        return texts.empty() ? 0.0 : static_cast<double>(right) / static_cast<double>(texts.size());
    };
    std::vector<std::string> german;
    {
        std::ifstream in(root / "de-10kgnad/test.csv");
        std::string line;
        while (std::getline(in, line)) {
            std::size_t sep = line.find(';');
            if (sep != std::string::npos) german.push_back(line.substr(sep + 1));
        }
    }
    std::vector<std::string> russian, ukrainian;
    for (const auto& e : fs::directory_iterator(root / "ru-zvezdaaltaya/articles")) {
        if (e.path().string().ends_with("_raw.txt")) russian.push_back(testing::read_file(e.path()));
    }
    for (const auto& e : fs::directory_iterator(root / "uk-brown-uk-press/texts")) ukrainian.push_back(testing::read_file(e.path()));
    double de = score(german, "de"), ru = score(russian, "ru"), uk = score(ukrainian, "uk");
    MESSAGE("language identification: German " << de << " of " << german.size() << ", Russian " << ru << " of "
                                                << russian.size() << ", Ukrainian " << uk << " of " << ukrainian.size());
    CHECK(german.size() > 1000);
    CHECK(de >= 0.99);
    CHECK(ru >= 0.97);
    CHECK(uk >= 0.97);
}

TEST_CASE("accents and scripts: zurich finds Zürich, sao paulo São Paulo, mueller Müller in German") {
    Fixture fx;
    Searcher s(fx.db());
    CHECK(finds(s, "zurich", "zurich"));
    CHECK(finds(s, "ZÜRICH", "zurich"));
    CHECK(finds(s, "sao paulo", "saopaulo"));
    CHECK(finds(s, "\"sao paulo\"", "saopaulo"));
    CHECK(finds(s, "mueller", "regierung"));
    CHECK(finds(s, "müller", "regierung"));
}

TEST_CASE("an emoji or a symbol in a query is ignored") {
    Fixture fx;
    Searcher s(fx.db());
    SearchResponse both = find(s, "bank japan");
    // One article holds both words; partial matches fill the rest of the page (searcher.h).
    CHECK((both.matched == Matched::all ? both.total : both.total_all_words) == 1);
    std::size_t plain = both.total;
    CHECK(find(s, "bank \xF0\x9F\x8F\xA6\xEF\xB8\x8F japan").total == plain);  // 🏦️
    CHECK(find(s, "bank \xE2\x98\x85 japan \xE2\x84\xA2").total == plain);      // ★ ™
    CHECK(find(s, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD").total == 12);             // 👍🏽 alone: as no words
}

TEST_CASE("German and Russian articles are stemmed in their language; queries match across languages") {
    Fixture fx;
    Searcher s(fx.db());
    CHECK(finds(s, "Regierungen", "regierung"));
    CHECK(finds(s, "regierung", "regierung"));
    CHECK(finds(s, "правительства", "duma"));
    CHECK(finds(s, "отставка", "duma"));
    // The German analysis reaches only German articles: the English story is not found by a
    // German-only stem.
    CHECK(ids(find(s, "Regierungen")) == std::vector<std::string>{"regierung"});
    // English stemming is as before.
    CHECK(finds(s, "raising rates", "boj"));
}

TEST_CASE("Chinese and Japanese text is searchable") {
    Fixture fx;
    Searcher s(fx.db());
    CHECK(ids(find(s, "宇航员")) == std::vector<std::string>{"zh"});
    CHECK(ids(find(s, "\"国际空间站\"")) == std::vector<std::string>{"zh"});
    CHECK(ids(find(s, "title:太空")) == std::vector<std::string>{"zh"});
    CHECK(ids(find(s, "地震")) == std::vector<std::string>{"ja"});
    CHECK(ids(find(s, "気象庁")) == std::vector<std::string>{"ja"});
    CHECK(ids(find(s, "지진")) == std::vector<std::string>{"ko"});
    CHECK(ids(find(s, "keyword:サッカー")) == std::vector<std::string>{"kw"});  // CJK only in a keyword
    SearchResponse r = find(s, "宇航员");
    REQUIRE(r.results.size() == 1);
    CHECK(r.results[0].snippet.find("<b>") != std::string::npos);
}

TEST_CASE("did you mean: a suggestion from the index's own words") {
    Fixture fx;
    Searcher s(fx.db());
    for (auto [typed, want] : {std::pair{"hegsith", "hegseth"}, std::pair{"petroleom", "petroleum"}, std::pair{"zelenskiy", "zelensky"}}) {
        SearchResponse r = find(s, typed);
        REQUIRE_MESSAGE(r.suggestion, typed);
        CHECK(r.suggestion->query == want);
        CHECK(find(s, r.suggestion->query).total > 0);
    }
    SearchResponse r = find(s, "NATO hegsith -ukraine");
    REQUIRE(r.suggestion);
    CHECK(r.suggestion->query == "NATO hegseth -ukraine");
    CHECK_FALSE(find(s, "hegseth nato").suggestion);
    CHECK_FALSE(find(s, "person:hegsith").suggestion);
    // A name only in a curated people list is known, not misspelt.
    CHECK_FALSE(find(s, "uedo").suggestion);
    CHECK(find(s, "uedaa").suggestion);
    CHECK(edit_distance("hegsith", "hegseth", 2) == 1);
    CHECK(edit_distance("abcd", "abdc", 2) == 1);
    CHECK(edit_distance("zürich", "zurich", 2) == 1);
    CHECK(edit_distance("kitten", "sitting", 1) == 2);
    CHECK(edit_distance("kitten", "sitting", 3) == 3);
    CHECK(edit_distance("", "abc", 3) == 3);
}

TEST_CASE("snippets: phrases as one unit, NEAR pairs, passages that run on, headlines highlighted") {
    Fixture fx;
    Searcher s(fx.db());
    SearchResponse phrase = find(s, "\"bank of japan\"");
    REQUIRE(phrase.results.size() == 1);
    CHECK(phrase.results[0].snippet.find("The <b>Bank of Japan</b> raised") == 0);
    // "bank" alone, away from the phrase, is not highlighted.
    CHECK(phrase.results[0].snippet.find("A bank in") != std::string::npos);
    CHECK(phrase.results[0].title_html == "<b>Bank of Japan</b> raises rates");

    SearchResponse near = find(s, "bank NEAR osaka");
    REQUIRE(near.results.size() == 1);
    CHECK(near.results[0].snippet.find("A <b>bank</b> in <b>Osaka</b>") != std::string::npos);
    CHECK(near.results[0].snippet.find("The Bank of Japan raised") == 0);  // too far from Osaka

    SearchResponse quay = find(s, "quaymaster");
    REQUIRE(quay.results.size() == 1);
    CHECK(quay.results[0].snippet == "The <b>quaymaster</b> opened the lock at dawn and the first ferries left for the islands before the storm.");

    SearchRequest longer;
    longer.query = "inflation";
    longer.snippet_chars = 120;
    SearchResponse run_on = s.search(longer);
    REQUIRE(run_on.results.size() == 1);
    const std::string& snip = run_on.results[0].snippet;
    CHECK(snip.find("<b>inflation</b>") != std::string::npos);
    CHECK(snip.size() > 100);  // the passage is filled, not cut after the match

    SearchResponse negated = find(s, "rates -osaka");
    CHECK(negated.results.empty());
    SearchResponse not_shown = find(s, "japan NOT quaymaster");
    REQUIRE(not_shown.results.size() == 1);
    CHECK(not_shown.results[0].snippet.find("<b>quaymaster</b>") == std::string::npos);
}

TEST_CASE("the highlighter escapes HTML and never highlights negated words") {
    Xapian::QueryParser qp;
    qp.set_stemmer(stemming::folding_stemmer("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);
    Xapian::Query q = qp.parse_query("profits -losses", Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_LOVEHATE);
    Highlighter h(q, {"Z"});
    Xapian::Stem stem = stemming::folding_stemmer("english");
    CHECK(h.highlight("Profits & losses <up>", stem) == "<b>Profits</b> &amp; losses &lt;up&gt;");
}

TEST_CASE("the CJK and multilingual pages of ../shared are searchable in their languages") {
    fs::path shared = testing::shared_dir();
    if (shared.empty()) {
        MESSAGE("skipped: ../shared is not there");
        return;
    }
    testing::TempDir dir;
    fs::path html = shared / "corpora/formats/html";
    std::string db = (dir.path / "db").string();
    auto r = run(std::string(DATELINE_INDEX_BIN) + " --db " + quote(db) + " " +
                 quote((html / "mozilla-readability/qq.html").string()) + " " + quote((html / "mozilla-readability/gmw.html").string()) + " " +
                 quote((html / "postlight-parser/www.asahi.com.html").string()) + " " +
                 quote((html / "postlight-parser/www.yomiuri.co.jp.html").string()) + " " +
                 quote((shared / "corpora/formats/multilingual/ru-zvezdaaltaya/html").string()));
    REQUIRE(r.status == 0);
    auto search = [&](const std::string& q) {
        auto out = run(std::string(DATELINE_SEARCH_BIN) + " --db " + quote(db) + " --json " + quote(q));
        return nlohmann::json::parse(out.out);
    };
    nlohmann::json astronaut = search("宇航员");  // gmw.html: astronauts drinking in space
    CHECK(astronaut.at("total") == 1);
    CHECK(astronaut.at("results")[0].at("snippet").get<std::string>().find("<b>") != std::string::npos);
    CHECK(search("人工智能").at("total") >= 1);     // qq.html, GB2312: artificial intelligence
    CHECK(search("バルセロナ").at("total") == 1);  // yomiuri: Barcelona
    CHECK(search("芸術祭").at("total") == 1);      // asahi: the media arts festival
    CHECK(search("прокуратура").at("total") >= 1);   // the page says "прокуратуры", "Прокуратура"
    CHECK(search("прокуратурой").at("total") == search("прокуратура").at("total"));
    nlohmann::json languages = search("language:ru");
    CHECK(languages.at("total") == 10);
}

TEST_CASE("search-box completions find accented headline words from either spelling") {
    Fixture fx;
    Searcher s(fx.db());
    auto has = [](const std::vector<Suggestion>& list, const std::string& value) {
        return std::any_of(list.begin(), list.end(), [&](const Suggestion& x) { return x.value == value; });
    };
    CHECK(has(s.suggest("zü", 5), "zürich"));
    CHECK(has(s.suggest("zu", 5), "zurich"));
}

TEST_CASE("the command line shows the suggestion, and the JSON carries it and the highlighted headline") {
    testing::TempDir dir;
    std::string db = (dir.path / "db").string();
    REQUIRE(run(std::string(DATELINE_INDEX_BIN) + " --db " + quote(db) + " " + quote((testing::samples_dir() / "text").string())).status == 0);
    auto text = run("NO_COLOR=1 " + std::string(DATELINE_SEARCH_BIN) + " --db " + quote(db) + " hegsith nato");
    CHECK(text.out.find("Did you mean: hegseth nato\n") == 0);
    auto out = run(std::string(DATELINE_SEARCH_BIN) + " --db " + quote(db) + " --json " + quote("hegsith nato"));
    nlohmann::json j = nlohmann::json::parse(out.out);
    REQUIRE(j.contains("suggestion"));
    CHECK(j.at("suggestion").at("query") == "hegseth nato");
    CHECK(j.at("suggestion").at("corrections")[0].at("typed") == "hegsith");
    CHECK(j.at("suggestion").at("corrections")[0].at("suggested") == "hegseth");
    nlohmann::json fixed = nlohmann::json::parse(
        run(std::string(DATELINE_SEARCH_BIN) + " --db " + quote(db) + " --json " + quote(j.at("suggestion").at("query").get<std::string>())).out);
    CHECK(fixed.at("total").get<int>() >= 1);
    CHECK_FALSE(fixed.contains("suggestion"));
    CHECK(fixed.at("results")[0].at("title_html").get<std::string>().find("<b>NATO</b>") != std::string::npos);
}
