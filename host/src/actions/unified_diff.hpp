// A unified diff of replacements in a text, as `diff -u` prints it, for fix --dry-run.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace touchpoint {

// Bytes [begin, end) of the original replaced by `text`.
struct Replacement {
    size_t begin, end;
    std::string text;
};

// The diff of `original` with `replacements` (sorted, not overlapping) applied: hunks of
// the changed lines with three lines of context, whatever the replacements do to the line
// count (a term wrapped over two lines becomes one).
void unified_diff(const std::string& path, const std::string& original, const std::vector<Replacement>& replacements,
                  std::ostream& out);

}  // namespace touchpoint
