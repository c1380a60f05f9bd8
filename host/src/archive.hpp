// Reading zip containers (Word, OpenDocument, Excel) in memory, within limits.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace touchpoint {

// A file Touchpoint reads but refuses; what() is a plain sentence.
class FormatError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ArchiveLimits {
    uint64_t max_entry_size = 64ull << 20;   // uncompressed bytes of one entry read
    uint64_t max_total_size = 256ull << 20;  // of all entries read
    uint64_t max_ratio = 200;                // uncompressed / compressed, for entries over 1 MiB
};

// The entries of a zip held in `bytes` whose names `wanted` accepts, uncompressed.
// Throws FormatError for a damaged or truncated archive, an entry path that leaves the
// archive, or an entry past the limits (a zip bomb).
std::map<std::string, std::string> read_zip(std::string_view bytes, const std::function<bool(const std::string&)>& wanted,
                                            const ArchiveLimits& limits = {});

}  // namespace touchpoint
