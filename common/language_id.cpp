#include "language_id.h"

#include <libexttextcat/fingerprint.h>

#include <array>
#include <cctype>
#include <climits>
#include <string_view>
#include <memory>
#include <vector>

#include <xapian.h>

#include "text.h"

namespace dateline {
namespace {

// libexttextcat's own limits: profiles hold the 400 most frequent n-grams.
constexpr int kNgrams = 400;
// Enough text for a sure answer (the accuracy on ../shared is the same as with 2 KiB); the
// rest of a long story only costs time.
constexpr std::size_t kSampleBytes = 1024;
constexpr std::size_t kMinimumBytes = 60;

// Profile file name (without ".lm") and the ISO 639-1 code it stands for.
constexpr std::array<std::pair<const char*, const char*>, 36> kProfiles{{
    {"en", "en"}, {"de", "de"}, {"fr", "fr"}, {"es", "es"}, {"it", "it"}, {"pt", "pt"},
    {"nl", "nl"}, {"sv", "sv"}, {"da", "da"}, {"nb", "nb"}, {"fi", "fi"}, {"ru", "ru"},
    {"uk", "uk"}, {"be", "be"}, {"bg", "bg"}, {"sr-Cyrl", "sr"}, {"pl", "pl"}, {"cs", "cs"},
    {"sk", "sk"}, {"sl", "sl"}, {"hr", "hr"}, {"hu", "hu"}, {"ro", "ro"}, {"tr", "tr"},
    {"ca", "ca"}, {"eu", "eu"}, {"ga", "ga"}, {"el", "el"}, {"lt", "lt"}, {"lv", "lv"},
    {"et", "et"}, {"id", "id"}, {"ar", "ar"}, {"he", "he"}, {"fa", "fa"}, {"hi", "hi"},
}};

struct FingerprintDeleter {
    void operator()(void* fp) const { fp_Done(fp); }
};
using Fingerprint = std::unique_ptr<void, FingerprintDeleter>;

struct Profile {
    Fingerprint fp;
    const char* code;
};

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> loaded = [] {
        std::vector<Profile> out;
        for (const auto& [file, code] : kProfiles) {
            Fingerprint fp(fp_Init(code));
            if (!fp) continue;
            fp_SetProperty(fp.get(), TCPROP_UTF8AWARE, TC_TRUE);
            std::string path = std::string(DATELINE_TEXTCAT_DIR) + "/" + file + ".lm";
            if (fp_Read(fp.get(), path.c_str(), kNgrams) == 0) continue;
            out.push_back({std::move(fp), code});
        }
        return out;
    }();
    return loaded;
}

// Chinese, Japanese or Korean by script, or "" when the sample is not mostly CJK.
std::string cjk_language(std::string_view sample) {
    std::size_t letters = 0, han = 0, kana = 0, hangul = 0;
    for (Xapian::Utf8Iterator it(sample.data(), sample.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned cp = *it;
        if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF)) ++kana;
        else if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF)) ++hangul;
        else if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)) ++han;
        else if (!Xapian::Unicode::is_wordchar(cp)) continue;
        ++letters;
    }
    std::size_t cjk = han + kana + hangul;
    if (letters == 0 || cjk * 2 < letters) return "";
    if (hangul * 2 >= cjk) return "ko";
    if (kana * 10 >= cjk) return "ja";  // Japanese prose is never without kana for long
    return "zh";
}

// Russian and Ukrainian share most letters and n-grams, and the profiles take some Ukrainian
// news for Russian; but і, ї, є and ґ are Ukrainian letters Russian never writes.
bool has_ukrainian_letters(std::string_view sample) {
    std::size_t cyrillic = 0, ukrainian = 0;
    for (Xapian::Utf8Iterator it(sample.data(), sample.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned cp = *it;
        if (cp >= 0x400 && cp <= 0x4FF) ++cyrillic;
        if (cp == 0x456 || cp == 0x457 || cp == 0x454 || cp == 0x491 || cp == 0x406 || cp == 0x407 || cp == 0x404 || cp == 0x490) ++ukrainian;
    }
    return cyrillic > 0 && ukrainian * 100 >= cyrillic;
}

// Most of a news archive is English, and English prose gives itself away: "the", "of", "and"
// and "to" are one word in ten or more of it, and rare as words in other languages. Such text is
// called English at once, which spares the profiles (a third of a millisecond a story) for the
// rest.
bool plainly_english(std::string_view sample) {
    std::size_t words = 0, common = 0;
    std::size_t i = 0;
    while (i < sample.size()) {
        while (i < sample.size() && !std::isalpha(static_cast<unsigned char>(sample[i])) && static_cast<unsigned char>(sample[i]) < 0x80) ++i;
        std::size_t start = i;
        while (i < sample.size() && (std::isalpha(static_cast<unsigned char>(sample[i])) || static_cast<unsigned char>(sample[i]) >= 0x80)) ++i;
        if (i == start) continue;
        ++words;
        std::string_view w = sample.substr(start, i - start);
        for (std::string_view c : {"the", "The", "of", "and", "to"}) common += w == c;
    }
    return words >= 20 && common * 10 >= words;
}

}  // namespace

std::string identify_language(std::string_view text) {
    std::string sample = text::truncate_utf8(text, kSampleBytes);
    if (sample.size() < kMinimumBytes) return "";
    if (std::string cjk = cjk_language(sample); !cjk.empty()) return cjk;
    if (plainly_english(sample)) return "en";
    const std::vector<Profile>& known = profiles();
    if (known.empty()) return "";
    Fingerprint unknown(fp_Init(nullptr));
    if (!unknown) return "";
    fp_SetProperty(unknown.get(), TCPROP_UTF8AWARE, TC_TRUE);
    if (fp_Create(unknown.get(), sample.data(), static_cast<uint4>(sample.size()), kNgrams) == 0) return "";
    // The smallest "out of place" distance wins; a profile already worse than the best stops early.
    int best = INT_MAX;
    const char* code = "";
    for (const Profile& p : known) {
        int score = fp_Compare(p.fp.get(), unknown.get(), best);
        if (score < best) {
            best = score;
            code = p.code;
        }
    }
    if (std::string_view(code) == "ru" && has_ukrainian_letters(sample)) return "uk";
    return code;
}

}  // namespace dateline
