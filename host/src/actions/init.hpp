// touchpoint init: a first brand.xml and touchpoint.xml for a content repository, with
// channels guessed from its folders and a vocabulary proposed from its content.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace touchpoint {

struct InitResult {
    std::vector<std::filesystem::path> written;
    size_t files_read = 0;
    std::vector<std::string> notes;  // what init could not propose, and why
};

// Reads the content under `folder` and writes brand.xml and touchpoint.xml there, each
// proposal commented for the brand manager to keep or delete. Never overwrites: throws
// RunError, writing nothing, when either file exists.
InitResult init_project(const std::filesystem::path& folder);

}  // namespace touchpoint
