#pragma once

#include <string_view>

namespace touchpoint {

// Matches a '/'-separated relative path against a glob: `*` and `?` within a path
// segment, `**` across segments, `[abc]` classes. A glob without '/' matches the
// last segment at any depth, as in .gitignore.
bool glob_match(std::string_view glob, std::string_view path);

}  // namespace touchpoint
