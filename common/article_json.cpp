#include "article_json.h"

#include "dates.h"

namespace dateline {

nlohmann::json to_json(const Article& a) {
    nlohmann::json j;
    j["id"] = a.id;
    j["title"] = a.title;
    j["date"] = a.published ? nlohmann::json(dates::to_iso8601(*a.published)) : nlohmann::json(nullptr);
    j["source"] = a.source;
    j["authors"] = a.authors;
    j["section"] = a.section;
    j["url"] = a.url;
    j["language"] = a.language;
    j["dateline"] = a.dateline;
    j["kind"] = a.kind;
    j["path"] = a.source_path;
    j["format"] = a.format;
    j["people"] = a.people;
    j["organizations"] = a.organizations;
    j["places"] = a.places;
    j["keywords"] = a.keywords;
    j["body"] = a.body;
    return j;
}

Article article_from_json(const nlohmann::json& j) {
    Article a;
    auto str = [&](const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto list = [&](const char* key) {
        std::vector<std::string> out;
        auto it = j.find(key);
        if (it != j.end() && it->is_array()) {
            for (const auto& v : *it) {
                if (v.is_string()) out.push_back(v.get<std::string>());
            }
        }
        return out;
    };
    a.id = str("id");
    a.title = str("title");
    if (std::string d = str("date"); !d.empty()) a.published = dates::parse(d);
    a.source = str("source");
    a.authors = list("authors");
    a.section = str("section");
    a.url = str("url");
    a.language = str("language");
    a.dateline = str("dateline");
    a.kind = str("kind");
    a.source_path = str("path");
    a.format = str("format");
    a.people = list("people");
    a.organizations = list("organizations");
    a.places = list("places");
    a.keywords = list("keywords");
    a.body = str("body");
    return a;
}

}  // namespace dateline
