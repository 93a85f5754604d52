// score_relevance: ranking quality of the search core on a judged test collection, beside plain
// Xapian (QueryParser with OR, BM25 with its default parameters) on the same index, for
// scripts/score-relevance.
//
//   score_relevance convert cisi|med|npl COLLECTION_DIR   JSON Lines of the documents on stdout
//   score_relevance run cisi|med|npl COLLECTION_DIR INDEX  MAP, nDCG@10 and P@10 of both
//
// The collections are those of ../shared/corpora/relevance-dev (see its README for the formats).
// Every judged request is searched as typed (its lines joined by spaces). The figures follow
// trec_eval: average precision over all relevant documents with ranks to 1000, P@10, and
// nDCG@10 with binary gains and log2(rank + 1) discounts, averaged over the judged requests.
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "searcher.h"

using namespace dateline;

namespace {

constexpr std::size_t kDepth = 1000;

struct Record {
    std::string id;
    std::string title;
    std::string text;
    std::string authors;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& path) {
    std::vector<std::string> out;
    std::istringstream in(slurp(path));
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(line);
    }
    return out;
}

std::string join(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + " " + b;
}

// SMART: ".I n" starts a record, ".T", ".A", ".W", ".X", ".B" start its fields.
std::vector<Record> read_smart(const std::string& path) {
    std::vector<Record> out;
    char field = 0;
    for (const std::string& line : lines_of(path)) {
        if (line.size() >= 2 && line[0] == '.' && std::isupper(static_cast<unsigned char>(line[1])) &&
            (line.size() == 2 || line[2] == ' ')) {
            field = line[1];
            if (field == 'I') {
                out.push_back({});
                std::istringstream(line.substr(2)) >> out.back().id;
            }
            continue;
        }
        if (out.empty()) continue;
        Record& r = out.back();
        if (field == 'T') r.title = join(r.title, line);
        else if (field == 'W') r.text = join(r.text, line);
        else if (field == 'A') r.authors = join(r.authors, line);
    }
    return out;
}

// NPL: a number line, the text, a "/" line.
std::vector<Record> read_npl(const std::string& path) {
    std::vector<Record> out;
    bool want_id = true;
    for (const std::string& line : lines_of(path)) {
        std::string t = line;
        t.erase(0, t.find_first_not_of(' '));
        if (want_id) {
            if (t.empty()) continue;
            out.push_back({});
            out.back().id = t;
            want_id = false;
        } else if (t == "/") {
            want_id = true;
        } else {
            out.back().text = join(out.back().text, line);
        }
    }
    return out;
}

std::vector<Record> documents(const std::string& name, const std::string& dir) {
    if (name == "cisi") return read_smart(dir + "/CISI.ALL");
    if (name == "med") return read_smart(dir + "/MED.ALL");
    if (name == "npl") return read_npl(dir + "/doc-text");
    throw std::runtime_error("unknown collection " + name);
}

std::vector<Record> requests(const std::string& name, const std::string& dir) {
    if (name == "cisi") return read_smart(dir + "/CISI.QRY");
    if (name == "med") return read_smart(dir + "/MED.QRY");
    return read_npl(dir + "/query-text");
}

// Request id -> the ids of its relevant documents.
std::map<std::string, std::set<std::string>> judgements(const std::string& name, const std::string& dir) {
    std::map<std::string, std::set<std::string>> out;
    if (name == "cisi" || name == "med") {
        for (const std::string& line : lines_of(dir + (name == "cisi" ? "/CISI.REL" : "/MED.REL"))) {
            std::istringstream in(line);
            std::string q, a, b;
            if (!(in >> q >> a >> b)) continue;
            out[q].insert(name == "cisi" ? a : b);  // CISI: query doc 0 0.0; MED: query 0 doc 1
        }
        return out;
    }
    std::string query;
    for (const std::string& line : lines_of(dir + "/rlv-ass")) {
        std::istringstream in(line);
        std::string word;
        while (in >> word) {
            if (word == "/") query.clear();
            else if (query.empty()) query = word;
            else out[query].insert(word);
        }
    }
    return out;
}

struct Scores {
    double ap = 0, ndcg10 = 0, p10 = 0;
};

Scores score(const std::vector<std::string>& ranked, const std::set<std::string>& relevant) {
    Scores s;
    std::size_t hits = 0;
    double dcg = 0;
    for (std::size_t i = 0; i < ranked.size() && i < kDepth; ++i) {
        if (!relevant.count(ranked[i])) continue;
        ++hits;
        s.ap += static_cast<double>(hits) / static_cast<double>(i + 1);
        if (i < 10) {
            s.p10 += 0.1;
            dcg += 1.0 / std::log2(static_cast<double>(i + 2));
        }
    }
    s.ap /= static_cast<double>(relevant.size());
    double ideal = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(10, relevant.size()); ++i) ideal += 1.0 / std::log2(static_cast<double>(i + 2));
    s.ndcg10 = dcg / ideal;
    return s;
}

// "jsonl-12" -> "12": the id the collection gave the document.
std::string collection_id(const std::string& article_id) {
    std::size_t dash = article_id.rfind('-');
    return dash == std::string::npos ? article_id : article_id.substr(dash + 1);
}

int convert(const std::string& name, const std::string& dir) {
    for (const Record& r : documents(name, dir)) {
        // The collections are English; saying so keeps language detection out of the figures.
        nlohmann::json j{{"id", r.id}, {"body", r.text.empty() ? r.title : r.text}, {"language", "en"}};
        if (!r.title.empty()) j["title"] = r.title;
        if (!r.authors.empty()) j["author"] = r.authors;
        std::cout << j.dump() << "\n";
    }
    return 0;
}

int run(const std::string& name, const std::string& dir, const std::string& index) {
    auto relevant = judgements(name, dir);
    Searcher searcher(index);
    Xapian::Database db(index);
    Xapian::QueryParser plain;
    plain.set_database(db);
    plain.set_stemmer(Xapian::Stem("english"));
    plain.set_stemming_strategy(Xapian::QueryParser::STEM_ALL_Z);  // the terms the index holds
    plain.set_default_op(Xapian::Query::OP_OR);

    Scores ours, reference;
    std::size_t judged = 0, errors = 0, some = 0;
    for (const Record& q : requests(name, dir)) {
        auto rel = relevant.find(q.id);
        if (rel == relevant.end() || rel->second.empty()) continue;
        ++judged;
        SearchRequest request;
        request.query = q.text;
        request.limit = kDepth;
        request.facets.clear();
        request.snippet_chars = 0;
        std::vector<std::string> ranked;
        try {
            SearchResponse response = searcher.search(request);
            if (response.matched == Matched::some) ++some;
            for (const SearchResult& r : response.results) ranked.push_back(collection_id(r.article.id));
        } catch (const QueryError& e) {
            ++errors;
            std::cerr << name << " request " << q.id << ": " << e.what() << "\n";
        }
        Scores s = score(ranked, rel->second);
        ours.ap += s.ap, ours.ndcg10 += s.ndcg10, ours.p10 += s.p10;

        Xapian::Enquire enquire(db);
        enquire.set_query(plain.parse_query(q.text));
        std::vector<std::string> plain_ranked;
        Xapian::MSet mset = enquire.get_mset(0, kDepth);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            plain_ranked.push_back(collection_id(nlohmann::json::parse(it.get_document().get_data()).value("id", "")));
        }
        s = score(plain_ranked, rel->second);
        reference.ap += s.ap, reference.ndcg10 += s.ndcg10, reference.p10 += s.p10;
    }
    auto n = static_cast<double>(std::max<std::size_t>(judged, 1));
    std::printf("%-5s %3zu judged requests  dateline MAP %.4f nDCG@10 %.4f P@10 %.4f   xapian BM25 OR MAP %.4f nDCG@10 %.4f P@10 %.4f"
                "   (%zu answered with partial matches, %zu errors)\n",
                name.c_str(), judged, ours.ap / n, ours.ndcg10 / n, ours.p10 / n, reference.ap / n, reference.ndcg10 / n,
                reference.p10 / n, some, errors);
    return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (args.size() == 3 && args[0] == "convert") return convert(args[1], args[2]);
        if (args.size() == 4 && args[0] == "run") return run(args[1], args[2], args[3]);
    } catch (const std::exception& e) {
        std::cerr << "score_relevance: " << e.what() << "\n";
        return 2;
    }
    std::cerr << "usage: score_relevance convert cisi|med|npl DIR > docs.jsonl\n"
                 "       score_relevance run cisi|med|npl DIR INDEX\n";
    return 2;
}
