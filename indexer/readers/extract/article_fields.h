// Turning a format's raw field values into Article fields, the same way in every reader.
// Stateless and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "reader.h"

namespace dateline::fields {

// The people named in a byline: "By JANE DOE and John Roe, Associated Press Writer" ->
// {"Jane Doe", "John Roe"}. Job titles, agency names, e-mail addresses and URLs are dropped;
// ALL-CAPS names are title-cased. Also takes a bare name ("Jane Doe").
std::vector<std::string> byline_names(std::string_view byline);

// A date from a machine-readable attribute or field: ISO 8601 in its basic form as NITF and
// NewsML write it ("20151014T024358+0100"), anything dates::parse reads, or Unix epoch seconds
// when `epoch_ok` ("1253044140.0"). Placeholders ("YYYYMMDD...") give nullopt.
std::optional<UtcTime> parse_date(std::string_view value, bool epoch_ok = false);

// The date written somewhere in a short phrase, such as a page's timestamp line ("Posted: Oct 14,
// 2022 9:27 AM ET | Last Updated ...", "By Jo Doe March 25, 2015"): the longest run of its words
// that parse_date reads in full. Phrases of more than 24 words give nullopt: a date in running
// prose is not a timestamp.
std::optional<UtcTime> date_in_phrase(std::string_view phrase);

// An ISO 639-1 code from a language tag: "en-US", "en_GB", "EN", "eng", "deu" -> "en"/"de";
// "" when it is not recognisably one.
std::string language_code(std::string_view tag);

// The host of a URL without "www." ("https://www.bbc.co.uk/news/x" -> "bbc.co.uk"), or "".
std::string url_host(std::string_view url);

// A name as archive indexes write it, in capitals and surname first, with a qualifier in
// brackets: "VALE, HENRIETTA" -> "Henrietta Vale" (when `person`), "NORTHPORT (MAINE)" ->
// "Northport". Names in mixed case keep their case.
std::string index_entry_name(std::string_view raw, bool person);

// A headline for a story that has none: the first sentence of its text, at most about 100 bytes
// ("Quake hits coast. Hundreds flee." -> "Quake hits coast.").
std::string title_from_text(std::string_view body);

// What a wire dateline in `a.dateline` says (read with common/dateline.h): its place and country
// join the article's places, and its date is the article's when the source gave none (a day and
// month alone then have no year to take, so they give none).
void apply_dateline(Article& a);

// What every reader does last: sets format and source_path, collapses the title to one line,
// trims list values, reads the dateline (apply_dateline), says what kind of text the story is
// when the reader did not (story_kind.h), and cuts title and body to the per-field limits.
void finish(Article& a, const SourceFile& file, std::string_view format);

}  // namespace dateline::fields
