// Sidecars: an article's metadata kept in a JSON file beside its text or page (discovery.h says
// which files pair up). The JSON is read with the keys of JSON Lines records (record_fields.h):
// {"title": ..., "date": ..., "author": ..., "url": ..., "people": [...]}.
//
// What the sidecar states wins over what the reader made out of the file itself (a headline
// guessed from the first line, a date found in the text); the file gives the text. Stateless.
#pragma once

#include <string>

#include "article.h"
#include "reader.h"

namespace dateline {

// The metadata a sidecar holds. Throws ReadError when it is not a JSON object.
Article read_sidecar(const std::string& json_text, const ReaderOptions& options);

// Fills `a` from the sidecar's metadata: title, date, authors, url, source, section, language,
// dateline and id replace the file's when the sidecar has them; people, organizations, places
// and keywords are added to them; a dateline adds its place, and its date when there is none.
void apply_sidecar(const Article& sidecar, Article& a);

}  // namespace dateline
