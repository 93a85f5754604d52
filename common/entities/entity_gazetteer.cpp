#include "entity_gazetteer.h"

#include <algorithm>

#include "dates.h"
#include "word_lists.h"
#include "text.h"

namespace dateline::entity_data {

std::string name_key(std::string_view written) {
    // Every token of every text and every name found gets a key, so it is made in one pass
    // over a buffer of the written length, which the key never exceeds (a run of spaces becomes
    // at most one, a curly apostrophe's three bytes one).
    std::string key(written.size(), '\0');
    std::size_t n = 0;
    bool ascii = true;
    bool pending_space = false;
    for (std::size_t i = 0; i < written.size(); ++i) {
        char c = written[i];
        if (c == ' ' || c == '\t' || c == '\n') {
            pending_space = n > 0;
            continue;
        }
        if (c == '.') continue;
        if (pending_space) key[n++] = ' ';
        pending_space = false;
        // U+2019 RIGHT SINGLE QUOTATION MARK is the typographer's apostrophe.
        if (c == '\xE2' && i + 2 < written.size() && written[i + 1] == '\x80' && written[i + 2] == '\x99') {
            key[n++] = '\'';
            i += 2;
            continue;
        }
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
        key[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    key.resize(n);
    return ascii ? key : text::fold_case(key);
}

Gazetteer::Gazetteer() {
    // Organizations first: a name on both lists ("Vatican" aside) is reported as the body.
    add_known("organizations", KnownKind::organization);
    add_known("countries", KnownKind::place, true);
    add_known("regions", KnownKind::place);
    add_known("cities", KnownKind::place);
    add_words("given_names", given_names_);
    add_first_names("public_figures", public_figures_);
    add_words("nationalities", nationalities_);
    add_words("club_words", club_words_);
    add_words("titles", titles_);
    add_words("title_qualifiers", title_qualifiers_);
    add_words("common_words", common_words_);
    // English month and weekday names and holidays are never names; the other languages' serve
    // the date parser only, as many are names in English text (common/data/calendar_words.txt).
    for (const dates::CalendarWord& w : dates::calendar_words()) {
        if (w.kind != dates::CalendarWord::Kind::filler && w.language == "en" && !w.also_a_name)
            calendar_words_.insert(name_key(w.written));
    }
    add_words("name_particles", name_particles_);
    add_prefixed_words("sports", "team", team_sports_, "individual", individual_sports_);
    add_prefixed_words("organization_words", "suffix", organization_suffixes_, "head", organization_heads_);
    add_prefixed_words("place_words", "suffix", place_suffixes_, "head", place_heads_);
    note_word_classes();
}

void Gazetteer::note_word_classes() {
    const std::pair<const KeySet*, WordClass> sets[] = {
        {&given_names_, given_name}, {&public_figures_, public_figure}, {&nationalities_, nationality},
        {&titles_, title}, {&title_qualifiers_, title_qualifier}, {&common_words_, common_word},
        {&calendar_words_, calendar_word}, {&name_particles_, name_particle},
        {&organization_suffixes_, organization_suffix}, {&organization_heads_, organization_head},
        {&place_suffixes_, place_suffix}, {&place_heads_, place_head}, {&club_words_, club_word}};
    for (const auto& [set, bit] : sets) {
        for (const std::string& key : *set) {
            if (key.find(' ') == std::string::npos) word_classes_[key] |= bit;
        }
    }
    for (const auto& [key, known] : known_) {
        if (key.find(' ') != std::string::npos) continue;
        std::uint32_t& bits = word_classes_[key];
        bits |= known.kind == KnownKind::place ? known_place : known_organization;
        if (known.country) bits |= known_country;
    }
}

const KnownName* Gazetteer::known(std::string_view key) const {
    auto it = known_.find(key);
    return it == known_.end() ? nullptr : &it->second;
}

void Gazetteer::note_length(std::string_view key) {
    std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
    longest_phrase_ = std::max(longest_phrase_, words);
    for (std::size_t space = key.find(' '); space != std::string_view::npos; space = key.find(' ', space + 1))
        phrase_starts_.emplace(key.substr(0, space));
}

void Gazetteer::add_known(std::string_view list, KnownKind kind, bool country) {
    for (std::string_view entry : entries(word_list(list))) {
        std::vector<std::string> names = text::split_trimmed(entry, '|');
        if (names.empty()) continue;
        for (const std::string& name : names) {
            std::string key = name_key(name);
            note_length(key);
            for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1))
                known_starts_.insert(key.substr(0, space));
            known_.try_emplace(std::move(key), KnownName{kind, names.front(), country});
        }
    }
}

void Gazetteer::add_words(std::string_view list, KeySet& into) {
    for (std::string_view entry : entries(word_list(list))) {
        std::string key = name_key(entry);
        note_length(key);
        into.insert(std::move(key));
    }
}

// Only the first name of each line: the list writes "Reagan | Ronald Reagan" for its readers.
void Gazetteer::add_first_names(std::string_view list, KeySet& into) {
    for (std::string_view entry : entries(word_list(list))) {
        std::string key = name_key(entry.substr(0, entry.find('|')));
        note_length(key);
        into.insert(std::move(key));
    }
}

void Gazetteer::add_prefixed_words(std::string_view list, std::string_view first_role, KeySet& first,
                                   std::string_view second_role, KeySet& second) {
    for (std::string_view entry : entries(word_list(list))) {
        std::size_t colon = entry.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view role = entry.substr(0, colon);
        std::string key = name_key(entry.substr(colon + 1));
        if (role == first_role) first.insert(std::move(key));
        else if (role == second_role) second.insert(std::move(key));
    }
}

}  // namespace dateline::entity_data
