// What an HTML news page says about itself, apart from its text: JSON-LD, <meta> tags and a few
// well-established microformats.
//
// Sources, strongest first for each field:
//   title      JSON-LD headline; og:title; twitter:title; the page's single <h1> when <title>
//              contains it; <title> with the site name cut off ("Headline | Site"); whichever
//              wins loses a trailing site name (og:site_name, or a short name behind " | ")
//   published  JSON-LD datePublished/dateCreated; article:published_time and the other publishing
//              meta names (pubdate, publishdate, dc.date(.issued), dcterms.created, sailthru.date,
//              parsely-pub-date, date ...); an itemprop="datePublished" element; a <time pubdate>
//              or the first <time datetime> inside <article>; else the first visible timestamp
//              outside sidebars and link lists: a <time>, an element whose class names a date
//              or time, or text labelled "Published/Updated/Posted ..."
//   authors    JSON-LD author; meta author, article:author (unless a URL), parsely-author,
//              sailthru.author, dc.creator, byl; rel="author" / itemprop="author" / byline
//              elements on the page
//   source     og:site_name; JSON-LD publisher; application-name; else the host of the URL
//   url        <link rel="canonical">; og:url; JSON-LD url / mainEntityOfPage
//   language   <html lang>; content-language; og:locale; JSON-LD inLanguage
//   section    article:section; JSON-LD articleSection; parsely-section
//   article_body  JSON-LD articleBody (often a summary, sometimes the whole story)
//   description   meta description; og:description; twitter:description; dc.description
//   keywords   news_keywords, keywords, article:tag, JSON-LD keywords, parsely-tags, sailthru.tags
//   entities   JSON-LD about/mentions typed Person, Organization (and its subtypes) or Place (and
//              its subtypes): curated people, organisations and places
// Thread-safe: works on a document the caller owns.
#pragma once

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <vector>

#include "article.h"

namespace dateline::html {

struct PageMetadata {
    std::string title;
    std::optional<UtcTime> published;
    std::vector<std::string> authors;
    std::string source;
    std::string url;
    std::string language;
    std::string section;
    std::vector<std::string> keywords;
    std::vector<std::string> people, organizations, places;  // from JSON-LD only
    std::string article_body;  // JSON-LD articleBody, as text: the story as the publisher states it
    std::string description;   // the page's summary of itself
};

PageMetadata read_page_metadata(xmlDoc* doc);

}  // namespace dateline::html
