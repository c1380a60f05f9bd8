#include "engine/log.hpp"

#include <iostream>
#include <mutex>

namespace touchpoint {

namespace {
std::mutex stderr_mutex;
}  // namespace

void log_line(const std::string& line) {
    std::lock_guard lock(stderr_mutex);
    std::cerr << line << '\n';
}

void log_note(const std::string& message) { log_line("touchpoint: note: " + message); }
void log_warning(const std::string& message) { log_line("touchpoint: warning: " + message); }
void log_error(const std::string& message) { log_line("touchpoint: error: " + message); }

}  // namespace touchpoint
