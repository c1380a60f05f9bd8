// The one way Touchpoint writes a file: `fix`, `baseline` and `--output` all go through
// it (docs/reliability.md, "Writing files").
#pragma once

#include "base/fs_util.hpp"

#include "engine/engine.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace touchpoint {

// A file that was not written and is as it was; the message names it and says why.
class WriteError : public RunError {
public:
    using RunError::RunError;
};

// The replacement of one file. The constructor creates a temporary file in the target's
// folder, exclusively (never through a link) under an unpredictable name, mode 0600;
// commit() gives it the target's mode and owner (a new file: 0666 less the umask) and
// renames it over the target. A target that is a symbolic link is written through to
// the file it names. Until commit() succeeds the target is untouched, and the temporary
// is removed on every failure and when the object goes uncommitted.
class AtomicFile {
public:
    // Throws WriteError when the target is read-only, not the user's to write, a link
    // to nothing, or its folder refuses the temporary.
    explicit AtomicFile(const std::string& path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Where the content goes; a failed write is reported by commit().
    std::ostream& stream();

    // Completes the file and renames it over the target. With `expected`, the target must
    // still hold exactly those bytes (what the caller read), else it is left alone.
    // Throws WriteError; the target is then as it was.
    void commit(std::optional<std::string_view> expected = std::nullopt);

private:
    class Buffer;
    [[noreturn]] void fail(const std::string& why);
    void check_writable();
    void give_final_mode();
    void check_unchanged(std::string_view expected);

    std::string path_;               // as given, for messages
    std::filesystem::path target_;   // the file replaced: `path_` with a final link resolved
    std::filesystem::path temporary_;
    int fd_ = -1;
    std::unique_ptr<Buffer> buffer_;
    std::unique_ptr<std::ostream> stream_;
    bool committed_ = false;
};

// Replaces `path` with `content` through an AtomicFile.
void write_file_safely(const std::string& path, std::string_view content,
                       std::optional<std::string_view> expected = std::nullopt);

}  // namespace touchpoint
