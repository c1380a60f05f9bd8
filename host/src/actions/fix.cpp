#include "actions/fix.hpp"

#include "formats/formats.hpp"
#include "actions/safe_write.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace touchpoint {

namespace {

struct Edit {
    size_t begin, end;
    std::string text;
};

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size() - 1;
        lines.push_back(text.substr(start, end - start + 1));
        start = end + 1;
    }
    return lines;
}

// A unified diff of two texts with the same number of lines (fixes never add lines).
void unified_diff(const std::string& path, const std::string& before, const std::string& after, std::ostream& out) {
    std::vector<std::string> a = split_lines(before), b = split_lines(after);
    if (a.size() != b.size()) return;
    constexpr size_t context = 3;
    std::vector<size_t> changed;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) changed.push_back(i);
    if (changed.empty()) return;
    out << "--- a/" << path << "\n+++ b/" << path << "\n";
    auto line = [](const std::string& l) { return l.ends_with('\n') ? l : l + "\n\\ No newline at end of file\n"; };
    for (size_t c = 0; c < changed.size();) {
        size_t first = changed[c] >= context ? changed[c] - context : 0;
        size_t last = changed[c];
        size_t next = c;
        while (next + 1 < changed.size() && changed[next + 1] <= last + 2 * context + 1) last = changed[++next];
        last = std::min(a.size() - 1, last + context);
        out << "@@ -" << first + 1 << "," << last - first + 1 << " +" << first + 1 << "," << last - first + 1 << " @@\n";
        for (size_t i = first; i <= last; ++i) {
            if (a[i] == b[i]) out << ' ' << line(a[i]);
            else out << '-' << line(a[i]) << '+' << line(b[i]);
        }
        c = next + 1;
    }
}

}  // namespace

namespace {

// "F:L:C 'match'": a finding fix leaves, as the user finds it.
std::string place_of(const ReportedFinding& f) {
    if (f.whole_document) return f.file + " (" + f.rule + ", the whole document)";
    return f.file + ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + " '" + f.match + "'";
}

bool has_one_fix(const ReportedFinding& f) {
    return f.suggestions.size() == 1 && !f.whole_document && f.suggestions.front() != f.match;
}

}  // namespace

std::optional<PlannedFix> plan_fix(const FileReport& report, std::vector<std::string>* left) {
    auto leave = [&](const ReportedFinding& f, const std::string& why) {
        if (left) left->push_back(place_of(f) + " as it is: " + why);
    };
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
    PlannedFix plan{report.path, buffer.str(), {}, 0};
    const std::string& original = plan.original;
    if (original.starts_with("\xFF\xFE") || original.starts_with("\xFE\xFF")) {  // UTF-16: left alone
        for (const ReportedFinding& f : report.findings)
            if (has_one_fix(f)) leave(f, "fix does not rewrite UTF-16 files; write '" + f.suggestions.front() + "' by hand");
        return std::nullopt;
    }
    size_t bom = original.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    struct Planned {
        Edit edit;
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
        if (!f.exact) {
            leave(f, "the file writes it with markup or an entity; write '" + f.suggestions.front() + "' there by hand");
            continue;
        }
        size_t begin = bom + f.source_begin, end = bom + f.source_end;
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
    if (dry_run) unified_diff(plan->path, plan->original, plan->fixed, diff);
    else apply_fix(*plan);
    return plan->fixes;
}

}  // namespace touchpoint
