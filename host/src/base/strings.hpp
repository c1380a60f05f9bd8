// The few string helpers configuration and the server share: one trim, two splitters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

// Without spaces, tabs and line breaks at either end.
std::string trim(std::string_view text);
// ASCII letters in lower case (header names, tag names, abbreviations); others as they are.
std::string ascii_lower(std::string_view text);
// The non-empty items of a list, split at any of the separators and trimmed.
std::vector<std::string> split_list(std::string_view text, std::string_view separators);
// Every item between separators, trimmed, empty ones kept (an empty alternative in
// "a||b" is a mistake to report).
std::vector<std::string> split_each(std::string_view text, char separator);

// Text made safe inside XML and HTML elements and attribute values (double-quoted ones,
// when `apostrophes` is false: a file people read keeps its "don't").
std::string escape_xml(std::string_view text, bool apostrophes = true);

}  // namespace touchpoint
