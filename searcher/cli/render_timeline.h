// The terminal form of a timeline (timeline.h), printed under the results by --timeline: two
// sparklines, the matches per period and their share of all articles in it, each scaled to its
// own peak, in rows of at most 60 periods (80 columns), then the peaks in words.
//
// A period with no match is the lowest block (▁), one with matches at least the next (▂), so
// that "none" and "a few" stay apart; a gap (no article in the index at all) is a blank.
#pragma once

#include <ostream>

#include "timeline.h"

namespace dateline {

void render_timeline(const Timeline& timeline, std::ostream& out, bool colour);

}  // namespace dateline
