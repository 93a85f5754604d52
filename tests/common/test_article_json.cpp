// Article <-> JSON: every schema row with an Article member is one key, both ways.
#include <doctest/doctest.h>

#include "article_json.h"
#include "dates.h"
#include "schema.h"

using namespace dateline;

namespace {

// An article with a distinct value in every member a schema row names, and a date.
Article full_article() {
    Article a;
    int n = 0;
    for (const schema::Field& f : schema::fields()) {
        std::string v = std::string(f.name) + " " + std::to_string(++n);
        if (f.member.many) schema::set_values(f, a, {v, v + " again"});
        else if (f.member.one) schema::set_values(f, a, {v});
    }
    a.published = dates::parse("2025-02-14T06:23:00Z");
    return a;
}

}  // namespace

TEST_CASE("every field with a member is a key, and reads back the same") {
    Article a = full_article();
    nlohmann::json j = to_json(a);
    Article back = article_from_json(j);
    for (const schema::Field& f : schema::fields()) {
        CAPTURE(f.name);
        bool has_member = f.member.one || f.member.many;
        CHECK(j.contains(std::string(f.json_name)) == (has_member || f.kind == schema::Kind::date));
        CHECK(schema::values(f, back) == schema::values(f, a));
    }
    CHECK(j.at("date") == "2025-02-14T06:23:00Z");
    CHECK(back.published == a.published);
    CHECK(j.at("subjects") == nlohmann::json::array({"subject 11", "subject 11 again"}));
    CHECK(to_json(back) == j);
}

TEST_CASE("absent values: empty strings and lists, a null date; wrong types are ignored") {
    nlohmann::json j = to_json(Article{});
    CHECK(j.at("date").is_null());
    CHECK(j.at("title") == "");
    CHECK(j.at("people") == nlohmann::json::array());
    Article a = article_from_json({{"title", 5}, {"people", "not a list"}, {"places", {"Kyiv", 3}}, {"date", nullptr}, {"other", "x"}});
    CHECK(a.title.empty());
    CHECK(a.people.empty());
    CHECK(a.places == std::vector<std::string>{"Kyiv"});
    CHECK(!a.published);
}

TEST_CASE("a search result holds the kResult fields only") {
    nlohmann::json j = to_json(full_article(), schema::kResult);
    for (const schema::Field& f : schema::fields()) {
        CAPTURE(f.name);
        CHECK(j.contains(std::string(f.json_name)) == f.has(schema::kResult));
    }
    CHECK(!j.contains("body"));
    CHECK(j.contains("subjects"));
}
