#include "actions/fix.hpp"

#include "formats/formats.hpp"
#include "actions/safe_write.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace touchpoint {
namespace {

// "F:L:C 'match'": a finding fix leaves, as the user finds it.
std::string place_of(const ReportedFinding& f) {
    if (f.whole_document) return f.file + " (" + f.rule + ", the whole document)";
    return f.file + ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + " '" + f.match + "'";
}

bool has_one_fix(const ReportedFinding& f) {
    return f.suggestions.size() == 1 && !f.whole_document && f.suggestions.front() != f.match;
}

// A finding fix does not apply, named with the reason: none is left in silence.
void leave_as_is(std::vector<std::string>* left, const ReportedFinding& f, const std::string& why) {
    if (left) left->push_back(place_of(f) + " as it is: " + why);
}

}  // namespace

std::optional<PlannedFix> plan_fix(const FileReport& report, std::vector<std::string>* left) {
    auto leave = [left](const ReportedFinding& f, const std::string& why) { leave_as_is(left, f, why); };
    const std::optional<Format>& format = report.format;
    if (!format || !info(*format).fixable) {
        for (const ReportedFinding& f : report.findings)
            if (has_one_fix(f))
                leave(f, "fix rewrites Markdown and plain-text files only; write '" + f.suggestions.front() + "' by hand");
        return std::nullopt;
    }
    std::ifstream in(report.path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return plan_fix_text(report, buffer.str(), left);
}

std::optional<PlannedFix> plan_fix_text(const FileReport& report, std::string text, std::vector<std::string>* left) {
    auto leave = [left](const ReportedFinding& f, const std::string& why) { leave_as_is(left, f, why); };
    PlannedFix plan{report.path, std::move(text), {}, {}, 0};
    const std::string& original = plan.original;
    if (original.starts_with("\xFF\xFE") || original.starts_with("\xFE\xFF")) {  // UTF-16: left alone
        for (const ReportedFinding& f : report.findings)
            if (has_one_fix(f)) leave(f, "fix does not rewrite UTF-16 files; write '" + f.suggestions.front() + "' by hand");
        return std::nullopt;
    }
    size_t bom = original.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    struct Planned {
        Replacement edit;
        const ReportedFinding* finding;
    };
    std::vector<Planned> edits;
    for (const ReportedFinding& f : report.findings) {
        if (f.whole_document && f.suggestions.size() == 1) {
            leave(f, "it is about the whole document; work '" + f.suggestions.front() + "' in where it fits by hand");
            continue;
        }
        if (!has_one_fix(f)) continue;
        if (!f.fixable) {
            leave(f, "put '" + f.suggestions.front() + "' in its form by hand");
            continue;
        }
        size_t begin = bom + f.source_begin, end = bom + f.source_end;
        if (!f.exact) {
            bool wrapped = end <= original.size() && original.find('\n', begin) < end;
            leave(f, std::string(wrapped ? "it is written over a line break" : "the file writes it with markup or an entity") +
                         "; write '" + f.suggestions.front() + "' there by hand");
            continue;
        }
        // The file must still hold the match where the check saw it.
        if (end > original.size() || original.compare(begin, end - begin, f.match) != 0) {
            leave(f, "the file changed since it was checked; run fix again");
            continue;
        }
        edits.push_back({{begin, end, f.suggestions.front()}, &f});
    }
    std::sort(edits.begin(), edits.end(), [](const Planned& a, const Planned& b) { return a.edit.begin < b.edit.begin; });
    size_t done = 0;
    for (const auto& [edit, finding] : edits) {
        if (edit.begin < done) {  // overlaps the previous fix
            leave(*finding, "it overlaps another fix; run fix again to apply it");
            continue;
        }
        plan.fixed.append(original, done, edit.begin - done);
        plan.fixed += edit.text;
        plan.replacements.push_back(edit);
        done = edit.end;
        ++plan.fixes;
    }
    if (plan.fixes == 0) return std::nullopt;
    plan.fixed.append(original, done, std::string::npos);
    return plan;
}

void apply_fix(const PlannedFix& plan) {
    write_file_safely(plan.path, plan.fixed, plan.original);
}

size_t fix_file(const FileReport& report, bool dry_run, std::ostream& diff, std::vector<std::string>* left) {
    std::optional<PlannedFix> plan = plan_fix(report, left);
    if (!plan) return 0;
    if (dry_run) unified_diff(plan->path, plan->original, plan->replacements, diff);
    else apply_fix(*plan);
    return plan->fixes;
}

}  // namespace touchpoint
