// score_entities: measures the entity extractor against annotated news.
//
//   score_entities conll FILE...      CoNLL-2003 files: per-document sets of people, organizations
//                                     and places against the PER/ORG/LOC annotations; P/R/F1
//   score_entities reuters FILE...    Reuters-21578 .sgm: share of tagged people found (by surname)
//                                     and of tagged organizations found (by name or alias), with
//                                     the tags hidden from the extractor; and extraction speed
//   score_entities list LANGUAGE      the entities of each article of a JSON Lines stream on
//                                     stdin (dateline-index --dry-run --json), articles without
//                                     a language read as LANGUAGE: for checking them by hand
//
// Names are compared case-insensitively and by their canonical names (common/entities/entity_aliases.h:
// "U.S." found for a gold "United States" is right); a one-word name matches a longer name of
// the same article whose last word it is (a bare surname is the same person), as the bar
// says.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "conll_corpus.h"
#include "entities.h"
#include "entity_aliases.h"
#include "entity_gazetteer.h"
#include "article_json.h"
#include "reuters_reader.h"
#include "text.h"

namespace {

using dateline::Entities;
using dateline::EntityExtractor;

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string lower(std::string_view s) { return dateline::text::fold_case(s); }

std::string last_word(const std::string& name) {
    std::size_t space = name.rfind(' ');
    return space == std::string::npos ? name : name.substr(space + 1);
}

bool names_match(const std::string& a, const std::string& b) {
    if (a == b) return true;
    bool a_single = a.find(' ') == std::string::npos;
    bool b_single = b.find(' ') == std::string::npos;
    return (a_single && last_word(b) == a) || (b_single && last_word(a) == b);
}

struct Tally {
    std::size_t predicted = 0, predicted_right = 0, gold = 0, gold_found = 0;

    void add(const std::set<std::string>& predicted_names, const std::set<std::string>& gold_names) {
        for (const std::string& p : predicted_names) {
            ++predicted;
            if (std::any_of(gold_names.begin(), gold_names.end(), [&](const std::string& g) { return names_match(p, g); }))
                ++predicted_right;
        }
        for (const std::string& g : gold_names) {
            ++gold;
            if (std::any_of(predicted_names.begin(), predicted_names.end(), [&](const std::string& p) { return names_match(p, g); }))
                ++gold_found;
        }
    }

    void print(const char* label) const {
        double p = predicted ? double(predicted_right) / double(predicted) : 0;
        double r = gold ? double(gold_found) / double(gold) : 0;
        double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
        std::printf("%-14s P %.3f  R %.3f  F1 %.3f   (predicted %zu, gold %zu)\n", label, p, r, f, predicted, gold);
    }
};

// The annotated names of one CoNLL document, lower-cased, by type.
struct ConllNames {
    std::set<std::string> people, organizations, places;
};

ConllNames names_of(const dateline::conll::Document& d) {
    ConllNames names;
    for (const dateline::conll::Sentence& s : d.sentences) {
        for (std::size_t w = 0; w < s.words.size();) {
            if (s.types[w].empty()) {
                ++w;
                continue;
            }
            std::vector<std::string> words{s.words[w]};
            std::size_t e = w + 1;
            while (e < s.words.size() && s.types[e] == s.types[w] && !s.begins[e]) words.push_back(s.words[e++]);
            std::string name = lower(dateline::conll::detokenize(words));
            if (s.types[w] == "PER") names.people.insert(name);
            else if (s.types[w] == "ORG") names.organizations.insert(name);
            else if (s.types[w] == "LOC") names.places.insert(name);
            w = e;
        }
    }
    return names;
}

// The names by their canonical names, lower-cased.
template <typename Names>
std::set<std::string> lowered(const Names& names, dateline::EntityKind kind) {
    const dateline::EntityAliases& aliases = *dateline::EntityAliases::built_in();
    std::set<std::string> out;
    for (const std::string& n : names) out.insert(lower(aliases.canonical_or_self(kind, n)));
    return out;
}

int score_conll(const std::vector<std::string>& files, bool verbose) {
    EntityExtractor extractor;
    Tally people, organizations, places;
    std::size_t documents = 0;
    for (const std::string& file : files) {
        for (const dateline::conll::Document& d : dateline::conll::read_documents(file)) {
            ++documents;
            std::string title = dateline::conll::title_of(d);
            Entities found = extractor.extract(title, dateline::conll::body_of(d));
            ConllNames doc = names_of(d);
            using dateline::EntityKind;
            std::set<std::string> gold_people = lowered(doc.people, EntityKind::person);
            std::set<std::string> gold_organizations = lowered(doc.organizations, EntityKind::organization);
            std::set<std::string> gold_places = lowered(doc.places, EntityKind::place);
            people.add(lowered(found.people, EntityKind::person), gold_people);
            organizations.add(lowered(found.organizations, EntityKind::organization), gold_organizations);
            places.add(lowered(found.places, EntityKind::place), gold_places);
            if (verbose) {
                auto show = [&](const char* type, const std::vector<std::string>& got, const std::set<std::string>& gold,
                                EntityKind kind) {
                    std::set<std::string> g = lowered(got, kind);
                    for (const std::string& n : g)
                        if (!std::any_of(gold.begin(), gold.end(), [&](const std::string& x) { return names_match(n, x); }))
                            std::printf("  false %s: %s\n", type, n.c_str());
                    for (const std::string& n : gold)
                        if (!std::any_of(g.begin(), g.end(), [&](const std::string& x) { return names_match(n, x); }))
                            std::printf("  missed %s: %s\n", type, n.c_str());
                };
                std::printf("doc %zu: %s\n", documents, title.c_str());
                show("PER", found.people, gold_people, EntityKind::person);
                show("ORG", found.organizations, gold_organizations, EntityKind::organization);
                show("LOC", found.places, gold_places, EntityKind::place);
            }
        }
    }
    std::printf("CoNLL: %zu documents\n", documents);
    people.print("people");
    organizations.print("organizations");
    places.print("places");
    return 0;
}

int score_reuters(const std::vector<std::string>& files, bool verbose) {
    EntityExtractor extractor;
    dateline::entity_data::Gazetteer gazetteer;
    auto org_key = [&](const std::string& name) {
        std::string key = dateline::entity_data::name_key(name);
        if (const auto* known = gazetteer.known(key)) return dateline::entity_data::name_key(known->canonical);
        return key;
    };
    dateline::ReutersReader reader;
    std::size_t people = 0, people_found = 0, orgs = 0, orgs_found = 0, stories = 0, bytes = 0;
    std::chrono::steady_clock::duration spent{};
    for (const std::string& file : files) {
        dateline::SourceFile source{file, read_all(file)};
        reader.read(source, {}, [&](dateline::Article&& a) {
            ++stories;
            bytes += a.title.size() + a.dateline.size() + a.body.size();
            auto start = std::chrono::steady_clock::now();
            Entities found = extractor.extract(a.title, a.body, a.dateline);
            spent += std::chrono::steady_clock::now() - start;
            std::set<std::string> surnames;
            for (const std::string& p : found.people) surnames.insert(lower(last_word(p)));
            for (const std::string& p : a.people) {
                ++people;
                bool hit = surnames.count(lower(last_word(p))) > 0;
                people_found += hit;
                if (verbose && !hit) std::printf("  missed person %s in %s\n", p.c_str(), a.id.c_str());
            }
            std::set<std::string> org_keys;
            for (const std::string& o : found.organizations) org_keys.insert(org_key(o));
            for (const std::string& o : a.organizations) {
                ++orgs;
                bool hit = org_keys.count(org_key(o)) > 0;
                orgs_found += hit;
                if (verbose && !hit) std::printf("  missed org %s in %s\n", o.c_str(), a.id.c_str());
            }
        });
    }
    double seconds = std::chrono::duration<double>(spent).count();
    std::printf("Reuters-21578: %zu stories, %.1f MB of text\n", stories, double(bytes) / 1e6);
    std::printf("people found by surname   %zu / %zu = %.3f\n", people_found, people, people ? double(people_found) / double(people) : 0);
    std::printf("organizations found       %zu / %zu = %.3f\n", orgs_found, orgs, orgs ? double(orgs_found) / double(orgs) : 0);
    std::printf("extraction speed          %.2f s, %.1f us per KB, %.0f stories/s on one core\n", seconds,
                seconds * 1e6 / (double(bytes) / 1024.0), double(stories) / seconds);
    return 0;
}

// Every entity found in the articles of a JSON Lines stream (dateline-index --dry-run --json),
// one "kind<TAB>name<TAB>article id" a line, for checking them by hand. Articles with no
// language are read as `language`.
int list_entities(const std::string& language) {
    EntityExtractor extractor;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        dateline::Article a = dateline::article_from_json(nlohmann::json::parse(line));
        if (a.language.empty()) a.language = language;
        Entities found = extractor.extract(a.title, a.body, a.dateline, a.language);
        for (const std::string& n : found.people) std::printf("person\t%s\t%s\n", n.c_str(), a.id.c_str());
        for (const std::string& n : found.organizations) std::printf("organization\t%s\t%s\n", n.c_str(), a.id.c_str());
        for (const std::string& n : found.places) std::printf("place\t%s\t%s\n", n.c_str(), a.id.c_str());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    bool verbose = false;
    if (!args.empty() && args.front() == "-v") {
        verbose = true;
        args.erase(args.begin());
    }
    if (args.size() == 2 && args[0] == "list") {
        try {
            return list_entities(args[1]);
        } catch (const std::exception& e) {
            std::cerr << "score_entities: " << e.what() << "\n";
            return 1;
        }
    }
    if (args.size() < 2 || (args[0] != "conll" && args[0] != "reuters")) {
        std::cerr << "usage: score_entities [-v] conll FILE... | score_entities [-v] reuters FILE.sgm... |\n"
                     "       score_entities list LANGUAGE < articles.jsonl\n";
        return 2;
    }
    std::vector<std::string> files(args.begin() + 1, args.end());
    try {
        return args[0] == "conll" ? score_conll(files, verbose) : score_reuters(files, verbose);
    } catch (const std::exception& e) {
        std::cerr << "score_entities: " << e.what() << "\n";
        return 1;
    }
}
