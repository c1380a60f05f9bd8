// check --watch: a check, then another each time a file under the checked paths (or the
// brand, project or a pack) changes, for a writer with the report open in a terminal.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace touchpoint {

// Runs `check` once, then again after each change under `paths` (folders are watched
// with every folder below them; files through their folders), until interrupted.
// A check that throws (a brand file saved half-edited) is reported and waited out.
int watch(const std::vector<std::string>& paths, const std::vector<std::string>& also_watched,
          const std::function<int()>& check);

}  // namespace touchpoint
