// touchpoint import vale PATH: a Vale vocabulary (accept.txt, reject.txt) and Vale
// substitution and existence rules turned into brand-file elements.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace touchpoint {

struct ValeImport {
    std::string elements;           // brand-file elements, each with a comment naming its source
    std::vector<std::string> left;  // what could not be converted, and why ("Spacing.yml: ...")
    size_t files = 0;
};

// Reads a Vale rule file (.yml), a vocabulary file (accept.txt, reject.txt) or a folder
// of them (walked in name order). Throws RunError for a path that cannot be read.
ValeImport import_vale(const std::filesystem::path& path);

}  // namespace touchpoint
