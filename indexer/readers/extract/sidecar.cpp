#include "sidecar.h"

#include <nlohmann/json.hpp>

#include "article_fields.h"
#include "record_fields.h"
#include "text.h"

namespace dateline {

Article read_sidecar(const std::string& json_text, const ReaderOptions& options) {
    nlohmann::json j = nlohmann::json::parse(text::repair_utf8(json_text), nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw ReadError("its metadata file is not a JSON object");
    return RecordFields(options).article(j);
}

void apply_sidecar(const Article& sidecar, Article& a) {
    auto take = [](const std::string& from, std::string& to) {
        if (!from.empty()) to = from;
    };
    take(sidecar.title, a.title);
    take(sidecar.url, a.url);
    take(sidecar.source, a.source);
    take(sidecar.section, a.section);
    take(sidecar.language, a.language);
    take(sidecar.dateline, a.dateline);
    take(sidecar.id, a.id);
    if (sidecar.published) a.published = sidecar.published;
    if (!sidecar.authors.empty()) a.authors = sidecar.authors;
    for (const std::string& p : sidecar.people) add_unique(a.people, p);
    for (const std::string& o : sidecar.organizations) add_unique(a.organizations, o);
    for (const std::string& p : sidecar.places) add_unique(a.places, p);
    for (const std::string& s : sidecar.subjects) add_unique(a.subjects, s);
    for (const std::string& k : sidecar.keywords) add_unique(a.keywords, k);
    a.curated_people |= sidecar.curated_people;
    a.curated_organizations |= sidecar.curated_organizations;
    a.curated_places |= sidecar.curated_places;
    // Its dateline's place and date, as a reader's own dateline gives them.
    if (!sidecar.dateline.empty()) fields::apply_dateline(a);
}

}  // namespace dateline
