#include "config/config_error.hpp"

namespace touchpoint {

void fail_at(const SourceRef& where, const std::string& sentence) {
    throw ConfigError(where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": " +
                      sentence);
}

}  // namespace touchpoint
