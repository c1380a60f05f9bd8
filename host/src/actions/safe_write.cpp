#include "actions/safe_write.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <random>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace touchpoint {

namespace fs = std::filesystem;

namespace {

// Past a file size limit (ulimit -f) the kernel sends SIGXFSZ, which ends the process
// by default, leaving the temporary behind; ignored, the write fails with EFBIG and the
// temporary is removed like after any other failed write.
void ignore_file_size_signal() {
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGXFSZ, SIG_IGN); });
}

std::string random_suffix() {
    unsigned char bytes[8];
    if (getrandom(bytes, sizeof bytes, 0) != ssize_t(sizeof bytes)) {
        std::random_device device;
        for (unsigned char& byte : bytes) byte = static_cast<unsigned char>(device());
    }
    static constexpr char digits[] = "0123456789abcdef";
    std::string suffix;
    for (unsigned char byte : bytes) {
        suffix += digits[byte >> 4];
        suffix += digits[byte & 15];
    }
    return suffix;
}

// The umask without setting it: umask() can only be read by changing it for the whole
// process, which would race with other threads creating files.
mode_t current_umask() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with("Umask:")) return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    mode_t mask = ::umask(022);
    ::umask(mask);
    return mask;
}

std::string error_text(int error) {
    return std::strerror(error);
}

// Whether the file at `path` holds exactly `expected`; false when it cannot be read.
bool holds_exactly(const fs::path& path, std::string_view expected) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    std::vector<char> chunk(1 << 16);
    size_t offset = 0;
    bool same = true;
    while (same) {
        ssize_t n = ::read(fd, chunk.data(), chunk.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            same = n == 0 && offset == expected.size();
            break;
        }
        same = offset + size_t(n) <= expected.size() && expected.compare(offset, size_t(n), std::string_view(chunk.data(), size_t(n))) == 0;
        offset += size_t(n);
    }
    ::close(fd);
    return same;
}

// Makes a completed rename durable; a failure here cannot undo it, so it is ignored.
void sync_folder(const fs::path& folder) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

// An output buffer over the temporary's descriptor that remembers the first failed write.
class AtomicFile::Buffer : public std::streambuf {
public:
    explicit Buffer(int fd) : fd_(fd), data_(1 << 16) { reset(); }
    int error() const { return error_; }

    // Writes out what is buffered; false once any write has failed.
    bool drain() {
        bool written = write_all(pbase(), size_t(pptr() - pbase()));
        reset();
        return written;
    }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }

    std::streamsize xsputn(const char* text, std::streamsize size) override {
        if (size <= epptr() - pptr()) {
            std::memcpy(pptr(), text, size_t(size));
            pbump(int(size));
            return size;
        }
        return drain() && write_all(text, size_t(size)) ? size : 0;
    }

    int sync() override { return drain() ? 0 : -1; }

private:
    void reset() { setp(data_.data(), data_.data() + data_.size()); }

    bool write_all(const char* data, size_t size) {
        while (error_ == 0 && size > 0) {
            ssize_t n = ::write(fd_, data, size);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                error_ = n < 0 ? errno : EIO;
                break;
            }
            data += n;
            size -= size_t(n);
        }
        return error_ == 0;
    }

    int fd_;
    std::vector<char> data_;
    int error_ = 0;
};

AtomicFile::AtomicFile(const std::string& path) : path_(path), target_(path) {
    ignore_file_size_signal();
    check_writable();  // through links: /dev/stdout is refused as a device, not as a link
    struct stat link;
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        std::error_code error;
        target_ = fs::canonical(path, error);  // written through: the link stays a link
        if (error) fail("it is a symbolic link to nothing (" + error.message() + ")");
    }
    fs::path folder = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
    // The target's name, cut so that the temporary's stays within the 255 bytes a name may have.
    std::string stem = target_.filename().string().substr(0, 200);
    // O_EXCL never opens an existing name, a planted link included; a name taken by
    // chance is tried again.
    for (int attempt = 0; attempt < 16 && fd_ < 0; ++attempt) {
        temporary_ = folder / ("." + stem + ".touchpoint-" + random_suffix());
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd_ < 0 && errno != EEXIST) break;
    }
    if (fd_ < 0) {
        int error = errno;
        temporary_.clear();  // not ours: never removed
        fail(error_text(error));
    }
    buffer_ = std::make_unique<Buffer>(fd_);
    stream_ = std::make_unique<std::ostream>(buffer_.get());
}

AtomicFile::~AtomicFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

std::ostream& AtomicFile::stream() {
    return *stream_;
}

void AtomicFile::fail(const std::string& why) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temporary_.empty()) ::unlink(temporary_.c_str());
    temporary_.clear();
    std::error_code ignored;
    bool existed = fs::exists(target_, ignored);
    throw WriteError("cannot write " + path_ + ": " + why + (existed ? "; the file is unchanged" : "; nothing was written"));
}

// A file without a write bit for its owner is read-only: left alone even by root, whom
// the system would let write it.
void AtomicFile::check_writable() {
    struct stat info;
    if (::stat(target_.c_str(), &info) != 0) return;  // a new file
    if (S_ISDIR(info.st_mode)) fail("it is a folder");
    if (!S_ISREG(info.st_mode)) fail("it is not a regular file");
    if (!(info.st_mode & S_IWUSR)) fail("it is read-only");
    if (::faccessat(AT_FDCWD, target_.c_str(), W_OK, AT_EACCESS) != 0)
        fail("you may not write it (" + error_text(errno) + ")");
}

// An existing file's owner, group and mode (owner first: a change of owner clears the
// set-user-ID bit); a new file's mode as open(2) would have given it.
void AtomicFile::give_final_mode() {
    struct stat target;
    if (::stat(target_.c_str(), &target) != 0) {
        if (errno != ENOENT) fail(error_text(errno));
        if (::fchmod(fd_, 0666 & ~current_umask()) != 0) fail(error_text(errno));
        return;
    }
    struct stat temporary;
    if (::fstat(fd_, &temporary) != 0) fail(error_text(errno));
    if ((temporary.st_uid != target.st_uid || temporary.st_gid != target.st_gid) &&
        ::fchown(fd_, target.st_uid, target.st_gid) != 0)
        fail("cannot keep its owner and group (" + error_text(errno) + ")");
    if (::fchmod(fd_, target.st_mode & 07777) != 0) fail(error_text(errno));
}

void AtomicFile::check_unchanged(std::string_view expected) {
    if (!holds_exactly(target_, expected)) fail("it changed since it was read");
}

void AtomicFile::commit(std::optional<std::string_view> expected) {
    if (fd_ < 0) fail("already written");
    stream_->flush();
    if (buffer_->error() || !*stream_) fail(error_text(buffer_->error() ? buffer_->error() : EIO));
    check_writable();
    give_final_mode();
    if (::fsync(fd_) != 0) fail(error_text(errno));
    // Last, to narrow the window in which a change by someone else could be lost.
    if (expected) check_unchanged(*expected);
    int closed = ::close(fd_);
    fd_ = -1;
    if (closed != 0) fail(error_text(errno));
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail(error_text(errno));
    committed_ = true;
    temporary_.clear();  // the name is free again: never ours to remove
    sync_folder(target_.has_parent_path() ? target_.parent_path() : fs::path("."));
}

void write_file_safely(const std::string& path, std::string_view content, std::optional<std::string_view> expected) {
    AtomicFile file(path);
    file.stream().write(content.data(), std::streamsize(content.size()));
    file.commit(expected);
}

}  // namespace touchpoint
