#include "csv_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "article_fields.h"
#include "charset.h"
#include "line_stream.h"
#include "record_fields.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {
namespace {

using Row = std::vector<std::string>;

bool ends_with_ci(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && text::equals_ci(s.substr(s.size() - suffix.size()), suffix);
}

// RFC 4180 rows, with the given delimiter and quote, fed a line at a time: a row may span lines
// inside quotes. A row is broken when a quoted field has text after its closing quote (a stray
// quote that swallowed the line ends after it) or when a quote is still open at the end of the
// file or after max_field bytes; a broken row is passed on with `broken` saying why.
class RowParser {
public:
    struct Done {
        Row row;
        std::size_t line = 0;   // where the row starts
        std::string broken;     // why it is broken, "" when it is not
    };

    RowParser(char delimiter, char quote, std::size_t max_field) : delimiter_(delimiter), quote_(quote), max_field_(max_field) {}

    // Feeds one line (without its line end); calls `done` for each row it completes.
    template <typename F>
    void feed(std::string_view line, std::size_t line_number, F&& done) {
        if (!quoted_ && row_.empty() && field_.empty()) first_line_ = line_number;
        for (std::size_t i = 0; i < line.size(); ++i) {
            char c = line[i];
            if (quoted_) {
                if (c == quote_) {
                    if (i + 1 < line.size() && line[i + 1] == quote_) {
                        field_ += quote_;
                        ++i;
                    } else {
                        quoted_ = false;
                    }
                } else {
                    field_ += c;
                }
                continue;
            }
            if (c == quote_ && text::trim(field_).empty()) {
                quoted_ = true;
                field_was_quoted_ = true;
                field_.clear();
            } else if (c == delimiter_) {
                end_field();
            } else if (c == '\r') {
                end_row(done);  // old Mac line ends
                first_line_ = line_number;
            } else {
                if (field_was_quoted_ && c != ' ' && c != '\t' && broken_.empty()) {
                    broken_ = "text after the closing quote of field " + std::to_string(row_.size() + 1) +
                              " (a stray quote?)";
                }
                field_ += c;
            }
        }
        if (quoted_) {
            field_ += '\n';
            if (field_.size() > max_field_) {
                broken_ = "a quote opened on line " + std::to_string(first_line_) + " is not closed within " +
                          std::to_string(max_field_ >> 20) + " MiB";
                quoted_ = false;
                field_.clear();
                end_row(done);
            }
            return;
        }
        end_row(done);
    }

    // The end of the file: a row still open is completed (broken when a quote is open).
    template <typename F>
    void finish(F&& done) {
        if (quoted_) broken_ = "a quote opened on line " + std::to_string(first_line_) + " is never closed";
        quoted_ = false;
        if (!field_.empty() || !row_.empty()) end_row(done);
    }

private:
    void end_field() {
        row_.push_back(field_was_quoted_ ? field_ : text::trim(field_));
        field_.clear();
        field_was_quoted_ = false;
    }

    template <typename F>
    void end_row(F&& done) {
        end_field();
        if (!(row_.size() == 1 && row_[0].empty()) || !broken_.empty()) done(Done{std::move(row_), first_line_, std::move(broken_)});
        row_.clear();
        broken_.clear();
    }

    char delimiter_, quote_;
    std::size_t max_field_;
    Row row_;
    std::string field_;
    std::string broken_;
    bool quoted_ = false, field_was_quoted_ = false;
    std::size_t first_line_ = 1;
};

// The rows of text held in memory (the head of a file), broken ones included.
std::vector<Row> parse_rows(std::string_view data, char delimiter, char quote) {
    std::vector<Row> rows;
    RowParser parser(delimiter, quote, kMaxParsedBytes);
    auto keep = [&](RowParser::Done&& d) { rows.push_back(std::move(d.row)); };
    std::size_t line = 0;
    for (std::size_t start = 0; start < data.size();) {
        std::size_t end = data.find('\n', start);
        if (end == std::string_view::npos) end = data.size();
        std::string_view text = data.substr(start, end - start);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        parser.feed(text, ++line, keep);
        start = end + 1;
    }
    parser.finish(keep);
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
    if (file.rest == nullptr && (file.data.starts_with("\xFF\xFE") || file.data.starts_with("\xFE\xFF"))) {
        // UTF-16 in memory (the loader decodes files): decoded whole first.
        read(SourceFile{file.path, charset::to_utf8(file.data, ""), nullptr, file.warn}, options, emit);
        return;
    }
    // The dialect, the header and (without one) the columns' roles come from the first rows, the
    // ones in the head: the table is then read a line at a time, whatever its size.
    std::string_view head_bytes = std::string_view(file.data).substr(0, 64 * 1024);
    if (head_bytes.starts_with("\xEF\xBB\xBF")) head_bytes.remove_prefix(3);
    if (file.rest != nullptr || file.data.size() > 64 * 1024) {
        // Only whole lines: the head's last line may be cut.
        if (std::size_t cut = head_bytes.rfind('\n'); cut != std::string_view::npos) head_bytes = head_bytes.substr(0, cut + 1);
    }
    charset::StreamDecoder decoder(head_bytes);
    std::string head = decoder.decode(head_bytes);
    auto [delimiter, quote] = sniff_dialect(head);
    std::vector<Row> head_rows = parse_rows(head, delimiter, quote);
    if (head_rows.empty()) throw ReadError("the table has no rows");
    std::vector<std::string> names;
    bool has_header = is_header(head_rows.front(), options);
    if (has_header) {
        for (const std::string& cell : head_rows.front()) names.push_back(text::fold_case(cell));
    } else {
        names = names_by_shape(head_rows);
    }
    // Trailing empty cells ("a,b,,") are no damage.
    auto width = [](const Row& row) {
        std::size_t n = row.size();
        while (n > 0 && row[n - 1].empty()) --n;
        return n;
    };
    const RecordFields fields_of(options);
    std::size_t emitted = 0, rows_seen = 0, broken = 0;
    auto take = [&](RowParser::Done&& d) {
        if (rows_seen++ == 0 && has_header) return;
        if (d.broken.empty() && width(d.row) > names.size()) {
            d.broken = std::to_string(width(d.row)) + " fields where the " + (has_header ? "header has " : "table has ") +
                       std::to_string(names.size());
        }
        if (!d.broken.empty()) {
            ++broken;
            file.report(d.line, "broken row (" + d.broken + "): skipped");
            return;
        }
        nlohmann::json record = nlohmann::json::object();
        for (std::size_t c = 0; c < d.row.size() && c < names.size(); ++c) {
            if (!d.row[c].empty()) record[names[c]] = d.row[c];
        }
        Article a = fields_of.article(record);
        if (a.body.empty()) return;
        if (a.title.empty()) a.title = fields::title_from_text(a.body);
        fields::finish(a, file, name());
        ++emitted;
        emit(std::move(a));
    };
    RowParser parser(delimiter, quote, kMaxParsedBytes);
    LineStream lines(file, kMaxParsedBytes);
    for (std::string_view line; lines.next(line);) {
        if (lines.too_long()) {
            ++broken;
            file.report(lines.line_number(), "longer than " + std::to_string(kMaxParsedBytes >> 20) + " MiB: skipped");
            continue;
        }
        parser.feed(decoder.decode(line), lines.line_number(), take);
    }
    parser.finish(take);
    if (emitted == 0 && broken > 0) throw ReadError("no readable row: " + std::to_string(broken) + " broken");
    if (emitted == 0) throw NotAnArticle("not an article table: no column of article text");
}

}  // namespace dateline
