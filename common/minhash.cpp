#include "minhash.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>

#include "text.h"

namespace dateline::minhash {
namespace {

// A 64-bit mixer (the finaliser of SplitMix64): every input bit moves every output bit, so
// x ^ seed for different seeds act as independent hash functions of the shingle hash.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// The words of a text, case-folded: runs of ASCII letters and digits and of any non-ASCII bytes
// (letters of other scripts). Punctuation and spacing, which copies often change, are dropped.
std::vector<std::string> words(std::string_view text) {
    std::string folded = text::fold_case(text);
    std::vector<std::string> out;
    std::string word;
    for (char c : folded) {
        auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || std::isalnum(u)) {
            word += c;
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

}  // namespace

std::vector<std::uint64_t> shingles(std::string_view text) {
    std::vector<std::string> w = words(text);
    std::vector<std::uint64_t> out;
    if (w.size() < kMinWords) return out;
    std::vector<std::uint64_t> word_hash;
    word_hash.reserve(w.size());
    for (const std::string& s : w) word_hash.push_back(text::hash64(s));
    out.reserve(w.size() - kShingleWords + 1);
    for (std::size_t i = 0; i + kShingleWords <= w.size(); ++i) {
        std::uint64_t h = 0;
        for (std::size_t k = 0; k < kShingleWords; ++k) h = mix(h ^ word_hash[i + k]);
        out.push_back(h);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::uint64_t> signature(const std::vector<std::uint64_t>& set) {
    // The seeds of the kHashes functions, mixed once: the loop below then mixes once per shingle
    // and function, which is most of what indexing an article's band keys costs.
    static const std::array<std::uint64_t, kHashes> seeds = [] {
        std::array<std::uint64_t, kHashes> out{};
        for (std::size_t i = 0; i < kHashes; ++i) out[i] = mix(i + 1);
        return out;
    }();
    std::vector<std::uint64_t> sig(kHashes, std::numeric_limits<std::uint64_t>::max());
    for (std::uint64_t s : set) {
        for (std::size_t i = 0; i < kHashes; ++i) sig[i] = std::min(sig[i], mix(s ^ seeds[i]));
    }
    return sig;
}

std::vector<std::string> band_keys(const std::vector<std::uint64_t>& sig) {
    std::vector<std::string> keys;
    keys.reserve(kBands);
    for (std::size_t b = 0; b < kBands && (b + 1) * kRows <= sig.size(); ++b) {
        std::uint64_t h = mix(b + 0x51);
        for (std::size_t r = 0; r < kRows; ++r) h = mix(h ^ sig[b * kRows + r]);
        keys.push_back(text::hex64(h));
    }
    return keys;
}

std::vector<std::string> text_band_keys(std::string_view text) {
    std::vector<std::uint64_t> set = shingles(text);
    if (set.empty()) return {};
    return band_keys(signature(set));
}

namespace {

std::size_t shared_count(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    std::size_t shared = 0;
    auto i = a.begin();
    auto j = b.begin();
    while (i != a.end() && j != b.end()) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++shared;
            ++i;
            ++j;
        }
    }
    return shared;
}

}  // namespace

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() && b.empty()) return 0;
    std::size_t shared = shared_count(a, b);
    return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    if (a.empty() || b.empty()) return 0;
    return static_cast<double>(shared_count(a, b)) / static_cast<double>(std::min(a.size(), b.size()));
}

double copy_likeness(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    double j = jaccard(a, b);
    if (j < kCopyJaccard && containment(a, b) >= kCopyContainment) return kCopyJaccard;
    return j;
}

}  // namespace dateline::minhash
