#include "article.h"

#include "dates.h"
#include "text.h"

namespace dateline {

void assign_id(Article& a) {
    if (!a.id.empty()) return;
    // A canonical URL names the story whatever file or format it came in.
    if (!a.url.empty()) {
        a.id = "u-" + text::hash_hex(a.url);
        return;
    }
    std::string key = "t:" + text::fold_case(text::collapse_spaces(a.title));
    key += "|d:";
    if (a.published) key += dates::to_iso8601(*a.published);
    key += "|b:" + text::truncate_utf8(text::collapse_spaces(a.body), 400);
    a.id = (a.format.empty() ? std::string("a") : a.format) + "-" + text::hash_hex(key);
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
    std::string v = text::collapse_spaces(value);
    if (v.empty()) return;
    for (const std::string& existing : list) {
        if (text::same_folded(existing, v)) return;
    }
    list.push_back(std::move(v));
}

void add_subject(Article& a, const std::string& subject) {
    add_unique(a.subjects, subject);
    add_unique(a.keywords, subject);
}

}  // namespace dateline
