// What a run reports: findings placed in their files, a report per file, the summary.
// Shared by the engine, the writers, baselines, fixes and isolation; it knows none of them.
#pragma once

#include "formats/formats.hpp"

#include <touchpoint/plugin.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

// The source line around a match, for text and HTML reports and baselines: all of it
// when short, else a window of code points either side of the match (locate.hpp).
struct Excerpt {
    std::string text;
    int first_column = 1;  // the code-point column of text's first character
    bool cut_before = false;
    bool cut_after = false;
};

// The prose around a match as a reader sees it (no markup, entities read), within its
// line, at most `Prose::window` bytes either side: for the HTML report.
struct Prose {
    static constexpr size_t window = 120;
    std::string before, match, after;
    bool cut_before = false, cut_after = false;
};

// A finding as reported: its rule named in full, its place in the original file.
struct ReportedFinding {
    std::string file;
    Location begin;
    Location end;  // the match's last character
    std::string rule;  // PLUGIN.RULE
    std::string plugin;  // the plugin whose rule (or rule type, for a pack rule) reported it
    Severity severity = Severity::warning;
    std::string message;
    std::string match;
    std::vector<std::string> suggestions;
    std::string channel;
    std::string lang;  // the language of the text at the match ("es"), or the document's default
    // Columns in UTF-16 code units and in bytes; `end_*` stand just past the match.
    int begin_utf16 = 1, begin_byte = 1, end_utf16 = 1, end_byte = 1;
    Excerpt excerpt;  // the line around the match, for text and HTML reports and baselines
    // Byte offsets of the match in the decoded source; `exact` when those bytes are the
    // match as written (so a fix can replace them).
    uint32_t source_begin = 0;
    uint32_t source_end = 0;
    bool exact = false;
    std::string context;    // what the place is: "sign L2-07 at Lobby", "header"
    bool whole_document = false;
    bool fixable = true;  // Finding::fixable: false leaves the suggestion to a person
    bool from_pack = false;  // reported by a rule of a rule pack, not configured by the brand
    Claim claim = Claim::none;  // Finding::claim
    std::vector<std::string> also;  // other rules that reported the same mistake (settle)
    Prose prose;  // empty for a finding not in the prose (a link's destination, the whole document)
};

struct SuppressedFinding {
    ReportedFinding finding;
    std::string reason;  // as written after "--" in the directive; may be empty
};

struct FileReport {
    std::string path;  // as reported: relative to the working directory
    std::string channel;  // empty when the file was skipped
    std::vector<ReportedFinding> findings;
    std::vector<SuppressedFinding> suppressed;  // by inline control
    std::vector<std::string> warnings;          // why the file was skipped, printed in path order
    std::map<std::string, std::map<std::string, double>> measures;  // group -> key -> value
    int lines = 0;  // of the source positions count in
    std::optional<Format> format;  // as loading read it (fix rewrites by it); none when skipped

    // A file that was not checked, and why.
    static FileReport skipped(std::string path, std::vector<std::string> warnings = {}) {
        FileReport report;
        report.path = std::move(path);
        report.warnings = std::move(warnings);
        return report;
    }
};

// The on-promise score of a touchpoint (docs/ci.md, "The on-promise score"): 100, less 20
// for each error finding, 5 for each warning and 1 for each suggestion, never below 0.
inline int on_promise_score(const FileReport& report) {
    int penalty = 0;
    for (const ReportedFinding& f : report.findings)
        penalty += f.severity == Severity::error ? 20 : f.severity == Severity::warning ? 5 : 1;
    return std::max(0, 100 - penalty);
}

// A touchpoint passes at the brand's pass mark, and never with an error finding.
inline bool passes(const FileReport& report, int pass_mark) {
    if (on_promise_score(report) < pass_mark) return false;
    for (const ReportedFinding& f : report.findings)
        if (f.severity == Severity::error) return false;
    return true;
}

// The HTML report names its maker in its head, so that a report written into a content
// repository is never checked as one of its pages by the next run.
inline constexpr std::string_view html_report_marker = "<meta name=\"generator\" content=\"touchpoint";

struct Summary {
    size_t files = 0;
    size_t skipped = 0;  // inputs not checked, each named on standard error with its reason
    size_t findings = 0;
    size_t errors = 0;
    size_t warnings = 0;
    size_t suggestions = 0;
    size_t suppressed = 0;
    size_t baselined = 0;       // findings --baseline hid
    int pass_mark = 80;
    int64_t score_total = 0;    // of the checked files' scores
    size_t below_pass_mark = 0; // checked files that do not pass

    // The run's on-promise score: the mean of its touchpoints' (100 for none).
    int score() const { return files ? int(score_total / int64_t(files)) : 100; }

    // A file's report, after any baseline.
    void add_file(const FileReport& report) {
        if (report.channel.empty()) {
            ++skipped;
            return;
        }
        ++files;
        for (const ReportedFinding& finding : report.findings) add(finding);
        suppressed += report.suppressed.size();
        score_total += on_promise_score(report);
        below_pass_mark += !passes(report, pass_mark);
    }

    void add(const ReportedFinding& finding) {
        ++findings;
        switch (finding.severity) {
        case Severity::error: ++errors; break;
        case Severity::warning: ++warnings; break;
        case Severity::suggestion: ++suggestions; break;
        }
    }
};

}  // namespace touchpoint
