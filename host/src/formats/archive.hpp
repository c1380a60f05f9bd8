// Reading zip containers (Word, OpenDocument, Excel) in memory, within limits.
#pragma once

#include "formats/format_error.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace touchpoint {

struct ArchiveLimits {
    uint64_t max_entry_size = 64ull << 20;   // uncompressed bytes of one entry read
    uint64_t max_total_size = 256ull << 20;  // of all entries read
    uint64_t max_ratio = 200;                // uncompressed / compressed, for entries over 1 MiB
};

// What a container's content may unpack to once read: the text of its cells and
// paragraphs, and a spreadsheet's cell slots. A few bytes can ask for gigabytes (a shared
// string in 20,000 cells, <text:s text:c="2000000000"/>, a cell at column XFD in every
// row); past the limit the file is refused, never the run ended.
class UnpackBudget {
public:
    static constexpr uint64_t default_limit = 64ull << 20;
    explicit UnpackBudget(uint64_t limit = default_limit) : left_(limit), limit_(limit) {}
    // Throws FormatError when `bytes` more would pass the limit.
    void spend(uint64_t bytes) {
        if (bytes > left_)
            throw FormatError("its content unpacks to more than " + std::to_string(limit_ >> 20) +
                              " MiB of text (a document made to exhaust memory?)");
        left_ -= bytes;
    }

private:
    uint64_t left_, limit_;
};

// The entries of a zip held in `bytes` whose names `wanted` accepts, uncompressed.
// Throws FormatError for a damaged or truncated archive, an entry path that leaves the
// archive, or an entry past the limits (a zip bomb).
std::map<std::string, std::string> read_zip(std::string_view bytes, const std::function<bool(const std::string&)>& wanted,
                                            const ArchiveLimits& limits = {});

}  // namespace touchpoint
