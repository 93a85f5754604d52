// read_page_metadata (indexer/readers/extract/page_metadata.h): what a news page says about
// itself, in JSON-LD, <meta> tags and microformats, and which source wins for each field.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dates.h"
#include "page_metadata.h"
#include "xml_document.h"

using namespace dateline;

namespace {

html::PageMetadata metadata_of(const std::string& page) {
    xml::Document doc = xml::parse_html(page);
    return html::read_page_metadata(doc.get());
}

std::string iso(const html::PageMetadata& m) { return m.published ? dates::to_iso8601(*m.published) : std::string("-"); }

using Names = std::vector<std::string>;

// A page of a regional paper as its CMS writes it: JSON-LD, Open Graph and plain meta tags.
const std::string kFullPage = R"(<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Ferry strike ends after two days | Harbour Herald</title>
<link rel="canonical" href="https://www.harbourherald.example/local/ferry-strike-ends">
<meta property="og:title" content="Ferry strike ends after two days - Harbour Herald">
<meta property="og:site_name" content="Harbour Herald">
<meta property="article:published_time" content="2024-03-05T09:00:00+01:00">
<meta property="article:section" content="Local">
<meta name="author" content="Anna Lindqvist">
<meta name="news_keywords" content="ferries, strikes">
<meta name="keywords" content="strikes, Kiel">
<meta name="description" content="Crews returned to work on Tuesday &amp; the first boats sailed at dawn.">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Ferry strike ends after two days",
 "datePublished": "2024-03-05T07:30:00Z",
 "author": [{"@type": "Person", "name": "Maren Holt"}, {"@type": "Person", "name": "Ola Berg"}],
 "publisher": {"@type": "Organization", "name": "Harbour Herald"},
 "articleBody": "Crews returned to work on Tuesday after two days of talks.",
 "about": [{"@type": "Person", "name": "Ada Quinn"}, {"@type": "Organization", "name": "Harbour Board"},
           {"@type": "City", "name": "Kiel"}]}
</script>
</head><body><article><h1>Ferry strike ends after two days</h1><p>Crews returned to work.</p></article></body></html>)";

}  // namespace

TEST_CASE("a page with JSON-LD: JSON-LD wins where it speaks, the meta tags fill in the rest") {
    html::PageMetadata m = metadata_of(kFullPage);
    CHECK(m.title == "Ferry strike ends after two days");
    CHECK(iso(m) == "2024-03-05T07:30:00Z");  // JSON-LD's date, not the meta tag's 08:00 UTC
    CHECK(m.authors == Names{"Maren Holt", "Ola Berg"});
    CHECK(m.source == "Harbour Herald");
    CHECK(m.url == "https://www.harbourherald.example/local/ferry-strike-ends");
    CHECK(m.language == "en");
    CHECK(m.section == "Local");
    CHECK(m.keywords == Names{"ferries", "strikes", "Kiel"});  // all keyword tags, each once
    CHECK(m.article_body == "Crews returned to work on Tuesday after two days of talks.");
    CHECK(m.description == "Crews returned to work on Tuesday & the first boats sailed at dawn.");
    CHECK(m.people == Names{"Ada Quinn"});
    CHECK(m.organizations == Names{"Harbour Board"});
    CHECK(m.places == Names{"Kiel"});
}

TEST_CASE("without JSON-LD: Open Graph, the meta date and author, the site name cut from the title") {
    html::PageMetadata m = metadata_of(R"(<html><head>
        <title>Dredging approved | Nordwire</title>
        <meta property="og:title" content="Channel dredging approved | Nordwire">
        <meta property="og:site_name" content="Nordwire">
        <meta property="og:url" content="https://nordwire.example/2021/05/dredging">
        <meta name="pubdate" content="2021-05-04T09:00:00+02:00">
        <meta name="author" content="https://nordwire.example/staff/ada">
        <meta name="dc.creator" content="By Ada Quinn and Bo Lind">
        <meta http-equiv="content-language" content="de">
        </head><body><p>The harbour board approved the dredging.</p></body></html>)");
    CHECK(m.title == "Channel dredging approved");
    CHECK(iso(m) == "2021-05-04T07:00:00Z");
    CHECK(m.authors == Names{"Ada Quinn", "Bo Lind"});  // an author that is a URL is no name
    CHECK(m.source == "Nordwire");
    CHECK(m.url == "https://nordwire.example/2021/05/dredging");
    CHECK(m.people.empty());
}

TEST_CASE("a bare page: the title without its site name, the date and byline from the page itself") {
    html::PageMetadata m = metadata_of(R"(<html><head><title>Regatta results - City Desk</title></head>
        <body><nav><time datetime="2020-01-01">Archive</time></nav>
        <article><h1>Regatta results</h1>
        <p class="byline">By <span rel="author">Maren Holt</span></p>
        <time datetime="2024-06-09T16:45:00Z">9 June 2024</time>
        <p>The harbour regatta ended on Sunday.</p></article></body></html>)");
    CHECK(m.title == "Regatta results");
    CHECK(iso(m) == "2024-06-09T16:45:00Z");  // the <time> inside <article>, not the menu's
    CHECK(m.authors == Names{"Maren Holt"});
    CHECK(m.url.empty());
}

TEST_CASE("the source falls back to the host of the canonical URL") {
    html::PageMetadata m = metadata_of(R"(<html><head><title>Port reopens</title>
        <link rel="canonical" href="//www.portnews.example/reopens"></head><body><p>Ships moved.</p></body></html>)");
    CHECK(m.url == "https://www.portnews.example/reopens");
    CHECK(m.source.find("portnews.example") != std::string::npos);
}

TEST_CASE("a page that says nothing about itself gives nothing") {
    html::PageMetadata m = metadata_of("<html><body><p>Just text.</p></body></html>");
    CHECK(m.title.empty());
    CHECK(!m.published);
    CHECK(m.authors.empty());
    CHECK(m.source.empty());
    CHECK(m.keywords.empty());
}
