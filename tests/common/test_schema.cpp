#include <doctest/doctest.h>

#include <set>

#include "schema.h"

using namespace dateline;

TEST_CASE("every query name, JSON name, prefix and slot is unique") {
    std::set<std::string_view> names, json_names, prefixes;
    std::set<int> slots;
    for (const schema::Field& f : schema::fields()) {
        CHECK(names.insert(f.name).second);
        CHECK(json_names.insert(f.json_name).second);
        if (!f.filter_prefix.empty()) CHECK(prefixes.insert(f.filter_prefix).second);
        if (!f.text_prefix.empty()) CHECK(prefixes.insert(f.text_prefix).second);
        if (f.slot >= 0 && f.name != "year") CHECK(slots.insert(f.slot).second);
    }
}

TEST_CASE("the fields DESIGN.md asks for exist, with Omega's prefixes where Omega has them") {
    for (const char* name : {"id", "title", "body", "author", "source", "section", "url", "language", "date", "person",
                             "org", "place", "keyword", "path"}) {
        CAPTURE(name);
        CHECK(schema::find(name) != nullptr);
    }
    CHECK(schema::find("id")->filter_prefix == "Q");
    CHECK(schema::find("title")->text_prefix == "S");
    CHECK(schema::find("author")->text_prefix == "A");
    CHECK(schema::find("url")->filter_prefix == "U");
    CHECK(schema::find("language")->filter_prefix == "L");
    CHECK(schema::find("keyword")->filter_prefix == "K");
    CHECK(schema::find("people") == schema::find("person"));
    CHECK(schema::find("nonsense") == nullptr);
}

TEST_CASE("people, organizations and places are free text, exact filters and facets") {
    for (const char* name : {"person", "org", "place"}) {
        const schema::Field* f = schema::find(name);
        REQUIRE(f);
        CHECK(f->kind == schema::Kind::both);
        CHECK(!f->facet.empty());
        CHECK(f->slot >= 0);
    }
    CHECK(schema::find("title")->weight > schema::find("body")->weight);
}

TEST_CASE("filter terms fold case and spacing; exact terms keep case") {
    const schema::Field& person = *schema::find("person");
    CHECK(schema::filter_term(person, "Pete  Hegseth") == "XPERSON:pete hegseth");
    CHECK(schema::filter_term(person, "PETE HEGSETH") == schema::filter_term(person, "pete hegseth"));
    CHECK(schema::exact_term(*schema::find("path"), "/A/b.txt") == "XPATH:/A/b.txt");
}

TEST_CASE("over-long values give short, distinct, repeatable terms") {
    const schema::Field& url = *schema::find("url");
    std::string a(400, 'a'), b = a + "b";
    CHECK(schema::filter_term(url, a).size() <= 240);
    CHECK(schema::filter_term(url, a) != schema::filter_term(url, b));
    CHECK(schema::filter_term(url, a) == schema::filter_term(url, a));
}

TEST_CASE("multi-valued slots round-trip") {
    std::vector<std::string> v{"Pete Hegseth", "Donald Trump", "Mark Rutte"};
    CHECK(schema::decode_list(schema::encode_list(v)) == v);
    CHECK(schema::decode_list("").empty());
    CHECK(schema::decode_list(schema::encode_list({"one"})) == std::vector<std::string>{"one"});
}

TEST_CASE("rows are in FieldId order, so field(id) is the row the code names") {
    for (std::size_t i = 0; i < schema::fields().size(); ++i) {
        const schema::Field& f = schema::fields()[i];
        CHECK(static_cast<std::size_t>(f.id) == i);
        CHECK(&schema::field(f.id) == &f);
    }
    CHECK(schema::field(schema::FieldId::person).name == "person");
    CHECK(schema::field(schema::FieldId::subject).json_name == "subjects");
}

TEST_CASE("flags: the filters, default facets and completions the front ends derive") {
    auto names = [](schema::Flag flag) {
        std::vector<std::string_view> out;
        for (const schema::Field* f : schema::with(flag)) out.push_back(f->name);
        return out;
    };
    CHECK(names(schema::kFilter) == std::vector<std::string_view>{"person", "org", "place", "source", "kind", "subject"});
    CHECK(names(schema::kDefaultFacet) == std::vector<std::string_view>{"person", "org", "place", "source", "year"});
    CHECK(names(schema::kSuggest) == std::vector<std::string_view>{"person", "org", "place"});
    for (const schema::Field* f : schema::with(schema::kFilter)) {
        CAPTURE(f->name);
        CHECK(!f->facet.empty());
        CHECK(f->slot >= 0);
        CHECK(!f->filter_prefix.empty());
        CHECK(f->queryable());
        CHECK(!f->label.empty());
        CHECK(!f->plural.empty());
    }
    CHECK(schema::field(schema::FieldId::person).completable());
    CHECK(!schema::field(schema::FieldId::subject).completable());
    CHECK(!schema::field(schema::FieldId::kind).completable());
    CHECK(!schema::field(schema::FieldId::dateline).queryable());
    CHECK(schema::field(schema::FieldId::date).queryable());
}

TEST_CASE("values() and set_values() reach every Article member a row names") {
    Article a;
    int n = 0;
    for (const schema::Field& f : schema::fields()) {
        if (!f.member.one && !f.member.many) continue;
        std::string v = "value " + std::to_string(++n);
        schema::set_values(f, a, {v, "second"});
        CAPTURE(f.name);
        std::vector<std::string> expected = f.member.many ? std::vector<std::string>{v, "second"} : std::vector<std::string>{v};
        CHECK(schema::values(f, a) == expected);
    }
    CHECK(a.subjects == std::vector<std::string>{"value 11", "second"});  // subject: the 11th row with a member
    CHECK(a.title == "value 2");
    CHECK(a.source_path.rfind("value ", 0) == 0);
    CHECK(schema::values(schema::field(schema::FieldId::year), a).empty());
}

TEST_CASE("one version check: this code's version passes, any other says to rebuild") {
    CHECK(schema::version_mismatch(std::to_string(schema::kVersion), "/srv/news").empty());
    std::string m = schema::version_mismatch("2", "/srv/news");
    CHECK(m.find("/srv/news") != std::string::npos);
    CHECK(m.find("incompatible") != std::string::npos);
    CHECK(m.find("schema 2") != std::string::npos);
    CHECK(m.find("dateline-index --full") != std::string::npos);
}
