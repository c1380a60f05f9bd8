// touchpoint fix: unambiguous suggestions applied to text and Markdown files.
#pragma once

#include "engine.hpp"

#include <ostream>
#include <string>

namespace touchpoint {

struct FixResult {
    size_t fixes = 0;
    size_t files = 0;
};

// Applies the file's findings that have exactly one suggestion and whose match stands
// as written in the file; overlapping fixes are never both applied. Writes the file
// atomically (a temporary file renamed over it), keeping its byte-order mark and line
// endings; with `dry_run`, writes a unified diff to `diff` instead. Returns the number of
// fixes; throws RunError when the file cannot be written.
size_t fix_file(const FileReport& report, bool dry_run, std::ostream& diff);

// Writes `content` to `path` through a temporary file in the same folder, renamed over
// it only once complete, keeping the file's permissions.
void write_atomically(const std::string& path, const std::string& content);

}  // namespace touchpoint
