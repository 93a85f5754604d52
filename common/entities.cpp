#include "entities.h"

#include <algorithm>
#include <unordered_map>

#include "entity_gazetteer.h"
#include "entity_mentions.h"
#include "text.h"

namespace dateline {
namespace {

using entity_text::Mention;
using entity_text::MentionKind;

std::string last_word(std::string_view name) {
    std::size_t space = name.rfind(' ');
    return std::string(space == std::string_view::npos ? name : name.substr(space + 1));
}

// One article's entities, built from its mentions in text order. Each name is reported once;
// people are merged by surname, so "Hegseth" after "Pete Hegseth" (or before it: headlines and
// first sentences often use the surname alone) is the same person.
class ArticleEntities {
public:
    ArticleEntities(const std::vector<Mention>& mentions, bool sports_story) {
        for (const Mention& m : mentions) {
            if (m.kind == MentionKind::person && m.words >= 2) add_person(m.name);
        }
        for (const Mention& m : mentions) {
            switch (m.kind) {
            case MentionKind::person:
                if (m.words < 2 && !known_surname(m.name)) add_person(m.name);
                break;
            case MentionKind::unknown:
                if (sports_story && !m.sentence_initial && !known_surname(m.name))
                    add_unique(result_.organizations, m.name);
                break;
            case MentionKind::organization:
                if (!is_person_word(m)) add_unique(result_.organizations, m.name);
                break;
            case MentionKind::place:
                if (is_person_word(m)) break;
                // "Baltimore beat Seattle": in sport a city is its team; a country stays a place.
                if (sports_story && !m.country && !m.dateline) add_unique(result_.organizations, m.name);
                else add_unique(result_.places, m.name);
                break;
            }
        }
    }

    Entities take() { return std::move(result_); }

private:
    void add_person(const std::string& name) {
        std::string key = entity_data::name_key(name);
        if (people_by_key_.count(key)) return;
        people_by_key_.emplace(key, result_.people.size());
        surnames_.try_emplace(entity_data::name_key(last_word(name)), result_.people.size());
        result_.people.push_back(name);
    }

    bool known_surname(const std::string& word) const {
        return surnames_.count(entity_data::name_key(word)) > 0;
    }

    // "Jordan" the place is no place in an article about Michael Jordan.
    bool is_person_word(const Mention& m) const { return m.words == 1 && known_surname(m.name); }

    Entities result_;
    std::unordered_map<std::string, std::size_t> people_by_key_;
    std::unordered_map<std::string, std::size_t> surnames_;
};

}  // namespace

struct EntityExtractor::Data {
    entity_data::Gazetteer gazetteer;

    // Wire sports stories name the sport first: "SOCCER - ...", "ICE HOCKEY - NHL RESULTS".
    bool is_sports_story(std::string_view title) const {
        std::size_t dash = title.find(" - ");
        if (dash == std::string_view::npos) return false;
        return gazetteer.is_sport(entity_data::name_key(title.substr(0, dash)));
    }
};

EntityExtractor::EntityExtractor() : data_(std::make_unique<const Data>()) {}
EntityExtractor::~EntityExtractor() = default;

Entities EntityExtractor::extract(std::string_view title, std::string_view body, std::string_view dateline) const {
    std::vector<Mention> mentions;
    mentions.reserve(64);
    entity_text::find_mentions(data_->gazetteer, title, mentions);
    if (!dateline.empty()) entity_text::find_dateline_place(data_->gazetteer, dateline, mentions);
    entity_text::find_mentions(data_->gazetteer, body, mentions);
    return ArticleEntities(mentions, data_->is_sports_story(title)).take();
}

void extract_entities(Article& a, const EntityExtractor& extractor, ExtractMode mode) {
    if (mode == ExtractMode::never) return;
    bool all = mode == ExtractMode::always;
    if (!all && a.curated_people && a.curated_organizations && a.curated_places) return;
    Entities found = extractor.extract(a.title, a.body, a.dateline);
    auto merge = [&](std::vector<std::string>& into, const std::vector<std::string>& from, bool curated) {
        if (curated && !all) return;
        for (const std::string& name : from) add_unique(into, name);
    };
    merge(a.people, found.people, a.curated_people);
    merge(a.organizations, found.organizations, a.curated_organizations);
    merge(a.places, found.places, a.curated_places);
}

}  // namespace dateline
