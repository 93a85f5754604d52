#include "run_summary.h"

#include <cstdio>

namespace dateline {

void RunSummary::add_file_counts(const RunSummary& other) {
    files_new += other.files_new;
    files_changed += other.files_changed;
    files_touched += other.files_touched;
    files_failed += other.files_failed;
    files_skipped += other.files_skipped;
    files_read += other.files_read;
    files_read_in_part += other.files_read_in_part;
    problems += other.problems;
    interrupted = interrupted || other.interrupted;
    articles_read += other.articles_read;
    articles_added += other.articles_added;
    articles_replaced += other.articles_replaced;
    articles_unchanged += other.articles_unchanged;
    articles_removed += other.articles_removed;
}

std::string summary_line(const RunSummary& s, bool dry_run) {
    char line[640];
    double rate = s.seconds > 0 ? static_cast<double>(s.articles_read) / s.seconds : 0;
    if (dry_run) {
        std::snprintf(line, sizeof line, "dry run: %zu files read, %zu articles parsed, %zu skipped, %zu files failed, %.2f s, %.0f articles/s",
                      s.files_read, s.articles_read, s.files_skipped, s.files_failed, s.seconds, rate);
        return line;
    }
    std::snprintf(line, sizeof line,
                  "%zu files read (%zu new, %zu changed), %zu unchanged, %zu touched, %zu vanished, %zu skipped, %zu failed%s; "
                  "%zu articles indexed (%zu added, %zu replaced), %zu up to date, %zu removed; %zu documents in the index; "
                  "%.2f s, %.0f articles/s%s",
                  s.files_read, s.files_new, s.files_changed, s.files_unchanged, s.files_touched, s.files_vanished,
                  s.files_skipped, s.files_failed,
                  s.files_still_failing ? (" (" + std::to_string(s.files_still_failing) + " still failing, see --status)").c_str() : "",
                  s.articles_added + s.articles_replaced, s.articles_added, s.articles_replaced, s.articles_unchanged,
                  s.articles_removed, s.documents,
                  s.seconds, rate, s.interrupted ? " (interrupted: run again to finish)" : "");
    std::string result = line;
    if (s.files_read_in_part) {
        result += "; " + std::to_string(s.files_read_in_part) + " file" + (s.files_read_in_part == 1 ? "" : "s") +
                  " read in part (" + std::to_string(s.problems) + " bad record" + (s.problems == 1 ? "" : "s") +
                  " or damaged spot" + (s.problems == 1 ? "" : "s") + " skipped, named above)";
    }
    return result;
}

std::string rebuild_kept_line(const RunSummary& s) {
    if (!s.rebuild_kept) return "";
    return s.interrupted ? "dateline-index: --full did not finish: the index is as it was before the run, and "
                           "searchers never saw the partial one; run it again to rebuild"
                         : "dateline-index: --full found no stories to index: the index is left as it was, in "
                           "case the archive is missing or unmounted";
}

}  // namespace dateline
