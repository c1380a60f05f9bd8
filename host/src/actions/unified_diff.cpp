#include "actions/unified_diff.hpp"

#include <algorithm>

namespace touchpoint {
namespace {

constexpr size_t context = 3;

// A file name in a diff header as patch and git read it: a name with a space ends with a
// tab (GNU diff's form); one with a tab, newline, quote or backslash is quoted as git does.
std::string header_name(std::string_view prefix, std::string_view path) {
    std::string name = std::string(prefix) + std::string(path);
    if (name.find_first_of("\t\n\"\\") != std::string::npos) {
        std::string quoted = "\"";
        for (char c : name) {
            if (c == '\t') quoted += "\\t";
            else if (c == '\n') quoted += "\\n";
            else if (c == '"' || c == '\\') quoted += std::string("\\") + c;
            else quoted += c;
        }
        return quoted + "\"";
    }
    return name.find(' ') != std::string::npos ? name + "\t" : name;
}

// The lines of a text, each with its '\n' (the last one may have none).
std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        lines.emplace_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

// Replacements whose lines touch, as one change: original lines [first, last] become `lines`.
struct Change {
    size_t first, last;
    std::vector<std::string> lines;
};

class Differ {
public:
    explicit Differ(const std::string& original) : original_(original) {
        for (size_t at = original.find('\n'); at != std::string::npos; at = original.find('\n', at + 1)) starts_.push_back(at + 1);
        if (!starts_.empty() && starts_.back() == original.size()) starts_.pop_back();
        old_lines_ = split_lines(original);
    }

    std::vector<Change> changes(const std::vector<Replacement>& replacements) const {
        std::vector<Change> changes;
        for (size_t r = 0; r < replacements.size();) {
            size_t first = line_of(replacements[r].begin), last = last_line_of(replacements[r]);
            size_t next = r + 1;
            while (next < replacements.size() && line_of(replacements[next].begin) <= last)
                last = std::max(last, last_line_of(replacements[next++]));
            std::string text(original_, starts_[first], line_end(last) - starts_[first]);
            for (size_t k = next; k-- > r;)  // from the back, so earlier offsets hold
                text.replace(replacements[k].begin - starts_[first], replacements[k].end - replacements[k].begin,
                             replacements[k].text);
            changes.push_back({first, last, split_lines(text)});
            r = next;
        }
        return changes;
    }

    void print(const std::string& path, const std::vector<Change>& changes, std::ostream& out) const {
        if (changes.empty()) return;
        out << "--- " << header_name("a/", path) << "\n+++ " << header_name("b/", path) << "\n";
        long shift = 0;  // lines the changes before this hunk added
        for (size_t c = 0; c < changes.size();) {
            size_t end = c + 1;  // changes within twice the context of each other share a hunk
            while (end < changes.size() && changes[end].first <= changes[end - 1].last + 2 * context + 1) ++end;
            size_t first = changes[c].first >= context ? changes[c].first - context : 0;
            size_t last = std::min(old_lines_.size() - 1, changes[end - 1].last + context);
            long added = 0;
            for (size_t k = c; k < end; ++k) added += long(changes[k].lines.size()) - long(changes[k].last - changes[k].first + 1);
            size_t old_count = last - first + 1;
            out << "@@ -" << first + 1 << "," << old_count << " +" << long(first + 1) + shift << "," << long(old_count) + added
                << " @@\n";
            size_t line = first;
            for (size_t k = c; k < end; ++k) {
                for (; line < changes[k].first; ++line) out << ' ' << shown(old_lines_[line]);
                for (; line <= changes[k].last; ++line) out << '-' << shown(old_lines_[line]);
                for (const std::string& fixed : changes[k].lines) out << '+' << shown(fixed);
            }
            for (; line <= last; ++line) out << ' ' << shown(old_lines_[line]);
            shift += added;
            c = end;
        }
    }

private:
    size_t line_of(size_t offset) const {
        return size_t(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
    }
    // The line of a replacement's last byte (of its first, when it replaces none).
    size_t last_line_of(const Replacement& r) const { return line_of(r.end > r.begin ? r.end - 1 : r.begin); }
    size_t line_end(size_t line) const { return line + 1 < starts_.size() ? starts_[line + 1] : original_.size(); }
    static std::string shown(const std::string& line) {
        return line.ends_with('\n') ? line : line + "\n\\ No newline at end of file\n";
    }

    const std::string& original_;
    std::vector<size_t> starts_{0};  // where each line starts
    std::vector<std::string> old_lines_;
};

}  // namespace

void unified_diff(const std::string& path, const std::string& original, const std::vector<Replacement>& replacements,
                  std::ostream& out) {
    if (original.empty()) return;
    Differ differ(original);
    differ.print(path, differ.changes(replacements), out);
}

}  // namespace touchpoint
