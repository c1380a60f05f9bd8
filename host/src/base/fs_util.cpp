#include "base/fs_util.hpp"

#include <sys/stat.h>

namespace touchpoint {

namespace fs = std::filesystem;

FileIdentity::FileIdentity(const fs::path& path) {
    struct stat info;
    exists_ = ::stat(path.c_str(), &info) == 0;
    if (exists_) {
        device_ = info.st_dev;
        inode_ = info.st_ino;
    } else {
        std::error_code ignored;
        canonical_ = fs::weakly_canonical(path, ignored);
    }
}

bool FileIdentity::is(const fs::path& other) const {
    struct stat info;
    if (exists_) return ::stat(other.c_str(), &info) == 0 && info.st_dev == device_ && info.st_ino == inode_;
    // Resolving costs a system call per folder: only for a path with the same name.
    std::error_code error;
    return other.filename() == canonical_.filename() && fs::weakly_canonical(other, error) == canonical_ && !error;
}

}  // namespace touchpoint
