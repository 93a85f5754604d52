#include "story_page.h"

#include <algorithm>

#include "schema.h"

namespace dateline {

bool StoryCollapser::keep(const Xapian::MSetIterator& it) {
    std::string key = it.get_document().get_value(schema::kSlotStory);
    if (key.empty()) return true;
    return seen_.insert(std::move(key)).second;
}

StoryPage collapsed_page(Xapian::Enquire& enquire, std::size_t offset, std::size_t limit,
                         Xapian::doccount check_at_least, bool remote) {
    const std::size_t wanted = offset + limit;
    // Most articles have no copy on the same page: twice the page and a margin is nearly always
    // enough, and asking for more articles costs little when every match is checked anyway.
    std::size_t window = 2 * wanted + 20;
    bool first = true;
    for (;;) {
        StoryPage out;
        out.mset = enquire.get_mset(0, static_cast<Xapian::doccount>(window), first ? check_at_least : 0);
        if (first) {
            // The spies have seen what they count; a wider window must not count it again.
            enquire.clear_matchspies();
            first = false;
        }
        if (remote) out.mset.fetch();
        StoryCollapser stories;
        std::size_t kept = 0;
        for (auto it = out.mset.begin(); it != out.mset.end() && kept < wanted; ++it) {
            if (!stories.keep(it)) continue;
            if (kept++ >= offset) out.page.push_back(it);
        }
        out.exhausted = kept < wanted && out.mset.size() < window;
        if (kept >= wanted || out.exhausted) return out;
        window *= 4;
    }
}

}  // namespace dateline
