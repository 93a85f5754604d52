// HtmlReader: a saved HTML news page, one article per file.
//
// The page's metadata (html::read_page_metadata: JSON-LD, OpenGraph and other <meta> tags,
// microformats) gives title, date, authors, source, url, language, section, keywords and the
// curated entities JSON-LD types; the body is the article text alone
// (html::extract_article_text), paragraphs separated by "\n\n". The encoding is the page's
// declared charset (meta charset, http-equiv, XML declaration), else detected (charset.h).
#pragma once

#include "reader.h"

namespace dateline {

class HtmlReader final : public Reader {
public:
    std::string_view name() const override { return "html"; }
    int sniff(std::string_view path, std::string_view head) const override;
    void read(const SourceFile& file, const ReaderOptions& options,
              const std::function<void(Article&&)>& emit) const override;
};

}  // namespace dateline
