#include "csv_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "article_fields.h"
#include "charset.h"
#include "record_fields.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {
namespace {

using Row = std::vector<std::string>;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && text::equals_ci(s.substr(s.size() - suffix.size()), suffix);
}

// RFC 4180 rows, with the given delimiter and quote; a row may span lines inside quotes.
std::vector<Row> parse_rows(std::string_view data, char delimiter, char quote) {
    std::vector<Row> rows;
    Row row;
    std::string field;
    bool quoted = false, field_was_quoted = false;
    auto end_field = [&] {
        row.push_back(field_was_quoted ? field : text::trim(field));
        field.clear();
        field_was_quoted = false;
    };
    for (std::size_t i = 0; i < data.size(); ++i) {
        char c = data[i];
        if (quoted) {
            if (c == quote) {
                if (i + 1 < data.size() && data[i + 1] == quote) {
                    field += quote;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == quote && text::trim(field).empty()) {
            quoted = true;
            field_was_quoted = true;
            field.clear();
        } else if (c == delimiter) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
            end_field();
            if (!(row.size() == 1 && row[0].empty())) rows.push_back(std::move(row));
            row.clear();
        } else {
            field += c;
        }
    }
    if (!field.empty() || !row.empty()) {
        end_field();
        rows.push_back(std::move(row));
    }
    return rows;
}

// True when one of the row's cells reads as a column name that RecordFields knows.
bool is_header(const Row& row, const ReaderOptions& options) {
    std::set<std::string> known;
    for (const char* k : {"id", "guid", "uuid", "title", "headline", "name", "body", "text", "content", "article_body",
                          "articlebody", "summary", "description", "date", "published", "datepublished", "publish_date",
                          "pubdate", "published_at", "created_at", "timestamp", "url", "link", "source", "publication",
                          "publisher", "site", "author", "authors", "byline", "creator", "section", "category", "label",
                          "language", "lang", "dateline", "people", "persons", "organizations", "organisations", "orgs",
                          "places", "locations", "keywords", "tags", "topics", "subjects"}) {
        known.insert(k);
    }
    for (const auto& [field, key] : options.json_map) known.insert(text::fold_case(key));
    std::size_t named = 0;
    for (const std::string& cell : row) named += known.count(text::fold_case(cell)) ? 1 : 0;
    return named > 0;
}

// Column names for a table without a header: "text" for the longest column, "label" for a
// short column of few distinct values, "column N" for the rest.
std::vector<std::string> names_by_shape(const std::vector<Row>& rows) {
    std::size_t columns = 0;
    for (const Row& r : rows) columns = std::max(columns, r.size());
    std::vector<std::size_t> total(columns, 0), words(columns, 0);
    std::vector<std::set<std::string>> distinct(columns);
    for (const Row& r : rows) {
        for (std::size_t c = 0; c < r.size(); ++c) {
            total[c] += r[c].size();
            words[c] += text::split_trimmed(r[c], ' ').size();
            if (distinct[c].size() < 64) distinct[c].insert(r[c]);
        }
    }
    std::vector<std::string> names(columns);
    std::size_t longest = static_cast<std::size_t>(std::max_element(total.begin(), total.end()) - total.begin());
    for (std::size_t c = 0; c < columns; ++c) {
        names[c] = "column " + std::to_string(c + 1);
        // Article text runs to paragraphs, or at least to a sentence (a one-sentence brief); a
        // table of short cells is no table of articles.
        std::size_t n = std::max<std::size_t>(rows.size(), 1);
        if (c == longest && (total[c] / n >= 80 || (total[c] / n >= 30 && words[c] / n >= 6))) names[c] = "text";
        else if (total[c] / std::max<std::size_t>(rows.size(), 1) < 40 && distinct[c].size() < 64) names[c] = "label";
    }
    return names;
}

// The delimiter and quote under which the first rows agree best on their number of columns
// (two at least): texts full of commas, or quoted with a single quote, still split right.
std::pair<char, char> sniff_dialect(std::string_view data) {
    std::string_view head = data.substr(0, 64 * 1024);
    if (std::size_t cut = head.rfind('\n'); cut != std::string_view::npos && head.size() < data.size()) head = head.substr(0, cut);
    std::pair<char, char> best{',', '"'};
    double best_score = -1;
    for (char delimiter : {',', ';', '\t', '|'}) {
        for (char quote : {'"', '\''}) {
            std::vector<Row> rows = parse_rows(head, delimiter, quote);
            if (rows.size() > 20) rows.resize(20);
            std::map<std::size_t, std::size_t> widths;
            for (const Row& r : rows) ++widths[r.size()];
            auto mode = std::max_element(widths.begin(), widths.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
            if (rows.empty() || mode->first < 2) continue;
            // On a tie, the pair whose quote opens fields after the delimiter: it is in use.
            std::string opening{delimiter, quote};
            std::size_t opened = 0;
            for (std::size_t at = head.find(opening); at != std::string_view::npos && opened < 100; at = head.find(opening, at + 2)) ++opened;
            double score = static_cast<double>(mode->second) / static_cast<double>(rows.size()) + static_cast<double>(opened) * 1e-4;
            if (score > best_score) {
                best = {delimiter, quote};
                best_score = score;
            }
        }
    }
    return best;
}

}  // namespace

int CsvReader::sniff(std::string_view path, std::string_view) const {
    return ends_with_ci(path, ".csv") || ends_with_ci(path, ".tsv") || ends_with_ci(path, ".csv.gz") ? 70 : 0;
}

void CsvReader::read(const SourceFile& file, const ReaderOptions& options, const std::function<void(Article&&)>& emit) const {
    xml::check_file_size(file);
    std::string data = charset::to_utf8(file.data, "");
    auto [delimiter, quote] = sniff_dialect(data);
    std::vector<Row> rows = parse_rows(data, delimiter, quote);
    if (rows.empty()) throw ReadError("the table has no rows");
    std::vector<std::string> names;
    std::size_t first_row = 0;
    if (is_header(rows.front(), options)) {
        for (const std::string& cell : rows.front()) names.push_back(text::fold_case(cell));
        first_row = 1;
    } else {
        names = names_by_shape(rows);
    }
    const RecordFields fields_of(options);
    std::size_t emitted = 0;
    for (std::size_t r = first_row; r < rows.size(); ++r) {
        nlohmann::json record = nlohmann::json::object();
        for (std::size_t c = 0; c < rows[r].size() && c < names.size(); ++c) {
            if (!rows[r][c].empty()) record[names[c]] = rows[r][c];
        }
        Article a = fields_of.article(record);
        if (a.body.empty()) continue;
        if (a.title.empty()) a.title = fields::title_from_text(a.body);
        fields::finish(a, file, name());
        ++emitted;
        emit(std::move(a));
    }
    if (emitted == 0) throw NotAnArticle("not an article table: no column of article text");
}

}  // namespace dateline
