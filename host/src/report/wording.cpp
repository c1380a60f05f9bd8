#include "report/wording.hpp"

namespace touchpoint {

std::string counted(size_t n, std::string_view noun) {
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string summary_sentence(const Summary& s) {
    std::string text = std::to_string(s.files) + (s.files == 1 ? " file" : " files") + " checked";
    if (s.skipped) text += ", " + std::to_string(s.skipped) + " skipped";
    text += ": ";
    if (s.findings == 0) text += "no findings.";
    else
        text += counted(s.findings, "finding") + " (" + counted(s.errors, "error") + ", " + counted(s.warnings, "warning") +
                ", " + counted(s.suggestions, "suggestion") + ").";
    if (s.suppressed) text += " " + std::to_string(s.suppressed) + " suppressed by inline control.";
    if (s.baselined) text += " " + std::to_string(s.baselined) + " hidden by the baseline.";
    return text;
}

std::string score_sentence(const Summary& s) {
    std::string text = "On-promise score " + std::to_string(s.score()) + " (pass mark " + std::to_string(s.pass_mark) + ")";
    if (s.files == 0) return text + ".";
    if (s.below_pass_mark == 0) return text + ": every touchpoint passes.";
    return text + ": " + std::to_string(s.below_pass_mark) + " of " + counted(s.files, "touchpoint") + " below it.";
}

}  // namespace touchpoint
