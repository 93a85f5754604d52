#include "entity_mentions.h"

#include <algorithm>

#include "entity_tokens.h"
#include "text.h"

namespace dateline::entity_text {
namespace {

using entity_data::Gazetteer;
using entity_data::KnownKind;
using entity_data::KnownName;

bool is_connector(std::string_view key) { return key == "of" || key == "for" || key == "and" || key == "&" || key == "in"; }

Mention known_mention(const KnownName& known, std::size_t words) {
    Mention m{known.kind == KnownKind::place ? MentionKind::place : MentionKind::organization, known.canonical, words};
    m.country = known.country;
    return m;
}

class MentionFinder {
public:
    // Reads `tokens`, which must outlive the finder: it only reads them.
    MentionFinder(const Gazetteer& gazetteer, const std::vector<Token>& tokens, std::vector<Mention>& out)
        : g_(gazetteer), t_(tokens), out_(out) {}

    // Datelines at the starts of lines, and nothing else.
    void run_datelines() {
        for (std::size_t i = 0; i < t_.size();) {
            std::size_t after = line_start(i) ? dateline_at(i) : 0;
            i = after ? after : i + 1;
        }
    }

    void run() {
        mark_headlines();
        std::size_t i = 0;
        while (i < t_.size()) {
            if (line_start(i)) {
                if (std::size_t after = dateline_at(i)) {
                    i = after;
                    continue;
                }
            }
            const Token& tok = t_[i];
            if (!tok.is_capital() || g_.is_calendar_word(tok.key)) {
                ++i;
                continue;
            }
            if (headline_[tok.line]) {
                i = known_in_headline(i);
                continue;
            }
            std::size_t end = span_end(i);
            classify(i, end);
            i = end;
        }
    }

private:
    bool line_start(std::size_t i) const { return i == 0 || t_[i - 1].line != t_[i].line; }

    // Key of the words [b, e): their keys joined by single spaces.
    std::string key_of(std::size_t b, std::size_t e) const {
        std::string key = t_[b].key;
        for (std::size_t k = b + 1; k < e; ++k) {
            key += ' ';
            key += t_[k].key;
        }
        return key;
    }

    // Words from b up to e that lie on one line and are words (no punctuation between).
    std::size_t word_run_end(std::size_t b, std::size_t limit) const {
        std::size_t e = b;
        while (e < limit && e < t_.size() && t_[e].is_word() && t_[e].line == t_[b].line) {
            ++e;
            if (t_[e - 1].possessive) break;
        }
        return e;
    }

    // Longest phrase starting at b, ending by e, that `accept` takes; 0 when none. `accept` asks
    // lists that Gazetteer::starts_phrase covers, so the phrase stops growing when no phrase of
    // theirs goes on from it.
    template <typename Accept>
    std::size_t longest_at(std::size_t b, std::size_t e, Accept accept) const {
        std::size_t run = word_run_end(b, std::min(e, b + g_.longest_phrase()));
        std::size_t longest = 0;
        std::string key;
        for (std::size_t k = b; k < run; ++k) {
            if (k > b) key += ' ';
            key += t_[k].key;
            if (accept(key)) longest = k + 1 - b;
            if (!g_.starts_phrase(key)) break;
        }
        return longest;
    }

    std::size_t known_at(std::size_t b, std::size_t e) const {
        return longest_at(b, e, [&](const std::string& k) { return g_.known(k) != nullptr; });
    }

    // A line is a headline when it is shouted in capitals, or written in title case with
    // capitalised common words ("U.S. Says Ukraine ... Shifts Focus"): its capitals say nothing.
    void mark_headlines() {
        std::uint32_t lines = t_.empty() ? 0 : t_.back().line + 1;
        headline_.assign(lines, false);
        std::vector<int> words(lines, 0), upper(lines, 0), lower(lines, 0), capital_common(lines, 0);
        for (const Token& tok : t_) {
            // Title case leaves short function words ("to", "of", "and") in lower case.
            if (!tok.is_word() || tok.shape == Shape::number || tok.key.size() <= 3) continue;
            ++words[tok.line];
            if (tok.shape == Shape::upper) ++upper[tok.line];
            if (tok.shape == Shape::lower) ++lower[tok.line];
            if (tok.is_capital() && !tok.sentence_start && g_.is_common_word(tok.key) && !g_.is_given_name(tok.key))
                ++capital_common[tok.line];
        }
        for (std::uint32_t l = 0; l < lines; ++l) {
            bool shouted = upper[l] >= 2 && upper[l] * 10 >= words[l] * 7;
            bool title_case = words[l] >= 3 && lower[l] <= 1 && capital_common[l] >= 1;
            headline_[l] = shouted || title_case;
        }
    }

    // In a headline only known names count; a lone common word ("US" in "TELL US") does not.
    std::size_t known_in_headline(std::size_t i) {
        std::size_t len = known_at(i, t_.size());
        if (len == 0) return person_in_headline(i);
        bool pronoun = len == 1 && g_.is_common_word(t_[i].key) && t_[i].text.find('.') == std::string_view::npos;
        if (!pronoun) emit_known(i, i + len);
        return i + len;
    }

    // "HOWARD BAKER SAYS ...": a given name and a surname are a person in any case; so are a
    // public figure's surname ("SAYS REAGAN TO ADDRESS NATION") and a word after a title
    // ("PRESIDENT SARNEY", "CHAIRMAN SMITH").
    std::size_t person_in_headline(std::size_t i) {
        if (std::size_t len = public_figure_at(i)) {
            out_.push_back({MentionKind::person, display(i, i + len, true), len});
            return i + len;
        }
        if (std::size_t len = longest_at(i, t_.size(), [&](const std::string& key) { return g_.is_title(key); })) {
            std::size_t name = i + len;
            if (!name_word_after_title(i + len - 1)) return name;
            std::size_t before = out_.size();
            std::size_t after = person_in_headline(name);
            if (out_.size() > before) return after;
            out_.push_back({MentionKind::person, display(name, name + 1, true), 1});
            return name + 1;
        }
        if (!g_.is_given_name(t_[i].key) || g_.is_common_word(t_[i].key)) return i + 1;
        std::size_t e = i + 1;
        while (e < t_.size() && e - i < 3 && t_[e].line == t_[i].line && t_[e].is_capital() &&
               !g_.is_common_word(t_[e].key) && !g_.known(t_[e].key) && !g_.is_calendar_word(t_[e].key)) {
            ++e;
            if (t_[e - 1].possessive) break;
        }
        if (e - i < 2) return i + 1;
        out_.push_back({MentionKind::person, display(i, e, true), e - i});
        return e;
    }

    std::size_t public_figure_at(std::size_t i) const {
        if (g_.is_common_word(t_[i].key) || g_.is_organization_suffix(t_[i].key)) return 0;
        return longest_at(i, t_.size(), [&](const std::string& key) { return g_.is_public_figure(key); });
    }

    // The word after the title ending at `title_end` may be a name: a capitalised word on the same
    // line that no list claims ("PRESIDENT SARNEY", not "PRESIDENT SAYS" or "MINISTER'S VISIT").
    bool name_word_after_title(std::size_t title_end) const {
        std::size_t k = title_end + 1;
        if (k >= t_.size() || t_[title_end].possessive || t_[k].line != t_[title_end].line || !t_[k].is_capital())
            return false;
        const std::string& key = t_[k].key;
        return !g_.is_common_word(key) && !g_.is_title(key) && !g_.known(key) && !g_.is_calendar_word(key) &&
               !g_.is_nationality(key) && !g_.is_organization_suffix(key) && !g_.is_organization_head(key);
    }

    // "WASHINGTON, Feb 14 (Reuters) -", "SALVADOR, Feb 26 -", "LONDON 1996-08-30": capitals at
    // the start of a line, then a comma and a date, or a date at once; the city may be followed by
    // its country, state or region ("DURBAN, South Africa 1996-12-06", "IRVINE, Calif 1996-08-30",
    // "SAO PAULO, Brazil, Feb 3"), a place of the story too. Before an agency and a dash the
    // city may be written in lower case too ("Durban, South Africa (Reuters) -", "Washington
    // (AP) —"). Returns the index after the places, 0 when the line is no dateline.
    std::size_t dateline_at(std::size_t i) {
        std::size_t e = i;
        while (e < t_.size() && e - i < 4 && t_[e].line == t_[i].line &&
               (t_[e].shape == Shape::upper || (t_[e].shape == Shape::capitalized && t_[e].key.size() == 1)))
            ++e;
        bool shouted = e > i;
        while (!shouted && e < t_.size() && e - i < 4 && t_[e].line == t_[i].line && t_[e].shape == Shape::capitalized &&
               !g_.is_calendar_word(t_[e].key))
            ++e;
        if (e == i || e >= t_.size() || t_[e].line != t_[i].line) return 0;
        if (t_[e].shape == Shape::upper) return 0;
        std::size_t next = e;
        std::size_t region = e, region_end = e;
        if (t_[next].text == ",") {
            region = region_end = ++next;
            while (region_end < t_.size() && region_end - region < 3 && t_[region_end].line == t_[i].line &&
                   t_[region_end].is_capital() && !g_.is_calendar_word(t_[region_end].key))
                ++region_end;
            next = region_end;
            // "ROCHESTER, N.H. 1996-08-30" keeps its dot in the word; "Mich ." or "Brazil ," does not.
            if (region_end > region && next < t_.size() && t_[next].line == t_[i].line &&
                (t_[next].text == "," || t_[next].text == "."))
                ++next;
        }
        if (next >= t_.size() || t_[next].line != t_[i].line) return 0;
        bool agency = agency_at(next);
        if (!shouted && !agency) return 0;
        const Token& when = t_[next];
        // A figure is no date: "EC AWARDS 123,000 TONNES" is a headline, not a dateline.
        bool iso_date = when.shape == Shape::number && when.text.find('-') != std::string_view::npos;
        bool date = iso_date || g_.is_calendar_word(when.key) || when.text == "(";
        if (!date || (next == e && when.shape != Shape::number && !agency)) return 0;
        emit_place_words(i, e);
        if (region_end == region) return e;
        emit_place_words(region, region_end);
        return region_end;
    }

    // "(Reuters) -", "(AP) —": a news agency in brackets, then a dash, on the line of `k`; not a
    // results table's one-letter marker ("Radnicki (N) - Spartak").
    bool agency_at(std::size_t k) const {
        if (k + 3 >= t_.size() || t_[k + 3].line != t_[k].line) return false;
        std::string_view dash = t_[k + 3].text;
        return t_[k].text == "(" && t_[k + 1].is_capital() && t_[k + 1].key.size() >= 2 && t_[k + 2].text == ")" &&
               (dash == "-" || dash == "\xE2\x80\x94" || dash == "\xE2\x80\x93");
    }

    void emit_place_words(std::size_t b, std::size_t e) {
        Mention m{MentionKind::place, display(b, e, true), e - b};
        if (const KnownName* k = g_.known(key_of(b, e))) m = known_mention(*k, e - b);
        m.dateline = true;
        out_.push_back(std::move(m));
    }

    // The end of the capitalised phrase starting at i: capitalised words, with name particles
    // ("de", "van") and, after an organization, place or title word, "of", "for", "and", "&"
    // between them ("Ministry of Defence", "Bank for International Settlements").
    std::size_t span_end(std::size_t i) const {
        std::size_t end = i + 1;
        bool institutional = is_institution_word(t_[i].key);
        bool joined_by_of = false;
        std::size_t j = i + 1;
        if (t_[i].possessive) return end;
        while (j < t_.size() && t_[j].line == t_[i].line) {
            const Token& tok = t_[j];
            if (tok.is_capital() && !g_.is_calendar_word(tok.key)) {
                institutional = institutional || is_institution_word(tok.key);
                end = ++j;
                if (tok.possessive) break;
                continue;
            }
            if (tok.shape != Shape::lower && tok.text != "&") break;
            std::size_t k = j + 1;
            bool ok = false;
            if (g_.is_name_particle(tok.key)) {
                ok = true;
            } else if (is_connector(tok.key) && institutional &&
                       ((tok.key != "and" && tok.key != "in") || joined_by_of)) {
                if (k < t_.size() && t_[k].key == "the") ++k;
                ok = true;
                joined_by_of = joined_by_of || tok.key == "of" || tok.key == "for";
            }
            if (!ok || k >= t_.size() || !t_[k].is_capital() || t_[k].line != t_[i].line ||
                g_.is_calendar_word(t_[k].key))
                break;
            j = k;
        }
        return end;
    }

    bool is_institution_word(std::string_view key) const {
        return g_.is_organization_head(key) || g_.is_organization_suffix(key) || g_.is_place_head(key) ||
               g_.is_title(key);
    }

    void classify(std::size_t b, std::size_t e) {
        bool initial = t_[b].sentence_start;
        bool stripped = false;
        while (b < e && known_at(b, e) == 0 && g_.is_common_word(t_[b].key) &&
               (initial || stripped || t_[b].key == "the") &&
               !(b + 1 < e && (g_.is_given_name(t_[b].key) || title_at(b, e)))) {
            ++b;
            stripped = true;
        }
        if (b >= e) return;
        std::size_t n = e - b;
        if (std::size_t len = known_at(b, e); len == n) {
            emit_known(b, e);
            return;
        }
        std::string last = t_[e - 1].key;
        if (n >= 2 && g_.is_organization_suffix(last)) {
            // "Russian Interior Ministry": the ministry's name starts at its portfolio; the
            // nationality only says whose it is ("British Airways" keeps its own).
            if (g_.is_nationality(t_[b].key) && g_.is_title_qualifier(t_[b + 1].key) && b + 2 < e) ++b;
            emit(MentionKind::organization, b, e);
            return;
        }
        if (titled_person(b, e)) return;
        if (n >= 2 && g_.is_place_suffix(last)) {
            emit(MentionKind::place, b, e);
            return;
        }
        if (has_connector(b, e)) {
            emit(g_.is_place_head(t_[b].key) ? MentionKind::place : MentionKind::organization, b, e);
            return;
        }
        if (n >= 2 && std::any_of(t_.begin() + static_cast<std::ptrdiff_t>(b), t_.begin() + static_cast<std::ptrdiff_t>(e),
                                  [&](const Token& t) { return g_.is_organization_head(t.key); })) {
            emit(MentionKind::organization, b, e);
            return;
        }
        while (b < e && g_.is_nationality(t_[b].key) && known_at(b, e) == 0) ++b;
        if (b >= e) return;
        n = e - b;
        if (n >= 2 && mixed_with_known(b, e)) return;
        if (n >= 2) {
            person_if_name_shaped(b, e, false);
            return;
        }
        single_word(b);
    }

    // "President Reagan's approval rating fell": a title opening a sentence is still a title.
    bool title_at(std::size_t b, std::size_t e) const {
        return longest_at(b, e, [&](const std::string& key) { return g_.is_title(key); }) > 0;
    }

    bool has_connector(std::size_t b, std::size_t e) const {
        for (std::size_t k = b; k < e; ++k) {
            if (t_[k].shape == Shape::lower && is_connector(t_[k].key)) return true;
        }
        return false;
    }

    // "Defense Secretary Pete Hegseth", "U.S. President Donald Trump", "Mr. Hegseth": qualifiers,
    // nationalities and known names, then a title, then the person. Known names before the title
    // are mentions of their own.
    bool titled_person(std::size_t b, std::size_t e) {
        std::size_t k = b;
        std::size_t name_start = e + 1;
        std::vector<std::pair<std::size_t, std::size_t>> known_before;
        while (k < e) {
            if (std::size_t len = longest_at(k, e, [&](const std::string& key) { return g_.is_title(key); })) {
                k += len;
                name_start = k;
                continue;
            }
            if (std::size_t len = known_at(k, e)) {
                known_before.emplace_back(k, k + len);
                k += len;
                continue;
            }
            if (std::size_t len = longest_at(k, e, [&](const std::string& key) {
                    return g_.is_title_qualifier(key) || g_.is_nationality(key);
                })) {
                k += len;
                continue;
            }
            break;
        }
        if (name_start > e) name_start = after_last_title(k, e);
        if (name_start > e) return false;
        for (auto [kb, ke] : known_before) {
            if (ke <= name_start) emit_known(kb, ke);
        }
        if (name_start < e) person_if_name_shaped(name_start, e, true);
        return true;
    }

    // "West German Finance Minister Gerhard Stoltenberg": words no list knows may still stand
    // before a title; the person follows the last title. Returns e + 1 when there is none.
    std::size_t after_last_title(std::size_t from, std::size_t e) const {
        std::size_t name_start = e + 1;
        for (std::size_t k = from; k + 1 < e; ++k) {
            if (std::size_t len = longest_at(k, e - 1, [&](const std::string& key) { return g_.is_title(key); })) {
                name_start = k + len;
                k += len - 1;
            }
        }
        return name_start;
    }

    // A phrase made of known names and other words: several known names side by side are each
    // themselves ("Ukraine NATO"); a known place with other words is a team or a company
    // ("Bayern Munich", "Manchester United" is caught earlier by its suffix).
    bool mixed_with_known(std::size_t b, std::size_t e) {
        std::vector<std::pair<std::size_t, std::size_t>> known;
        bool other = false;
        for (std::size_t k = b; k < e;) {
            if (std::size_t len = known_at(k, e)) {
                known.emplace_back(k, k + len);
                k += len;
            } else {
                other = other || !g_.is_nationality(t_[k].key);
                ++k;
            }
        }
        if (known.empty()) return false;
        if (!other) {
            for (auto [kb, ke] : known) emit_known(kb, ke);
            return true;
        }
        if (known.front().first == b && g_.is_given_name(t_[b].key)) return false;
        emit(MentionKind::organization, b, e);
        return true;
    }

    // Two or more capitalised words that no list claims: a person, unless one of them is a
    // common word or an acronym ("Stock Market", "GDP Growth").
    void person_if_name_shaped(std::size_t b, std::size_t e, bool titled) {
        bool given = g_.is_given_name(t_[b].key);
        for (std::size_t k = b; k < e; ++k) {
            const Token& tok = t_[k];
            if (tok.shape == Shape::lower) continue;
            if (tok.shape == Shape::number) return;
            if (given || titled) continue;
            if (g_.is_common_word(tok.key) || g_.is_nationality(tok.key)) return;
            if (tok.shape == Shape::upper && tok.key.size() > 1 && tok.text.find('.') == std::string_view::npos) return;
        }
        if (e - b == 1 && g_.is_common_word(t_[b].key)) return;
        out_.push_back({MentionKind::person, display(b, e, true), e - b});
        out_.back().shape_only = !given && !titled;
    }

    void single_word(std::size_t b) {
        const Token& tok = t_[b];
        if (g_.is_common_word(tok.key) || g_.is_nationality(tok.key) || g_.is_title(tok.key)) return;
        if (g_.is_public_figure(tok.key)) {
            out_.push_back({MentionKind::person, display(b, b + 1, true), 1});
            return;
        }
        if (tok.shape == Shape::upper && tok.key.size() >= 2 && tok.key.size() <= 6) {
            emit(MentionKind::organization, b, b + 1);
            return;
        }
        out_.push_back({MentionKind::unknown, display(b, b + 1, true), 1});
    }

    void emit_known(std::size_t b, std::size_t e) {
        if (const KnownName* k = g_.known(key_of(b, e))) {
            out_.push_back(known_mention(*k, e - b));
            // The article's own words: "United States" stays "United States" beside "U.S.".
            // Gold standards and readers expect the name as printed; the alias list still says
            // what kind of entity it is.
            out_.back().name = display(b, e, out_.back().kind != MentionKind::organization);
            out_.back().venue = after_at_or_in(b);
        }
    }

    void emit(MentionKind kind, std::size_t b, std::size_t e) {
        out_.push_back({kind, display(b, e, kind != MentionKind::organization), e - b});
        out_.back().venue = after_at_or_in(b);
    }

    // "PITTSBURGH AT HOUSTON", "won in Chicago": the place a game is played in.
    bool after_at_or_in(std::size_t b) const {
        return b > 0 && t_[b - 1].line == t_[b].line && (t_[b - 1].key == "at" || t_[b - 1].key == "in");
    }

    // The words as written, joined by single spaces. Names of people and places written in
    // capitals are title-cased; organizations keep their capitals, which are often an acronym.
    std::string display(std::size_t b, std::size_t e, bool title_case_capitals) const {
        std::string out;
        bool shouted = true;
        for (std::size_t k = b; k < e; ++k) {
            if (!out.empty()) out += ' ';
            out.append(t_[k].text);
            shouted = shouted && t_[k].shape == Shape::upper;
        }
        if (shouted && title_case_capitals) return text::smart_title_case(out);
        return out;
    }

    const Gazetteer& g_;
    const std::vector<Token>& t_;
    std::vector<Mention>& out_;
    std::vector<bool> headline_;
};

}  // namespace

void find_mentions(const Gazetteer& gazetteer, std::string_view text, std::vector<Mention>& out) {
    std::vector<Token> tokens = tokenize(text);
    MentionFinder(gazetteer, tokens, out).run();
}

void find_mentions(const Gazetteer& gazetteer, const std::vector<Token>& tokens, std::vector<Mention>& out) {
    MentionFinder(gazetteer, tokens, out).run();
}

void find_line_datelines(const Gazetteer& gazetteer, const std::vector<Token>& tokens, std::vector<Mention>& out) {
    MentionFinder(gazetteer, tokens, out).run_datelines();
}

void find_dateline_place(const Gazetteer& gazetteer, std::string_view dateline, std::vector<Mention>& out) {
    std::vector<Token> tokens = tokenize(dateline);
    // "SALVADOR", then perhaps ", Brazil" or ", South Africa" before the date.
    auto place_words = [&](std::size_t b) {
        std::size_t e = b;
        while (e < tokens.size() && tokens[e].is_word() && tokens[e].shape != Shape::number &&
               !gazetteer.is_calendar_word(tokens[e].key))
            ++e;
        return e;
    };
    auto emit = [&](std::size_t b, std::size_t e) {
        const char* first = tokens[b].text.data();
        std::string_view place(first, static_cast<std::size_t>(tokens[e - 1].text.data() + tokens[e - 1].text.size() - first));
        Mention m{MentionKind::place, text::smart_title_case(text::collapse_spaces(place)), e - b};
        if (const KnownName* k = gazetteer.known(entity_data::name_key(place))) m = known_mention(*k, e - b);
        m.dateline = true;
        out.push_back(std::move(m));
    };
    std::size_t e = place_words(0);
    if (e == 0) return;
    emit(0, e);
    if (e < tokens.size() && tokens[e].text == ",") {
        std::size_t region_end = place_words(e + 1);
        if (region_end > e + 1 && tokens[e + 1].is_capital()) emit(e + 1, region_end);
    }
}

}  // namespace dateline::entity_text
