#pragma once

#include <touchpoint/brand.hpp>

#include <filesystem>

namespace touchpoint {

// Reads and validates a brand file (docs/brand-file.md). Throws ConfigError naming the file,
// line and column of the first fault.
Brand read_brand(const std::filesystem::path& path);

}  // namespace touchpoint
