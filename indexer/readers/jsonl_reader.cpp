#include "jsonl_reader.h"

#include <nlohmann/json.hpp>

#include "article_fields.h"
#include "record_fields.h"
#include "charset.h"
#include "html_text.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {

using nlohmann::json;
int JsonlReader::sniff(std::string_view path, std::string_view head) const {
    std::string start = text::trim(head.substr(0, 4096));
    if (start.starts_with("\xEF\xBB\xBF")) start = text::trim(std::string_view(start).substr(3));
    if (start.starts_with("[")) {
        // An export's array of article objects.
        std::string rest = text::trim(std::string_view(start).substr(1));
        if (!rest.starts_with("{")) return 0;
        return path.ends_with(".json") || path.ends_with(".json.gz") ? 85 : 60;
    }
    if (!start.starts_with("{")) return 0;
    if (path.ends_with(".jsonl") || path.ends_with(".ndjson") || path.ends_with(".jsonl.gz")) return 95;
    // A first line that is a whole object, and another object after it.
    std::size_t eol = start.find('\n');
    if (eol != std::string::npos && text::trim(std::string_view(start).substr(0, eol)).ends_with("}")) return 80;
    return path.ends_with(".json") || path.ends_with(".json.gz") ? 40 : 20;
}

namespace {

// The records of an API response or a search engine's dump: the largest array of objects within
// a few levels ({"response": {"docs": [...]}}, {"hits": {"hits": [...]}}, {"articles": [...]}).
const json* largest_record_array(const json& doc, int depth = 0) {
    const json* best = nullptr;
    if (depth > 3 || !doc.is_object()) return best;
    for (const auto& [key, value] : doc.items()) {
        const json* candidate = nullptr;
        if (value.is_array() && !value.empty() && value.front().is_object()) candidate = &value;
        else if (value.is_object()) candidate = largest_record_array(value, depth + 1);
        if (candidate && (!best || candidate->size() > best->size())) best = candidate;
    }
    return best;
}

}  // namespace

void JsonlReader::read(const SourceFile& file, const ReaderOptions& options, const std::function<void(Article&&)>& emit) const {
    xml::check_file_size(file);
    const RecordFields fields_of(options);
    std::string data = charset::to_utf8(file.data, "");
    std::size_t bad = 0, first_bad = 0, good = 0;
    std::string first_reason;
    auto fail = [&](std::size_t line, std::string reason) {
        if (bad++ == 0) {
            first_bad = line;
            first_reason = std::move(reason);
        }
    };
    std::size_t without_text = 0;
    auto take = [&](const json& record, std::size_t line) {
        if (!record.is_object()) {
            fail(line, "not a JSON object");
            return;
        }
        Article a = fields_of.article(record);
        // A record with no article text is metadata (a page's title and date, a link), not an
        // article: it is passed over, like a feed's empty item.
        if (a.body.empty()) {
            ++without_text;
            return;
        }
        if (a.title.empty()) a.title = fields::title_from_text(a.body);
        fields::finish(a, file, name());
        ++good;
        emit(std::move(a));
    };
    // A whole JSON document (an export's array of articles, one pretty-printed object) first;
    // otherwise JSON Lines, one record a line.
    json whole = json::parse(data, nullptr, false);
    if (!whole.is_discarded() && (whole.is_array() || whole.is_object())) {
        const json* records = whole.is_array() ? &whole : nullptr;
        // One object: an article, or a response that holds the articles.
        if (!records && fields_of.article(whole).body.empty()) records = largest_record_array(whole);
        if (records) {
            for (const json& record : *records) take(record, 0);
        } else {
            take(whole, 1);
        }
    } else {
        std::size_t line_no = 0;
        for (std::size_t start = 0; start < data.size();) {
            std::size_t end = data.find('\n', start);
            if (end == std::string::npos) end = data.size();
            std::string_view line = std::string_view(data).substr(start, end - start);
            start = end + 1;
            ++line_no;
            if (text::trim(line).empty()) continue;
            json record = json::parse(line, nullptr, false);
            if (record.is_discarded()) {
                fail(line_no, "not valid JSON");
                continue;
            }
            take(record, line_no);
        }
    }
    if (good == 0 && bad == 0) {
        throw NotAnArticle("not an article: " + std::to_string(without_text) + " JSON record" + (without_text == 1 ? "" : "s") +
                           " without article text");
    }
    if (bad > 0) {
        throw ReadError(std::to_string(bad) + " bad line" + (bad == 1 ? "" : "s") + " of " + std::to_string(bad + good) +
                            " records, first at line " + std::to_string(first_bad) + ": " + first_reason,
                        first_bad);
    }
}

}  // namespace dateline
