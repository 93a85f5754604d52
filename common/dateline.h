// Wire datelines: the place, date and agency a news agency's story opens with.
//
// read_dateline() reads one at the start of `text` (a line, or the first paragraph, which may
// go on after the dateline's dash):
//   MELBOURNE 1996-12-06                      place, date
//   TIGNES, France 1996-12-06                 place, country, date
//   FARMINGTON HILLS, Mich.                   place, state
//   LONDON, March 3 (Reuters) - Shares ...    place, day and month, agency; the story goes on
//   WASHINGTON (AP) -- The Senate ...         place, agency
//   SAO PAULO, Brazil, Feb 3 -                place, country, day and month
//   NEW YORK, Dec 3, 2024 /PRNewswire/ --     agency between slashes
//   Berlin (dpa) - Die ...                    a place in mixed case, with an agency
// and in the other languages dates::parse reads: "PARIS, 3 mars (AFP) -", "BERLIN, 3. März 2024
// (dpa) -", "MADRID, 3 de marzo (EFE).-", "ROMA, 3 MAR -", "МОСКВА, 3 марта. /ТАСС/.",
// "КИЇВ, 3 березня (Укрінформ) -".
// The place is one to five words in capitals, or (only with a date or an agency after it) one to
// three capitalised words. The dash ends the dateline: "-", "--", em and en dashes, ".-", ".".
// A dateline without a dash is the whole of `text`, and one of only a place and a dash is taken
// only when a sentence follows ("WASHINGTON - The Senate", not "CRICKET - ENGLAND WIN").
//
// The date: a date with a year is read as it stands. A day and month without one ("March 3")
// take the year that puts them nearest to `reference` (dates::nearest), when the caller has a
// reference (another date of the story, its archive folder, its file's time: the caller says
// which); without one the dateline has no date, never one guessed from nothing.
//
// Stateless and thread-safe. Readers of every format use it: plain text finds datelines in a
// story's first lines, and the structured formats' own dateline fields (NITF <dateline>, NewsML
// DateLine, a JSON "dateline" key) are read with it for their place and date.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "article.h"

namespace dateline::wire {

struct Dateline {
    std::string text;      // as written, without the dash: "TIGNES, France 1996-12-06"
    std::string place;     // "Tignes": capitals turned to title case, other spellings kept
    std::string country;   // the country, state or region after the place ("France"), or ""
    std::optional<UtcTime> date;
    enum class YearFrom {
        none,       // no date, or a day and month with no reference to give them a year
        line,       // the dateline states the year
        reference,  // the year that puts the day and month nearest the caller's reference
    } year_from = YearFrom::none;
    std::string source;    // the agency it names ("Reuters", "AP", "ТАСС"), or ""
    std::size_t length = 0;  // bytes of `text` it takes, with its dash and the spaces after
};

enum class DatelineStatus {
    none,        // `text` does not open with a dateline
    read,        // it does: see the Dateline
    unreadable,  // it opens like one (a place in capitals, then what looks like a date) but the
                 // date cannot be read: the caller keeps the text as it is, never drops it
};

struct DatelineResult {
    DatelineStatus status = DatelineStatus::none;
    Dateline dateline;  // set when status is read
};

// Whether `text` is known to be a dateline (a field of that name: NITF <dateline>, a JSON
// "dateline" key). Then a place in mixed case, or a place alone, is taken as it stands.
enum class DatelineField { no, yes };

DatelineResult read_dateline(std::string_view text, std::optional<UtcTime> reference = std::nullopt,
                             DatelineField field = DatelineField::no);

// True for a line that is only a place in capitals, one to three words ("BANGKOK", "NEW YORK",
// "FARMINGTON HILLS"), as wire copy sets it under a headline when it gives no date: not an
// agency or publication ("REUTERS", "BBC NEWS", "THE DAILY HERALD"), not a wire slug or desk
// ("EXCLUSIVE", "ANALYSIS", "SPORTS"), and without figures. The caller knows where the line
// stands; read_dateline(line, ..., DatelineField::yes) then reads its place.
bool is_place_line(std::string_view line);

}  // namespace dateline::wire
