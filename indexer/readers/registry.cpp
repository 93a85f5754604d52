#include "reader.h"
#include "csv_reader.h"
#include "feed_reader.h"
#include "html_reader.h"
#include "jsonl_reader.h"
#include "newsml_reader.h"
#include "nitf_reader.h"
#include "reuters_reader.h"
#include "text_reader.h"

namespace dateline {

const std::vector<std::unique_ptr<Reader>>& all_readers() {
    static const std::vector<std::unique_ptr<Reader>> readers = [] {
        std::vector<std::unique_ptr<Reader>> r;
        // The specific XML vocabularies before HTML, and plain text last: on equal confidence
        // the earlier reader wins.
        r.push_back(std::make_unique<ReutersReader>());
        r.push_back(std::make_unique<NewsmlReader>());
        r.push_back(std::make_unique<NitfReader>());
        r.push_back(std::make_unique<FeedReader>());
        r.push_back(std::make_unique<HtmlReader>());
        r.push_back(std::make_unique<JsonlReader>());
        r.push_back(std::make_unique<CsvReader>());
        r.push_back(std::make_unique<TextReader>());
        return r;
    }();
    return readers;
}

std::string whole_file(const SourceFile& file, std::size_t max_bytes) {
    std::string data = file.data;
    if (file.rest == nullptr) return data;
    char buffer[65536];
    while (std::size_t n = file.rest->read(buffer, sizeof buffer)) {
        data.append(buffer, n);
        if (data.size() > max_bytes) {
            throw ReadError("the file is over the " + std::to_string(max_bytes >> 20) +
                            " MiB limit for a document read whole; split it, or write it as JSON Lines (one record a line)");
        }
    }
    return data;
}

const Reader* reader_named(std::string_view name) {
    for (const auto& r : all_readers()) {
        if (r->name() == name) return r.get();
    }
    return nullptr;
}

const Reader* detect_reader(std::string_view path, std::string_view head) {
    const Reader* best = nullptr;
    int best_score = 0;
    for (const auto& r : all_readers()) {
        int score = r->sniff(path, head);
        if (score > best_score) {
            best = r.get();
            best_score = score;
        }
    }
    return best;
}

}  // namespace dateline
