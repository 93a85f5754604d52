#include "stem_memo.h"

#include <string>
#include <utility>

#include <absl/container/flat_hash_map.h>

namespace dateline {
namespace {

class RememberingStem : public Xapian::StemImplementation {
public:
    // The table grows as words come: every worker has a stemmer per language it meets, and one
    // German article should not cost each of them a full table up front.
    RememberingStem(Xapian::Stem inner, std::size_t limit) : inner_(std::move(inner)), limit_(limit) {}

    std::string operator()(const std::string& word) override {
        auto it = stems_.find(word);
        if (it != stems_.end()) return it->second;
        // Emptied rather than evicted one by one: the next few thousand words refill it with
        // the ones the text is using now, and no recency list is kept for every hit.
        if (stems_.size() >= limit_) stems_.clear();
        return stems_.emplace(word, inner_(word)).first->second;
    }

    std::string get_description() const override { return "remembering " + inner_.get_description(); }

private:
    Xapian::Stem inner_;
    std::size_t limit_;
    // Abseil's open-addressing table: a hit (most calls) reads one group of control bytes and
    // the slot beside it, where a node-based map chases a pointer per bucket entry.
    absl::flat_hash_map<std::string, std::string> stems_;
};

}  // namespace

Xapian::Stem remembering_stemmer(Xapian::Stem inner, std::size_t limit) {
    // The Stem takes ownership of the implementation (Xapian's intrusive reference count).
    return Xapian::Stem(new RememberingStem(std::move(inner), limit == 0 ? 1 : limit));
}

}  // namespace dateline
