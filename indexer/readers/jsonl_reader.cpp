#include "jsonl_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "article_fields.h"
#include "record_fields.h"
#include "charset.h"
#include "html_text.h"
#include "line_stream.h"
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

namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..." ->
// "column 9: syntax error ...". Also takes the out_of_range error a number too large for a double
// raises ("1e999"), which nlohmann reports apart from syntax errors.
std::string parse_problem(const json::exception& e) {
    std::string what = e.what();
    std::size_t at = what.find("column ");
    if (at == std::string::npos) at = what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2;
    return what.substr(at);
}

std::string kind_of(const json& value) {
    if (value.is_array()) return "an array";
    if (value.is_string()) return "a string";
    if (value.is_number()) return "a number";
    if (value.is_boolean()) return "true or false";
    return "null";
}

// True when the file is JSON Lines, to be read a line at a time: its first non-blank line is a
// JSON object on its own, or (that line being damaged) two of the first three are. In a
// pretty-printed document, at most an inner record's line is. A first line that runs past the
// head is read as a line too: a huge first record, or a whole document on one line, which
// reads the same.
bool looks_like_lines(std::string_view head) {
    std::string_view rest = head;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
    if (text::trim(rest).starts_with("[")) return false;
    int seen = 0, objects = 0;
    while (!rest.empty() && seen < 3) {
        std::size_t eol = rest.find('\n');
        if (eol == std::string_view::npos) return seen == 0 ? !text::trim(rest).empty() : objects >= 2;
        std::string line = text::trim(rest.substr(0, eol));
        rest.remove_prefix(eol + 1);
        if (line.empty()) continue;
        bool object = line.starts_with("{") && json::accept(line);
        if (object && seen == 0) return true;
        ++seen;
        objects += object ? 1 : 0;
    }
    return objects >= 2;
}

}  // namespace

void JsonlReader::read(const SourceFile& file, const ReaderOptions& options, const std::function<void(Article&&)>& emit) const {
    const RecordFields fields_of(options);
    std::size_t bad = 0, first_bad = 0, good = 0, without_text = 0;
    std::string first_reason;
    auto skip = [&](std::size_t line, std::string reason) {
        if (bad++ == 0) {
            first_bad = line;
            first_reason = reason;
        }
        file.report(line, reason);
    };
    std::function<void(const json&, std::size_t, bool)> take = [&](const json& record, std::size_t line, bool nested) {
        if (!record.is_object()) {
            skip(line, "not a JSON object but " + kind_of(record) + ": skipped");
            return;
        }
        Article a = fields_of.article(record);
        // A record with no article text is metadata (a page's title and date, a link), not an
        // article: it is passed over, like a feed's empty item. Unless it is an API response
        // that holds the articles.
        if (a.body.empty()) {
            const json* records = nested ? nullptr : largest_record_array(record);
            if (records) {
                for (const json& r : *records) take(r, line, true);
            } else {
                ++without_text;
            }
            return;
        }
        if (a.title.empty()) a.title = fields::title_from_text(a.body);
        fields::finish(a, file, name());
        ++good;
        emit(std::move(a));
    };
    auto read_lines = [&](const SourceFile& source) {
        charset::StreamDecoder decoder(source.data.substr(0, 65536));
        LineStream lines(source, kMaxParsedBytes);
        for (std::string_view line; lines.next(line);) {
            if (lines.too_long()) {
                skip(lines.line_number(), "longer than " + std::to_string(kMaxParsedBytes >> 20) + " MiB: skipped");
                continue;
            }
            if (text::trim(line).empty()) continue;
            json record;
            try {
                record = json::parse(decoder.decode(line));
            } catch (const json::exception& e) {
                skip(lines.line_number(), "not valid JSON (" + parse_problem(e) + "): skipped");
                continue;
            }
            take(record, lines.line_number(), false);
        }
    };
    if (looks_like_lines(file.data)) {
        read_lines(file);
    } else {
        // A whole JSON document (an export's array of articles, one pretty-printed object) must
        // be parsed at once; if it is none, its lines are read one by one after all.
        SourceFile whole{file.path, charset::to_utf8(whole_file(file, kMaxParsedBytes), ""), nullptr, file.warn};
        json doc = json::parse(whole.data, nullptr, false);
        if (!doc.is_discarded() && (doc.is_array() || doc.is_object())) {
            if (doc.is_array()) {
                for (const json& record : doc) take(record, 0, true);
            } else {
                take(doc, 1, false);
            }
        } else {
            read_lines(whole);
        }
    }
    if (good == 0 && bad == 0) {
        throw NotAnArticle("not an article: " + std::to_string(without_text) + " JSON record" + (without_text == 1 ? "" : "s") +
                           " without article text");
    }
    if (good == 0) {
        throw ReadError("no readable record: " + std::to_string(bad) + " bad line" + (bad == 1 ? "" : "s") +
                            ", the first at line " + std::to_string(first_bad) + ": " + first_reason,
                        first_bad);
    }
}

}  // namespace dateline
