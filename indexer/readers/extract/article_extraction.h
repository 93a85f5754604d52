// The article text of a news page, without the page around it: navigation, menus, ads, share
// bars, related links, comments and cookie banners are left out.
//
// It works on page structure and text density, not per-site rules, in the way readability
// tools do:
//  1. Elements a reader never sees as the story are set aside: scripts and forms controls,
//     hidden elements, <nav>/<aside>/<footer>/<header>, ARIA navigation/banner/complementary
//     roles, and elements whose class, id or itemprop names page furniture (menu, comment,
//     share, related, sidebar, cookie, promo ...) unless it also names content (article, body,
//     story) or holds most of the page's paragraphs (a "page-ad-margins" wrapper of everything).
//  2. Every paragraph-like block (p, pre, td, blockquote, a div of inline text) with 25+
//     characters scores 1 + its commas + one per 100 characters (up to 3), and passes that
//     score to its ancestors, diminishing with distance. Containers start from a bias for their
//     tag and for content/furniture words in their class and id.
//  3. The best container, its score scaled down by its link density, is the article; when
//     several near-equal candidates share an ancestor, that ancestor is. A container up to three
//     levels above whose other content is nearly all prose is the article too (a story split
//     into an intro box, parts around an ad, a "read more" continuation). Siblings that score
//     well, or are link-poor paragraphs of prose, join it.
//  4. Inside it, lists, tables and divs that look like furniture (mostly links, more images or
//     list items than paragraphs, form fields, very little text, mostly figures) are dropped, as
//     is a first line repeating the headline, with or without the site's name after it; blocks
//     of figures stay when they are the story (results, standings, prices under an introduction
//     of fewer than 600 characters). So are
//     short lines of furniture: a paragraph that is only a link ("Read the full transcript"),
//     one opening with a boilerplate phrase ("Advertisement", "Related:", "Sign up for ...",
//     "Photograph by ..."), an image's file name, and a byline or timestamp line that repeats
//     the page's ("By Jo Doe March 25, 2015"). Captions, photo credits, bylines and author bios
//     (<figcaption>, class words caption/credit/byline/author/bio) are set aside in step 1.
// Thread-safe: reads a document the caller owns.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace dateline::html {

// The article text, paragraphs separated by "\n\n"; "" when the page holds no prose.
// `headline` (may be empty) is the page's title, so that a repeat of it is not body text.
std::string extract_article_text(xmlDoc* doc, std::string_view headline);

}  // namespace dateline::html
