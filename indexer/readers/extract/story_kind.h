// What a story's text is: prose, a brief, a table or a list (Article::kind), and whether a text
// holds any article text at all.
//
// Wire services send results, standings and market prices as stories, and archives keep them:
// they are indexed like any story and marked "table" so a search can keep or leave them out.
// The judgement is made on lines as the source wrote them (a plain-text file's lines; a body's
// paragraphs and lines), before paragraphs are joined:
//   table  three rows or more, and rows hold at least 40% of the text. A row is a line that is
//          a quarter or more figures with two figures at least ("Somerset 83 and 174 (P. Simmons
//          4-38)", "Arsenal 10 7 2 1 20 8 23"), or a line of three cells or more split by tabs
//          or bars.
//   brief  fewer than 60 words ("The quaymaster of Port Ellery was named on Sunday.").
//   list   five lines or more, under 30% of the text in paragraphs of prose (an itinerary, a
//          digest of headlines, a list of names).
//   story  everything else.
// Stateless and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dateline::story_kind {

inline constexpr std::string_view kStory = "story";
inline constexpr std::string_view kBrief = "brief";
inline constexpr std::string_view kTable = "table";
inline constexpr std::string_view kList = "list";

// The kind of text `lines` hold (empty lines separate paragraphs).
std::string classify(const std::vector<std::string_view>& lines);
// The same for a body whose paragraphs are separated by "\n\n" and lines by "\n".
std::string classify(std::string_view body);

// True when the lines hold article text: a line of two words or more, one of them with letters.
// A word list (one word a line) or a table of bare figures holds none: such a file is no
// article, whatever its first line.
bool has_article_text(const std::vector<std::string_view>& lines);

// The share of the text's characters in paragraphs of prose: a dozen words or more, lines of
// normal length, sentences. News stories are mostly prose (0.8 to 1.0 on the samples and the BBC
// corpus); word lists, tables and listings almost none.
double prose_share(const std::vector<std::string_view>& lines);

}  // namespace dateline::story_kind
