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
    if (!start.starts_with("{")) return 0;
    if (path.ends_with(".jsonl") || path.ends_with(".ndjson") || path.ends_with(".jsonl.gz")) return 95;
    // A first line that is a whole object, and another object after it.
    std::size_t eol = start.find('\n');
    if (eol != std::string::npos && text::trim(std::string_view(start).substr(0, eol)).ends_with("}")) return 80;
    return path.ends_with(".json") ? 40 : 20;
}

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
        if (whole.is_array()) {
            for (const json& record : whole) take(record, 0);
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
