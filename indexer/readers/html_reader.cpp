#include "html_reader.h"

#include "article_extraction.h"
#include "article_fields.h"
#include "charset.h"
#include "page_metadata.h"
#include "text.h"
#include "xml_document.h"

namespace dateline {

int HtmlReader::sniff(std::string_view path, std::string_view head) const {
    std::string start = text::fold_case(head.substr(0, 4096));
    if (start.find("<!doctype html") != std::string::npos || start.find("<html") != std::string::npos) return 80;
    bool html_name = path.ends_with(".html") || path.ends_with(".htm") || path.ends_with(".xhtml") ||
                     path.ends_with(".html.gz") || path.ends_with(".htm.gz");
    if (html_name) return 70;
    return start.find("<body") != std::string::npos || start.find("<head") != std::string::npos ? 50 : 0;
}

void HtmlReader::read(const SourceFile& file, const ReaderOptions&, const std::function<void(Article&&)>& emit) const {
    xml::check_file_size(file);
    std::string utf8 = charset::to_utf8(file.data, charset::declared_in_html(file.data));
    xml::Document doc = xml::parse_html(utf8);
    html::PageMetadata meta = html::read_page_metadata(doc.get());

    Article a;
    a.title = meta.title;
    a.body = html::extract_article_text(doc.get(), a.title);
    // Pages that build the story with scripts leave little of it in the markup; the publisher's
    // own articleBody is then the story. Otherwise the page's text is, as articleBody is often
    // only a summary.
    if (meta.article_body.size() >= 200 && a.body.size() * 2 < meta.article_body.size()) a.body = meta.article_body;
    // A page with no story on it (a front page, an index) is still findable by what it says of
    // itself.
    if (a.body.empty()) a.body = meta.description;
    if (a.title.empty() && a.body.empty()) throw ReadError("the page has neither a title nor article text");
    a.published = meta.published;
    a.authors = std::move(meta.authors);
    a.source = meta.source;
    a.url = meta.url;
    a.language = meta.language;
    a.section = meta.section;
    a.keywords = std::move(meta.keywords);
    a.people = std::move(meta.people);
    a.organizations = std::move(meta.organizations);
    a.places = std::move(meta.places);
    a.curated_people = !a.people.empty();
    a.curated_organizations = !a.organizations.empty();
    a.curated_places = !a.places.empty();
    fields::finish(a, file, name());
    emit(std::move(a));
}

}  // namespace dateline
