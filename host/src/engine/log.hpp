// Warnings and faults on standard error, a whole line at a time from any thread.
#pragma once

#include <string>

namespace touchpoint {

void log_note(const std::string& message);     // "touchpoint: note: ..."
void log_warning(const std::string& message);  // "touchpoint: warning: ..."
void log_error(const std::string& message);    // "touchpoint: error: ..."
void log_line(const std::string& line);        // as it is (a child's line, --isolate)

}  // namespace touchpoint
