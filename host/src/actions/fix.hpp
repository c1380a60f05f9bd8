// touchpoint fix: unambiguous suggestions applied to text and Markdown files.
#pragma once

#include "actions/unified_diff.hpp"
#include "engine/engine.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace touchpoint {

struct FixResult {
    size_t fixes = 0;
    size_t files = 0;
};

// What fixing one file would do: the bytes read, the bytes to write and how many fixes
// that makes.
struct PlannedFix {
    std::string path;
    std::string original;
    std::string fixed;
    std::vector<Replacement> replacements;  // what makes `fixed` of `original`, in order
    size_t fixes = 0;
};

// Reads the file and applies, in memory, the findings that have exactly one suggestion
// and whose match stands as written in the file; overlapping fixes are never both
// applied; the byte-order mark and line endings are kept. Nothing when there is nothing
// to fix (or the file is not text or Markdown). Each finding with one suggestion that it
// leaves as it is (for a person to adapt, written with markup, overlapping another fix, a
// file fix does not rewrite) is named with the reason in `left`: none is left in silence.
std::optional<PlannedFix> plan_fix(const FileReport& report, std::vector<std::string>* left = nullptr);

// plan_fix on `text`, the file as checked (an editor's buffer), for any format: the
// caller decides what may be rewritten.
std::optional<PlannedFix> plan_fix_text(const FileReport& report, std::string text, std::vector<std::string>* left = nullptr);

// Writes the planned text over the file with the safe writer (safe_write.hpp), only if
// the file still holds exactly what plan_fix read. Throws WriteError, the file untouched,
// when it cannot: changed since, read-only, not the user's to write, a failed write.
void apply_fix(const PlannedFix& plan);

// plan_fix, then apply_fix, or with `dry_run` a unified diff written to `diff`. Returns
// the number of fixes.
size_t fix_file(const FileReport& report, bool dry_run, std::ostream& diff, std::vector<std::string>* left = nullptr);

}  // namespace touchpoint
