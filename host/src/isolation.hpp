// --isolate: a file's report passed from the child touchpoint to the parent as JSON.
#pragma once

#include "engine.hpp"

#include <optional>
#include <string>

namespace touchpoint {

std::string serialize_isolated_report(const FileReport& report);
// nullopt when the child's output is not a report (it died writing it).
std::optional<FileReport> parse_isolated_report(const std::string& json);

}  // namespace touchpoint
