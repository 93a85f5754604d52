#include "stemming.h"

#include <array>
#include <utility>

#include "text.h"

namespace dateline::stemming {
namespace {

// Wraps a Snowball stemmer so that what it returns is accent-folded: the TermGenerator, the
// QueryParser and MSet::snippet all call the stemmer for every word, so this one hook makes
// accents insignificant at index time, query time and in highlighting alike.
class FoldingStem : public Xapian::StemImplementation {
public:
    explicit FoldingStem(const std::string& name) : name_(name), inner_(name) {}

    std::string operator()(const std::string& word) override {
        std::string stem = inner_(word);
        // Stems come lower-cased: ASCII ones, most of them, have nothing to fold.
        for (char c : stem) {
            if (static_cast<unsigned char>(c) >= 0x80) return text::fold_accents(stem);
        }
        return stem;
    }

    std::string get_description() const override { return "folded " + name_; }

private:
    std::string name_;
    Xapian::Stem inner_;
};

// ISO 639-1 codes of the languages Xapian 1.4's Snowball stemmers cover, other than English.
constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kSnowball{{
    {"ar", "arabic"},     {"ca", "catalan"},    {"da", "danish"},     {"de", "german2"},
    {"es", "spanish"},    {"eu", "basque"},     {"fi", "finnish"},    {"fr", "french"},
    {"ga", "irish"},      {"hu", "hungarian"},  {"hy", "armenian"},   {"id", "indonesian"},
    {"it", "italian"},    {"lt", "lithuanian"}, {"nb", "norwegian"},  {"ne", "nepali"},
    {"nl", "dutch"},      {"nn", "norwegian"},  {"no", "norwegian"},  {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},    {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},
}};

}  // namespace

std::string stemmer_name(std::string_view language) {
    for (const auto& [code, name] : kSnowball) {
        if (code == language) return std::string(name);
    }
    return std::string(kDefaultStemmer);
}

Xapian::Stem folding_stemmer(const std::string& name) {
    // The Stem takes ownership of the implementation (Xapian's intrusive reference count).
    return Xapian::Stem(new FoldingStem(name));
}

}  // namespace dateline::stemming
