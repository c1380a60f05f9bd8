// A fault of a configuration file (brand, project, pack): what() is
// "file:line:column: a plain sentence", and the run stops before checking.
#pragma once

#include <touchpoint/brand.hpp>

#include <stdexcept>
#include <string>

namespace touchpoint {

class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Throws ConfigError for the place `where` names.
[[noreturn]] void fail_at(const SourceRef& where, const std::string& sentence);

}  // namespace touchpoint
