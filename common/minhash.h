// MinHash: a short signature of an article's text that tells copies of one story apart from
// other stories, cheaply, at index time.
//
// The body is cut into overlapping shingles of kShingleWords words (case-folded, punctuation
// dropped, numbers kept: two earnings reports differ by their figures), each hashed to 64 bits.
// Two texts are alike as much as their shingle sets overlap (Jaccard: shared / all). The
// signature keeps, for each of kHashes hash functions, the smallest hash of any shingle; two
// signatures agree in a slot with probability equal to the Jaccard of their sets. The signature
// is cut into kBands bands of kRows slots: two texts whose sets overlap by 0.35 share at least one
// band with probability 1 - (1 - 0.35^2)^15 = 0.86, by 0.5 with 0.987, by 0.05 with 0.04; so the
// band keys, indexed as terms, find the candidates among millions of articles with a few
// look-ups, and the shingle sets of the few candidates decide (is_copy, indexer/copy_finder.h).
// The bands are that loose for the copies cut short: a wire's first take of three paragraphs
// and the full story of eight overlap by only 0.35, but the short one lies wholly in the long.
// Each band is one more unique term per article, which is most of what finding copies costs
// the indexer. Measured on Reuters-21578 (scripts/score-copies, first build): 30 bands found
// 0.929 of the copies, 15 bands 0.925 and 10 bands 0.914, with the same precision (0.945); the
// index was 89,200, 77,208 and 73,136 KiB against 62,344 KiB without copies found, and the
// first build took 10.7, 8.1 and 9.3 s against 5.0 s (one run each; 5.0 s is a median of 3).
//
// A body under kMinWords words has no shingles: briefs of a line or two ("Shr 12 cts vs 10 cts")
// share their wording with every other brief of their kind, and a copy cannot be told from a
// sibling. Such articles are never grouped.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::minhash {

inline constexpr std::size_t kShingleWords = 4;
inline constexpr std::size_t kMinWords = 40;
inline constexpr std::size_t kBands = 15;
inline constexpr std::size_t kRows = 2;
inline constexpr std::size_t kHashes = kBands * kRows;
// Two bodies whose shingle sets overlap this much (Jaccard) are copies of one story: a story
// with its last quarter cut (0.75), with a paragraph of a fifth added (0.83), or both (0.62);
// two stories on one event written apart share a few set phrases (under 0.2 on Reuters).
inline constexpr double kCopyJaccard = 0.5;
// Or the smaller set lies this much in the larger: a story cut to its first paragraphs.
inline constexpr double kCopyContainment = 0.8;

// The sorted, distinct shingle hashes of a text; empty when it has fewer than kMinWords words.
std::vector<std::uint64_t> shingles(std::string_view text);

// The kHashes minima of a non-empty shingle set.
std::vector<std::uint64_t> signature(const std::vector<std::uint64_t>& shingles);

// The kBands band keys of a signature, as 16 hex digits each (the band's number is hashed in,
// so equal minima in different bands give different keys).
std::vector<std::string> band_keys(const std::vector<std::uint64_t>& signature);

// The band keys of a text (empty when it is too short): signature(shingles(text)) cut in bands.
std::vector<std::string> text_band_keys(std::string_view text);

// |a ∩ b| / |a ∪ b| of two sorted, distinct sets; 0 when both are empty.
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);
// |a ∩ b| / min(|a|, |b|): how much of the smaller set the larger holds; 0 when either is empty.
double containment(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// How alike two shingle sets are as copies of one story: their Jaccard, or when the smaller lies
// wholly enough in the larger (containment at least kCopyContainment), the Jaccard threshold
// itself; so a value of kCopyJaccard or more means copies, and a larger one a closer copy.
double copy_likeness(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

}  // namespace dateline::minhash
