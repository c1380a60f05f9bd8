#include "actions/accept_word.hpp"

#include "actions/safe_write.hpp"
#include "base/strings.hpp"
#include "config/config_error.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace touchpoint {

namespace {

bool has_control_character(const std::string& word) {
    for (unsigned char c : word)
        if (c < 0x20 || c == 0x7F) return true;
    return false;
}

// Held while the brand file is read and replaced: two servers accepting words into one
// file at once take turns, so that neither write loses the other's word. An flock on
// the file's folder, since the safe writer replaces the file itself.
class FolderLock {
public:
    explicit FolderLock(const std::filesystem::path& folder) : fd_(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (fd_ >= 0) ::flock(fd_, LOCK_EX);
    }
    ~FolderLock() {
        if (fd_ >= 0) ::close(fd_);  // and the lock with it
    }
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_;
};

}  // namespace

bool accept_word(const std::string& brand_file, const std::string& word) {
    if (trim(word).empty() || word.size() > 100 || has_control_character(word))
        throw std::invalid_argument("'" + escape_xml(word) + "' is not a word to accept: it is empty, over 100 bytes, or holds a line break or a control character");
    std::filesystem::path folder = std::filesystem::absolute(brand_file).parent_path();
    FolderLock lock(folder);
    std::ifstream in(brand_file, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot read the brand file '" + brand_file + "'");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string original = buffer.str();
    std::string element = "<accept>" + escape_xml(word) + "</accept>";
    if (original.find(element) != std::string::npos) return false;
    size_t close = original.rfind("</brand>");
    if (close == std::string::npos) throw ConfigError(brand_file + ": the brand file has no </brand> to add <accept> before");
    // Indented as the line before the closing tag, when that line holds an element.
    size_t line_start = original.rfind('\n', close == 0 ? 0 : close - 1);
    size_t previous = line_start == std::string::npos ? std::string::npos : original.rfind('\n', line_start == 0 ? 0 : line_start - 1);
    std::string indent = "  ";
    if (previous != std::string::npos) {
        size_t text = original.find_first_not_of(" \t", previous + 1);
        if (text != std::string::npos && text < line_start) indent = original.substr(previous + 1, text - previous - 1);
    }
    bool own_line = line_start != std::string::npos && original.find_first_not_of(" \t", line_start + 1) == close;
    std::string updated = own_line ? original.substr(0, line_start + 1) + indent + element + "\n" + original.substr(line_start + 1)
                                   : original.substr(0, close) + element + original.substr(close);
    write_file_safely(brand_file, updated, original);
    return true;
}

}  // namespace touchpoint
