#include "fix.hpp"

#include "formats.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace touchpoint {

namespace fs = std::filesystem;

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

void write_atomically(const std::string& path, const std::string& content) {
    fs::path target(path);
    fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".touchpoint-" + std::to_string(getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out || !out.write(content.data(), std::streamsize(content.size())) || !out.flush()) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw RunError("cannot write " + path + ": " + std::strerror(errno) + "; the file is unchanged");
        }
    }
    std::error_code error;
    fs::permissions(temporary, fs::status(target, error).permissions(), error);
    fs::rename(temporary, target, error);
    if (error) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw RunError("cannot replace " + path + ": " + error.message() + "; the file is unchanged");
    }
}

size_t fix_file(const FileReport& report, bool dry_run, std::ostream& diff) {
    auto format = format_of(report.path);
    if (!format || (*format != Format::plain_text && *format != Format::markdown)) return 0;
    std::ifstream in(report.path, std::ios::binary);
    if (!in) return 0;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    std::string original = buffer.str();
    if (original.starts_with("\xFF\xFE") || original.starts_with("\xFE\xFF")) return 0;  // UTF-16: left alone
    size_t bom = original.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::vector<Edit> edits;
    for (const ReportedFinding& f : report.findings) {
        if (f.suggestions.size() != 1 || !f.exact || !f.fixable || f.whole_document || f.suggestions.front() == f.match)
            continue;
        size_t begin = bom + f.source_begin, end = bom + f.source_end;
        // The file must still hold the match where the check saw it.
        if (end > original.size() || original.compare(begin, end - begin, f.match) != 0) continue;
        edits.push_back({begin, end, f.suggestions.front()});
    }
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    std::string fixed;
    size_t done = 0, applied = 0;
    for (const Edit& edit : edits) {
        if (edit.begin < done) continue;  // overlaps the previous fix
        fixed.append(original, done, edit.begin - done);
        fixed += edit.text;
        done = edit.end;
        ++applied;
    }
    if (applied == 0) return 0;
    fixed.append(original, done, std::string::npos);
    if (dry_run) unified_diff(report.path, original, fixed, diff);
    else write_atomically(report.path, fixed);
    return applied;
}

}  // namespace touchpoint
