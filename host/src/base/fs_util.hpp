// Files: tests that never throw (a path too long or unreadable is simply not a file), and
// a file's identity.
#pragma once

#include <sys/types.h>

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

// What identifies a file whatever the path to it: its device and inode, or, for a file
// not there yet, its canonical path.
class FileIdentity {
public:
    explicit FileIdentity(const std::filesystem::path& path);
    // Whether `other` is a path to this file.
    bool is(const std::filesystem::path& other) const;

private:
    bool exists_ = false;
    dev_t device_ = 0;
    ino_t inode_ = 0;
    std::filesystem::path canonical_;
};

}  // namespace touchpoint
