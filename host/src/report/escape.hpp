// Text made safe in the report formats: JSON strings and XML (and HTML) text.
#pragma once

#include "base/strings.hpp"

#include <ostream>
#include <string>
#include <string_view>

namespace touchpoint {

// Writes `text` as a JSON string, quotes included.
void json_string(std::ostream& out, std::string_view text);
// The same, as a string.
std::string json_quoted(std::string_view text);

}  // namespace touchpoint
