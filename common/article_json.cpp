#include "article_json.h"

#include "dates.h"
#include "schema.h"

namespace dateline {

namespace {

nlohmann::json fields_json(const Article& a, unsigned flag) {
    nlohmann::json j = nlohmann::json::object();
    for (const schema::Field& f : schema::fields()) {
        if (flag && !(f.flags & flag)) continue;
        if (f.kind == schema::Kind::date) {
            j[f.json_name] = a.published ? nlohmann::json(dates::to_iso8601(*a.published)) : nlohmann::json(nullptr);
        } else if (f.member.one) {
            j[f.json_name] = a.*f.member.one;
        } else if (f.member.many) {
            j[f.json_name] = a.*f.member.many;
        }
    }
    return j;
}

}  // namespace

nlohmann::json to_json(const Article& a) { return fields_json(a, 0); }

nlohmann::json to_json(const Article& a, schema::Flag flag) { return fields_json(a, flag); }

Article article_from_json(const nlohmann::json& j) {
    Article a;
    for (const schema::Field& f : schema::fields()) {
        auto it = j.find(f.json_name);
        if (it == j.end()) continue;
        if (f.kind == schema::Kind::date) {
            if (it->is_string() && !it->get_ref<const std::string&>().empty()) a.published = dates::parse(it->get<std::string>());
        } else if (f.member.one) {
            if (it->is_string()) a.*f.member.one = it->get<std::string>();
        } else if (f.member.many && it->is_array()) {
            for (const auto& v : *it) {
                if (v.is_string()) (a.*f.member.many).push_back(v.get<std::string>());
            }
        }
    }
    return a;
}

}  // namespace dateline
