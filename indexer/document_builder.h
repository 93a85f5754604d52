// DocumentBuilder: Article -> Xapian::Document, driven entirely by the schema table.
//
// For every field of common/schema.h: free text is indexed with positions under the field's
// prefix (and unprefixed too for "general" fields, so plain words find headlines and names),
// with the field's weight and a position gap between fields so phrases never match across
// them; exact filters become one boolean term per value; slots receive the sortable date or the
// facet lists. The document data is the article as JSON (common/article_json.h), which the
// searcher shows without re-reading any file; its hash is the document's fingerprint.
//
// Words are stemmed with the Snowball stemmer of the article's language and accent-folded
// (common/stemming.h), through a per-builder memo of stems (stem_memo.h); Chinese, Japanese
// and Korean text is indexed as character n-grams.
//
// A builder owns a Xapian::TermGenerator, which is not thread-safe: give each worker thread its
// own builder. A document it returns is referenced by nothing else, so it may be handed to
// another thread (Xapian's reference counts are not atomic).
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "article.h"

namespace dateline {

class DocumentBuilder {
public:
    DocumentBuilder();

    Xapian::Document build(const Article& a);

    // The unique id term of an article ("Q" + id), used to replace it.
    static std::string id_term(const Article& a);

private:
    // The stemmer for an article in `language`, made on first use.
    const Xapian::Stem& stemmer_for(const std::string& language);

    Xapian::TermGenerator termgen_;
    std::map<std::string, Xapian::Stem> stemmers_;  // by Snowball name
};

}  // namespace dateline
