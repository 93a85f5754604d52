// index_articles: the search tests' way to put a handful of hand-made articles into an index,
// through the real document builder and index writer, as if one file at `path` held them.
#pragma once

#include <string>
#include <vector>

#include "article.h"
#include "document_builder.h"
#include "index_writer.h"

namespace dateline::testing {

// Writes `articles` into the index at `db` (created when missing) and commits.
inline void index_articles(const std::string& db, const std::vector<Article>& articles,
                           const std::string& path = "/archive/stories") {
    IndexWriter writer(db);
    DocumentBuilder builder;
    std::vector<BuiltArticle> built;
    for (const Article& a : articles) built.push_back({DocumentBuilder::id_term(a), builder.build(a), 0});
    FileRecord record;
    record.path = path;
    writer.apply_file(record, built);
    writer.commit();
}

}  // namespace dateline::testing
