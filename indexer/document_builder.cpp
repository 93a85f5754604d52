#include "document_builder.h"

#include <cctype>

#include "article_json.h"
#include "dates.h"
#include "minhash.h"
#include "schema.h"
#include "stem_memo.h"
#include "stemming.h"
#include "text.h"

namespace dateline {

DocumentBuilder::DocumentBuilder() {
    termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
    // Chinese, Japanese and Korean have no spaces between words: their text is indexed as
    // single characters and pairs of neighbours, which the QueryParser's own CJK mode matches.
    termgen_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

const Xapian::Stem& DocumentBuilder::stemmer_for(const std::string& language) {
    std::string name = stemming::stemmer_name(language);
    auto it = stemmers_.find(name);
    if (it == stemmers_.end()) it = stemmers_.emplace(name, remembering_stemmer(stemming::folding_stemmer(name))).first;
    return it->second;
}

std::string DocumentBuilder::id_term(const Article& a) {
    return schema::filter_term(schema::field(schema::FieldId::id), a.id);
}

namespace {

// Xapian keeps a trailing "+" or "#" on a word, for C++ and C#; so "OPEC+" is the term "opec+"
// and a search for OPEC would not find it. Each such term is indexed a second time without the
// sign, at the same positions: "opec" finds the story, "OPEC+" still finds exactly it.
void add_unsigned_variants(Xapian::Document& doc) {
    std::vector<std::pair<std::string, std::vector<Xapian::termpos>>> variants;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& term = *t;
        if (term.empty() || (term.back() != '+' && term.back() != '#')) continue;
        std::string bare = term.substr(0, term.find_last_not_of("+#") + 1);
        if (bare.empty() || !std::islower(static_cast<unsigned char>(bare.back()))) continue;
        std::vector<Xapian::termpos> positions(t.positionlist_begin(), t.positionlist_end());
        variants.emplace_back(std::move(bare), std::move(positions));
    }
    for (const auto& [bare, positions] : variants) {
        for (Xapian::termpos p : positions) doc.add_posting(bare, p);
    }
}

// Xapian 1.4's QueryParser looks Chinese, Japanese and Korean words up as unstemmed n-grams
// ("宇航"), while the TermGenerator writes them with the stem prefix ("Z宇航"): each such term
// is renamed, keeping its positions and wdf. (Quoted CJK phrases are not asked as phrases: see
// searcher/query_builder.cpp.)
void unstem_cjk(Xapian::Document& doc) {
    struct Copy {
        std::string term;
        Xapian::termcount wdf;
        std::vector<Xapian::termpos> positions;
    };
    std::vector<Copy> copies;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        const std::string& term = *t;
        if (term.empty() || term[0] != schema::kStemPrefix[0]) continue;
        std::size_t word = term.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1);
        if (word == std::string::npos) continue;
        Xapian::Utf8Iterator first(term.data() + word, term.size() - word);
        if (!text::is_cjk(*first)) continue;
        copies.push_back({term.substr(1), t.get_wdf(), {t.positionlist_begin(), t.positionlist_end()}});
    }
    for (const Copy& c : copies) {
        if (c.positions.empty()) {
            doc.add_term(c.term, c.wdf);
            continue;
        }
        auto per_position = static_cast<Xapian::termcount>(c.wdf / c.positions.size());
        for (Xapian::termpos p : c.positions) doc.add_posting(c.term, p, per_position);
    }
    for (const Copy& c : copies) doc.remove_term(std::string(schema::kStemPrefix) + c.term);
}

bool has_cjk(std::string_view s) {
    // CJK code points are three- or four-byte sequences: U+2E80..U+2FFF (lead byte 0xE2, then
    // 0xBA or above), U+3000..U+D7FF (0xE3..0xED), U+F900..U+FFEF (0xEF) and U+20000.. (0xF0 0xA0..).
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        auto b = static_cast<unsigned char>(s[i]);
        auto next = static_cast<unsigned char>(s[i + 1]);
        if ((b >= 0xE3 && b <= 0xED) || b == 0xEF || (b == 0xE2 && next >= 0xBA) || (b == 0xF0 && next >= 0xA0 && next <= 0xAF)) return true;
    }
    return false;
}

bool has_sign(const Article& a) {
    for (const std::string* s : {&a.title, &a.body}) {
        if (s->find('+') != std::string::npos || s->find('#') != std::string::npos) return true;
    }
    return false;
}

// A name of one word ("Volcker", "U.S.", "OPEC") needs no positions: no phrase can join it to
// another word, as names are kept apart by a position gap. Positions are most of what indexing
// the entities extracted from prose costs, and most names of places and organizations are one
// word. Only letters, digits and dots: a hyphen or an apostrophe may make two terms.
bool one_word(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !std::isalnum(u) && c != '.') return false;
    }
    return true;
}

}  // namespace

Xapian::Document DocumentBuilder::build(const Article& a) {
    Xapian::Document doc;
    termgen_.set_document(doc);
    termgen_.set_stemmer(stemmer_for(a.language));
    bool cjk = false;  // some free text holds Chinese, Japanese or Korean
    for (const schema::Field& field : schema::fields()) {
        if (field.kind == schema::Kind::date) {
            if (!a.published) continue;
            std::string compact = dates::to_compact(*a.published);
            doc.add_value(static_cast<Xapian::valueno>(field.slot), compact);
            doc.add_value(static_cast<Xapian::valueno>(schema::kSlotYear), compact.substr(0, 4));
            doc.add_boolean_term(std::string(schema::kYearPrefix) + compact.substr(0, 4));
            doc.add_boolean_term(std::string(schema::kMonthPrefix) + compact.substr(0, 6));
            doc.add_boolean_term(std::string(schema::kDayPrefix) + compact.substr(0, 8));
            continue;
        }
        if (field.kind == schema::Kind::stored || field.has(schema::kByWriter)) continue;
        std::vector<std::string> values = schema::values(field, a);
        if (values.empty()) continue;
        bool text = field.searchable_text() && !field.has(schema::kWordsFromNames);
        bool filter = field.kind == schema::Kind::filter || field.kind == schema::Kind::both;
        if (text) {
            auto weight = static_cast<Xapian::termcount>(field.weight);
            for (const std::string& v : values) {
                cjk = cjk || has_cjk(v);
                if (!field.text_prefix.empty() && !field.prose && one_word(v)) {
                    termgen_.index_text_without_positions(v, weight, std::string(field.text_prefix));
                } else if (!field.text_prefix.empty()) {
                    termgen_.index_text(v, weight, std::string(field.text_prefix));
                    termgen_.increase_termpos(schema::kFieldPositionGap);
                }
                if (field.text_prefix.empty() || field.prose) {
                    termgen_.index_text(v, weight);
                    termgen_.increase_termpos(schema::kFieldPositionGap);
                }
            }
        }
        if (filter) {
            for (const std::string& v : values) doc.add_boolean_term(schema::filter_term(field, v));
        }
        if (field.slot >= 0) doc.add_value(static_cast<Xapian::valueno>(field.slot), schema::encode_list(values));
    }
    // Candidates for copies of one story (indexer/copy_finder.h): the body's MinHash band keys.
    for (const std::string& key : minhash::text_band_keys(a.body)) doc.add_boolean_term(std::string(schema::kMinHashPrefix) + key);
    if (has_sign(a)) add_unsigned_variants(doc);
    if (cjk) unstem_cjk(doc);
    std::string data = to_json(a).dump();
    doc.add_value(static_cast<Xapian::valueno>(schema::kSlotFingerprint),
                  text::hash_hex(std::to_string(schema::kVersion) + "\n" + data));
    doc.set_data(std::move(data));
    // The TermGenerator keeps a reference to its document, and Xapian's reference counts are not
    // atomic: let go of it here, so the writer thread that takes the document is its only owner.
    termgen_.set_document(Xapian::Document());
    return doc;
}

}  // namespace dateline
