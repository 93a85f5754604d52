#include "entity_languages.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "word_lists.h"
#include "text.h"

namespace dateline::entity_text {
namespace {

using entity_data::Gazetteer;
using entity_data::KnownKind;
using entity_data::KnownName;

bool ends_with(std::string_view s, std::string_view end) {
    return s.size() >= end.size() && s.substr(s.size() - end.size()) == end;
}

// Letters are two bytes in Cyrillic: a stem keeps at least this many bytes (three letters).
constexpr std::size_t kMinStem = 6;

// A Cyrillic word without its case ending, for matching names of places and organizations in
// any case: "москва", "москвы", "москве", "москвой" are all "москв". Takes a key (lower case).
std::string loose_stem(std::string_view key) {
    static constexpr std::array<std::string_view, 40> endings{
        "ией", "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ою", "ею",
        "ую", "юю", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ия", "ии", "ию", "ий", "ый",
        "ах", "ях", "а", "я", "ы", "и", "е", "у"};
    static constexpr std::array<std::string_view, 8> short_endings{"ю", "о", "й", "ь", "і", "ї", "є", "ь"};
    for (std::string_view e : endings) {
        if (ends_with(key, e) && key.size() - e.size() >= kMinStem) return std::string(key.substr(0, key.size() - e.size()));
    }
    for (std::string_view e : short_endings) {
        if (ends_with(key, e) && key.size() - e.size() >= kMinStem) return std::string(key.substr(0, key.size() - e.size()));
    }
    return std::string(key);
}

std::string loose_phrase(const std::vector<Token>& t, std::size_t b, std::size_t e) {
    std::string out;
    for (std::size_t k = b; k < e; ++k) {
        if (k > b) out += ' ';
        out += loose_stem(t[k].key);
    }
    return out;
}

// The capital of a lower-case Cyrillic or Latin letter at s[i] (UTF-8), appended to out;
// returns the letter's length.
std::size_t append_capital(std::string_view s, std::size_t i, std::string& out) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : static_cast<char>(c);
        return 1;
    }
    if (i + 1 < s.size() && (c == 0xD0 || c == 0xD1 || c == 0xD2)) {
        std::uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
        if (cp >= 0x430 && cp <= 0x44F) cp -= 0x20;                 // а-я
        else if (cp >= 0x450 && cp <= 0x45F) cp -= 0x50;            // ѐ-џ (ё, є, і, ї...)
        else if (cp == 0x491) cp = 0x490;                           // ґ
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    out.append(s.substr(i, len));
    return std::min(len, s.size() - i);
}

// "виталий кичинеков" -> "Виталий Кичинеков"; hyphenated parts are capitalised too.
std::string capitalised(std::string_view key) {
    std::string out;
    bool start = true;
    for (std::size_t i = 0; i < key.size();) {
        if (start && key[i] != ' ' && key[i] != '-') {
            i += append_capital(key, i, out);
            start = false;
            continue;
        }
        start = key[i] == ' ' || key[i] == '-';
        out += key[i++];
    }
    return out;
}

struct GivenName {
    std::string nominative;  // key form: "виталий"
    bool feminine = false;
};

// The case forms of a Russian or Ukrainian given name, from its nominative.
std::vector<std::string> case_forms(const std::string& n, bool feminine) {
    std::vector<std::string> forms{n};
    auto without = [&](std::string_view end) { return n.substr(0, n.size() - end.size()); };
    auto add = [&](const std::string& stem, std::initializer_list<std::string_view> ends) {
        for (std::string_view e : ends) forms.push_back(stem + std::string(e));
    };
    if (ends_with(n, "ий") || ends_with(n, "ій")) {
        add(without("й"), {"я", "ю", "ем", "е", "и", "єм", "ї"});
    } else if (ends_with(n, "й")) {
        add(without("й"), {"я", "ю", "ем", "е", "єм", "ї"});
    } else if (ends_with(n, "ия")) {
        add(without("я"), {"и", "ю", "ей", "ею"});
    } else if (ends_with(n, "а")) {
        add(without("а"), {"ы", "и", "е", "у", "ой", "ою", "і", "ові"});
    } else if (ends_with(n, "я")) {
        add(without("я"), {"и", "е", "ю", "ей", "ею", "і"});
    } else if (ends_with(n, "ь")) {
        if (feminine) add(without("ь"), {"и", "ью"});
        else add(without("ь"), {"я", "ю", "ем", "е"});
    } else if (!feminine) {
        add(n, {"а", "у", "ом", "е", "ові", "ові"});
    }
    return forms;
}

// A surname or patronymic in the nominative, for a man or a woman: "кичинекова" (of a man) ->
// "кичинеков", "натовой" -> "натова", "андреевны" -> "андреевна".
std::string nominative_surname(const std::string& key, bool feminine) {
    std::size_t vich = key.find("вич");
    if (vich != std::string::npos) return key.substr(0, vich + std::string_view("вич").size());
    for (std::string_view vna : {"вна", "вны", "вне", "вну", "вной", "вною", "вни", "вною"}) {
        if (ends_with(key, vna)) return key.substr(0, key.size() - vna.size()) + "вна";
    }
    struct Rewrite {
        std::string_view from, to;
    };
    static constexpr std::array<Rewrite, 22> masculine{{
        {"овым", "ов"}, {"евым", "ев"}, {"иным", "ин"}, {"ыным", "ын"}, {"ова", "ов"}, {"ову", "ов"},
        {"ове", "ов"}, {"ева", "ев"}, {"еву", "ев"}, {"еве", "ев"}, {"ина", "ин"}, {"ину", "ин"},
        {"ине", "ин"}, {"ского", "ский"}, {"скому", "ский"}, {"ским", "ский"}, {"ском", "ский"},
        {"цкого", "цкий"}, {"цкому", "цкий"}, {"цким", "цкий"}, {"ського", "ський"}, {"ським", "ський"}}};
    static constexpr std::array<Rewrite, 10> feminine_rewrites{{
        {"овой", "ова"}, {"ову", "ова"}, {"евой", "ева"}, {"еву", "ева"}, {"иной", "ина"}, {"ину", "ина"},
        {"ской", "ская"}, {"скую", "ская"}, {"цкой", "цкая"}, {"ської", "ська"}}};
    auto apply = [&](const auto& table) -> std::string {
        for (const Rewrite& r : table) {
            if (ends_with(key, r.from) && key.size() - r.from.size() >= 4)
                return key.substr(0, key.size() - r.from.size()) + std::string(r.to);
        }
        return key;
    };
    if (feminine) return apply(feminine_rewrites);
    std::string rewritten = apply(masculine);
    if (rewritten != key) return rewritten;
    // Other men's surnames end in a consonant and take the noun endings: "Усика", "Усику",
    // "Тевоняном" are "Усик" and "Тевонян".
    for (std::string_view ending : {"ом", "а", "у", "е"}) {
        if (!ends_with(key, ending) || key.size() - ending.size() < 8) continue;
        std::string stem = key.substr(0, key.size() - ending.size());
        static constexpr std::array<std::string_view, 12> vowels{"а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "й", "ь"};
        bool consonant = std::none_of(vowels.begin(), vowels.end(), [&](std::string_view v) { return ends_with(stem, v); });
        if (consonant) return stem;
    }
    return key;
}

// "Андреевна", "Андреевича", "Іванович": a patronymic, in any case.
bool is_patronymic(std::string_view key) {
    if (key.find("вич") != std::string_view::npos) return true;
    std::size_t vn = key.rfind("вн");  // "-вна", "-вны", "-вной": at most two letters after it
    return vn != std::string_view::npos && vn >= kMinStem && key.size() - vn <= 8;
}

// Words that open a phrase in the languages read as `latin` without being part of a name:
// articles and prepositions ("Die Deutsche Bahn AG", "Von Annett Gehler").
bool is_function_word(std::string_view key) {
    static const std::unordered_set<std::string_view> words{
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen", "von", "vom",
        "im", "am", "zum", "zur", "für", "mit", "bei", "auf", "aus", "nach", "und", "oder", "auch", "wie", "wenn",
        "bis", "als", "um", "so", "es", "was", "war", "man", "an", "ob", "wo", "nun", "da", "la", "le", "les", "el", "los", "las", "il", "lo", "gli", "del", "della", "de", "du", "het", "een", "van",
        "und", "et", "y", "e", "o", "per", "pour", "par", "con", "sur", "sous", "dans", "en", "à", "al", "au", "aux"};
    return words.count(key) > 0;
}

// Legal forms that end a company's name, as written.
bool is_legal_form(std::string_view written) {
    static const std::unordered_set<std::string_view> forms{
        "AG", "GmbH", "SE", "KG", "KGaA", "e.V.", "SA", "S.A.", "SpA", "S.p.A.", "NV", "N.V.", "BV", "B.V.", "Ltd",
        "Ltd.", "Inc", "Inc.", "Corp", "Corp.", "plc", "PLC", "SARL", "SAS", "AB", "ASA", "Oy", "Oyj", "A/S"};
    return forms.count(written) > 0;
}

}  // namespace

struct NamesAbroad::Lists {
    std::unordered_map<std::string, GivenName> cyrillic_given;  // every case form -> the name
    std::unordered_set<std::string> feminine_given;               // women's names in the nominative
    std::unordered_map<std::string, KnownName> cyrillic_known;  // loose_phrase -> the thing
    std::unordered_map<std::string, KnownName> latin_known;     // name_key -> the thing
    std::size_t longest = 1;
};

Reading reading_for(std::string_view language) {
    std::string code = text::fold_case(language.substr(0, language.find_first_of("-_")));
    if (code.empty() || code == "en") return Reading::english;
    if (code == "ru" || code == "uk" || code == "be") return Reading::cyrillic;
    static const std::unordered_set<std::string_view> latin{
        "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "is", "pl", "cs", "sk", "sl", "hr",
        "bs", "ro", "hu", "et", "lv", "lt", "ca", "eu", "gl", "ga", "cy", "mt", "sq", "tr", "az", "id", "ms", "tl",
        "sw", "af", "lb", "rm", "fy", "vi"};
    return latin.count(code) ? Reading::latin : Reading::none;
}

bool is_cyrillic(std::string_view word) {
    if (word.size() < 2) return false;
    auto c = static_cast<unsigned char>(word[0]);
    return c >= 0xD0 && c <= 0xD3;
}

NamesAbroad::NamesAbroad(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {
    auto lists = std::make_unique<Lists>();
    for (std::string_view entry : entity_data::entries(entity_data::word_list("given_names_cyrillic"))) {
        std::size_t colon = entry.find(':');
        if (colon == std::string_view::npos) continue;
        bool feminine = entry.substr(0, colon) == "f";
        for (const std::string& name : text::split_trimmed(entry.substr(colon + 1), ',')) {
            std::string key = entity_data::name_key(name);
            if (feminine) lists->feminine_given.insert(key);
            for (std::string& form : case_forms(key, feminine)) lists->cyrillic_given.try_emplace(form, GivenName{key, feminine});
        }
    }
    // "kind: Canonical | other name | ...": kind is country, place or organization.
    auto add_known = [&](std::string_view list, bool cyrillic) {
        for (std::string_view entry : entity_data::entries(entity_data::word_list(list))) {
            std::size_t colon = entry.find(':');
            if (colon == std::string_view::npos) continue;
            std::string_view kind = entry.substr(0, colon);
            std::vector<std::string> names = text::split_trimmed(entry.substr(colon + 1), '|');
            if (names.empty()) continue;
            KnownName known{kind == "organization" ? KnownKind::organization : KnownKind::place, names.front(), kind == "country"};
            for (const std::string& name : names) {
                std::string key = entity_data::name_key(name);
                std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
                lists->longest = std::max(lists->longest, words);
                if (!cyrillic) {
                    lists->latin_known.try_emplace(key, known);
                    continue;
                }
                std::vector<Token> tokens = tokenize(name);
                lists->cyrillic_known.try_emplace(loose_phrase(tokens, 0, tokens.size()), known);
            }
        }
    };
    add_known("names_cyrillic", true);
    add_known("names_other_languages", false);
    lists_ = std::move(lists);
}

NamesAbroad::~NamesAbroad() = default;

void NamesAbroad::find(Reading reading, const std::vector<Token>& t, std::vector<Mention>& out) const {
    const Lists& lists = *lists_;
    bool cyrillic = reading == Reading::cyrillic;
    auto same_line = [&](std::size_t a, std::size_t b) { return t[a].line == t[b].line; };
    // The token is a capitalised word of the reading's script.
    auto name_word = [&](std::size_t k) { return t[k].is_capital() && is_cyrillic(t[k].text) == cyrillic; };

    // The longest known name starting at b: from this reading's list, or (Latin) the gazetteer.
    auto known_at = [&](std::size_t b, std::size_t& length) -> const KnownName* {
        const KnownName* found = nullptr;
        std::string key;
        for (std::size_t k = b; k < t.size() && k - b < std::max(lists.longest, gazetteer_.longest_phrase()) &&
                                name_word(k) && same_line(b, k);
             ++k) {
            if (cyrillic) {
                auto it = lists.cyrillic_known.find(loose_phrase(t, b, k + 1));
                if (it != lists.cyrillic_known.end()) {
                    found = &it->second;
                    length = k + 1 - b;
                }
                continue;
            }
            if (k > b) key += ' ';
            key += t[k].key;
            auto it = lists.latin_known.find(key);
            const KnownName* known = it != lists.latin_known.end() ? &it->second : gazetteer_.known(key);
            // "Bis" (until) is not the BIS: a short word the English lists know must be written
            // in capitals, and no article or preposition is a name on its own.
            bool short_acronym = it == lists.latin_known.end() && k == b && key.size() <= 3 &&
                                 t[b].shape != Shape::upper;
            bool lone_common = k == b && ((gazetteer_.word_classes(key) & entity_data::common_word) ||
                                          is_function_word(key) || short_acronym);
            if (known && !lone_common) {
                found = known;
                length = k + 1 - b;
            }
        }
        return found;
    };

    for (std::size_t i = 0; i < t.size();) {
        if (!name_word(i)) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        if (const KnownName* known = known_at(i, length)) {
            Mention m{known->kind == KnownKind::organization ? MentionKind::organization : MentionKind::place,
                      known->canonical, length};
            m.country = known->country;
            m.tagged = true;
            out.push_back(std::move(m));
            i += length;
            continue;
        }
        // A person: a given name, then one or two capitalised words (a patronymic, a surname).
        const GivenName* given = nullptr;
        bool latin_given = false;
        if (cyrillic) {
            auto it = lists.cyrillic_given.find(t[i].key);
            if (it != lists.cyrillic_given.end()) given = &it->second;
        } else {
            std::uint32_t classes = gazetteer_.word_classes(t[i].key);
            latin_given = (classes & entity_data::given_name) && !(classes & entity_data::common_word) &&
                          !is_function_word(t[i].key);
        }
        if (given || latin_given) {
            std::size_t e = i + 1;
            // A third word only after a patronymic: "Юрий Васильевич Романов", not "Юрий Егоров Юра".
            // In the Latin alphabet, only after a second given name: "Jennifer Jason Leigh", not
            // "Tom Hanks Regie-Debüt".
            auto room = [&](std::size_t k) {
                if (k - i < 2) return true;
                if (k - i > 2) return false;
                return given ? is_patronymic(t[i + 1].key)
                             : (gazetteer_.word_classes(t[i + 1].key) & entity_data::given_name) != 0;
            };
            while (e < t.size() && room(e) && same_line(i, e) && name_word(e) && !t[e - 1].possessive &&
                   !is_function_word(t[e].key) && !gazetteer_.is_calendar_word(t[e].key)) {
                std::size_t ignored = 0;
                if (known_at(e, ignored)) break;
                ++e;
            }
            if (e - i >= 2) {
                std::string name;
                if (given) {
                    // "Александра Геннадьевна": a woman's patronymic says "Александра" is her
                    // name, not the genitive of "Александр".
                    GivenName woman{t[i].key, true};
                    bool her_patronymic = e - i >= 2 && is_patronymic(t[i + 1].key) &&
                                          t[i + 1].key.find("вич") == std::string::npos;
                    if (her_patronymic && !given->feminine && lists.feminine_given.count(t[i].key)) given = &woman;
                    name = given->nominative;
                    for (std::size_t k = i + 1; k < e; ++k) name += " " + nominative_surname(t[k].key, given->feminine);
                    name = capitalised(name);
                } else {
                    const char* first = t[i].text.data();
                    const char* last = t[e - 1].text.data() + t[e - 1].text.size();
                    name = text::smart_title_case(text::collapse_spaces(std::string_view(first, static_cast<std::size_t>(last - first))));
                }
                Mention m{MentionKind::person, name, e - i};
                m.tagged = true;
                out.push_back(std::move(m));
                i = e;
                continue;
            }
        }
        // A company: capitalised words before a legal form ("Deutsche Bahn AG").
        if (!cyrillic && !is_function_word(t[i].key)) {
            std::size_t e = i;
            while (e < t.size() && e - i < 4 && same_line(i, e) && name_word(e) && !is_legal_form(t[e].text) &&
                   !is_function_word(t[e].key))
                ++e;
            if (e > i && e < t.size() && same_line(i, e) && is_legal_form(t[e].text)) {
                const char* first = t[i].text.data();
                const char* last = t[e].text.data() + t[e].text.size();
                Mention m{MentionKind::organization, text::collapse_spaces(std::string_view(first, static_cast<std::size_t>(last - first))), e + 1 - i};
                m.tagged = true;
                out.push_back(std::move(m));
                i = e + 1;
                continue;
            }
        }
        ++i;
    }
}

}  // namespace dateline::entity_text
