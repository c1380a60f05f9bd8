// --isolate: a file's report passed from the child touchpoint to the parent, one record
// at a time.
#pragma once

#include "engine/engine.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace touchpoint {

void write_isolated_report(const FileReport& report, std::ostream& out);
// nullopt when the child's output is not a whole report (it died writing it).
std::optional<FileReport> read_isolated_report(std::istream& in);

}  // namespace touchpoint
