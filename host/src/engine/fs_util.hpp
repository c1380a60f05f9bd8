// File tests that never throw: a path too long or unreadable is simply not a file.
#pragma once

#include <filesystem>

namespace touchpoint {

inline bool is_file(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

inline bool is_folder(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::is_directory(path, error);
}

}  // namespace touchpoint
