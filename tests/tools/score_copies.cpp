// score_copies: how well the indexer groups copies of one story (indexer/copy_finder.h), on a
// labelled set built from Reuters-21578. Behind scripts/score-copies, in two steps around a real
// dateline-index run:
//
//   score_copies make WORK FILE...   reads the Reuters .sgm FILEs and writes, into the folder
//                                    WORK, copies.jsonl (stories edited as a second outlet would
//                                    run them) and labels.tsv (pairs of ids: copy or not)
//   score_copies score INDEX WORK [-v]
//                                    reads the story key of every labelled id from the index
//                                    built from the FILEs and copies.jsonl, and prints recall per
//                                    kind of copy and the pairs' precision (-v: every miss and
//                                    false group, to be checked by eye)
//
// The labels:
//   real       two Reuters stories with the same headline (a "CORRECTED - " or "REPEAT" mark
//              taken off) sent within copy_finder's window: re-sends and corrections
//   headline   a story under a new headline, body untouched
//   trimmed    its last 20 to 30% cut (whole words)
//   added      a new headline and a paragraph of another story added at the end
//   both       trimmed by a quarter and a paragraph added
//   negative   two stories of one day under the same first topic (TOPICS) with different
//              headlines: the same event or subject, written apart
// Edited copies are made of every 25th story long enough to survive the cut (80 words), and are
// dated two hours after their original, under the source "Copy Wire".
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "article_json.h"
#include "dates.h"
#include "minhash.h"
#include "reuters_reader.h"
#include "schema.h"
#include "text.h"

namespace {

using dateline::Article;

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> words_of(const std::string& body) {
    std::vector<std::string> out;
    std::istringstream in(body);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// The headline without the marks of a re-send.
std::string headline_key(std::string title) {
    title = dateline::text::fold_case(title);
    for (const char* mark : {"corrected - ", "corrected-", "(corrected) - ", "(corrected) ", "repeat - ", "repeat "}) {
        if (title.rfind(mark, 0) == 0) title = title.substr(std::string(mark).size());
    }
    return dateline::text::collapse_spaces(title);
}

std::string first_paragraph(const std::string& body) { return body.substr(0, body.find("\n\n")); }

bool within_window(const Article& a, const Article& b) {
    if (!a.published || !b.published) return false;
    auto apart = *a.published > *b.published ? *a.published - *b.published : *b.published - *a.published;
    return apart <= std::chrono::hours(20);
}

std::vector<Article> read_reuters(const std::vector<std::string>& files) {
    dateline::ReutersReader reader;
    std::vector<Article> out;
    for (const std::string& file : files) {
        dateline::SourceFile source{file, read_all(file)};
        reader.read(source, {}, [&](Article&& a) { out.push_back(std::move(a)); });
    }
    return out;
}

int make(const std::string& work, const std::vector<std::string>& files) {
    std::vector<Article> stories = read_reuters(files);
    std::filesystem::create_directories(work);
    std::ofstream copies(work + "/copies.jsonl");
    std::ofstream labels(work + "/labels.tsv");
    auto long_enough = [](const Article& a) { return words_of(a.body).size() >= dateline::minhash::kMinWords; };

    // Real re-sends and corrections: one headline, within the window.
    std::map<std::string, std::vector<const Article*>> by_headline;
    for (const Article& a : stories) {
        if (long_enough(a)) by_headline[headline_key(a.title)].push_back(&a);
    }
    std::size_t real = 0;
    for (const auto& [key, group] : by_headline) {
        for (std::size_t i = 0; i + 1 < group.size(); ++i) {
            if (!within_window(*group[i], *group[i + 1])) continue;
            labels << "real\t" << group[i]->id << "\t" << group[i + 1]->id << "\n";
            ++real;
        }
    }

    // Edited copies.
    std::vector<const Article*> eligible;
    for (const Article& a : stories) {
        if (words_of(a.body).size() >= 80 && a.published) eligible.push_back(&a);
    }
    std::size_t made = 0;
    const char* kinds[] = {"headline", "trimmed", "added", "both"};
    for (std::size_t i = 0; i < eligible.size(); i += 25, ++made) {
        const Article& a = *eligible[i];
        const Article& other = *eligible[(i + eligible.size() / 2) % eligible.size()];
        std::string kind = kinds[made % 4];
        std::vector<std::string> w = words_of(a.body);
        std::string body = a.body;
        std::string title = "Copy Wire: " + dateline::text::smart_title_case(a.title);
        if (kind == "trimmed" || kind == "both") {
            std::size_t cut_percent = kind == "both" ? 25 : 20 + made % 11;
            std::size_t keep = w.size() - w.size() * cut_percent / 100;
            body = dateline::text::join(std::vector<std::string>(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(keep)), " ");
        }
        if (kind == "trimmed") title = a.title;
        if (kind == "added" || kind == "both") body += "\n\n" + first_paragraph(other.body);
        nlohmann::json line{{"id", "copy-" + std::to_string(made) + "-" + kind},
                            {"title", title},
                            {"body", body},
                            {"date", dateline::dates::to_iso8601(*a.published + std::chrono::hours(2))},
                            {"source", "Copy Wire"}};
        copies << line.dump() << "\n";
        labels << kind << "\t" << a.id << "\t" << line["id"].get<std::string>() << "\n";
    }

    // Negatives: one day, one first topic, different headlines.
    std::map<std::string, std::vector<const Article*>> by_day_topic;
    for (const Article& a : stories) {
        if (!long_enough(a) || !a.published || a.subjects.empty()) continue;
        by_day_topic[dateline::dates::to_compact(*a.published).substr(0, 8) + "/" + a.subjects.front()].push_back(&a);
    }
    std::size_t negatives = 0;
    for (const auto& [key, group] : by_day_topic) {
        for (std::size_t i = 0; i + 1 < group.size(); ++i) {
            if (headline_key(group[i]->title) == headline_key(group[i + 1]->title)) continue;
            labels << "negative\t" << group[i]->id << "\t" << group[i + 1]->id << "\n";
            ++negatives;
        }
    }
    std::printf("%zu Reuters stories: %zu pairs of re-sends, %zu edited copies, %zu pairs of other stories on one day and topic\n",
                stories.size(), real, made, negatives);
    return 0;
}

struct Tally {
    std::size_t pairs = 0, grouped = 0;
};

int score(const std::string& index, const std::string& work, bool verbose) {
    Xapian::Database db(index);
    const auto& id_field = dateline::schema::field(dateline::schema::FieldId::id);
    // JSON Lines ids are indexed under the reader's "jsonl-" mark.
    auto find = [&](const std::string& id) {
        std::string term = dateline::schema::filter_term(id_field, id);
        if (db.get_termfreq(term) == 0) term = dateline::schema::filter_term(id_field, "jsonl-" + id);
        return db.postlist_begin(term);
    };
    auto story = [&](const std::string& id) -> std::string {
        auto p = find(id);
        if (p == db.postlist_end("")) return "";
        return db.get_document(*p).get_value(dateline::schema::kSlotStory);
    };
    auto title = [&](const std::string& id) {
        auto p = find(id);
        if (p == db.postlist_end("")) return std::string("(not in the index)");
        return nlohmann::json::parse(db.get_document(*p).get_data()).value("title", "");
    };
    std::map<std::string, Tally> tallies;
    std::ifstream labels(work + "/labels.tsv");
    std::size_t missing = 0;
    for (std::string line; std::getline(labels, line);) {
        std::vector<std::string> f = dateline::text::split_trimmed(line, '\t');
        if (f.size() != 3) continue;
        std::string a = story(f[1]), b = story(f[2]);
        if (a.empty() || b.empty()) {
            ++missing;
            continue;
        }
        Tally& t = tallies[f[0]];
        ++t.pairs;
        bool grouped = a == b;
        t.grouped += grouped;
        bool wrong = f[0] == "negative" ? grouped : !grouped;
        if (verbose && wrong) {
            std::printf("  %s %s: %s | %s: %s\n", grouped ? "grouped" : "missed", f[1].c_str(), title(f[1]).c_str(), f[2].c_str(),
                        title(f[2]).c_str());
        }
    }
    if (missing) std::printf("(%zu labelled pairs not in the index)\n", missing);
    std::size_t positives = 0, found = 0;
    for (const auto& [kind, t] : tallies) {
        if (kind == "negative") continue;
        positives += t.pairs;
        found += t.grouped;
        std::printf("%-9s %5zu pairs, %5zu grouped: recall %.3f\n", kind.c_str(), t.pairs, t.grouped,
                    t.pairs ? double(t.grouped) / double(t.pairs) : 0.0);
    }
    const Tally& neg = tallies["negative"];
    std::printf("%-9s %5zu pairs, %5zu grouped: false-group rate %.4f\n", "negative", neg.pairs, neg.grouped,
                neg.pairs ? double(neg.grouped) / double(neg.pairs) : 0.0);
    std::printf("all copies: recall %.3f; precision %.3f (grouped copies / all grouped labelled pairs)\n",
                positives ? double(found) / double(positives) : 0.0,
                found + neg.grouped ? double(found) / double(found + neg.grouped) : 0.0);
    // The index as a whole: how many stories have copies.
    std::map<std::string, std::size_t> sizes;
    for (auto v = db.valuestream_begin(dateline::schema::kSlotStory); v != db.valuestream_end(dateline::schema::kSlotStory); ++v) ++sizes[*v];
    std::size_t groups = 0, in_groups = 0;
    for (const auto& [key, n] : sizes) {
        if (n > 1) {
            ++groups;
            in_groups += n;
        }
    }
    std::printf("index: %u articles, %zu stories with copies holding %zu articles\n", db.get_doccount(), groups, in_groups);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() >= 3 && args[0] == "make") return make(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
        if ((args.size() == 3 || args.size() == 4) && args[0] == "score") return score(args[1], args[2], args.size() == 4 && args[3] == "-v");
        std::cerr << "usage: score_copies make WORK FILE.sgm... | score_copies score INDEX WORK [-v]\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "score_copies: " << e.what() << "\n";
        return 1;
    }
}
