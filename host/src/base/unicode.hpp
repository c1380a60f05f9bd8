// Small UTF-8 helpers used across the engine.
#pragma once

#include <cstdint>
#include <string_view>

namespace touchpoint::utf8 {

inline bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

inline bool is_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return false;
    return true;
}

// Number of code points in valid UTF-8.
inline size_t length(std::string_view text) {
    size_t count = 0;
    for (unsigned char c : text) count += !is_continuation(c);
    return count;
}

// Decodes the code point at `pos` and advances it; invalid bytes decode as U+FFFD.
char32_t next(std::string_view text, size_t& pos);

// Offset of the first byte that is not valid UTF-8, or npos when all of it is valid.
size_t find_invalid(std::string_view text);

void append(std::string& out, char32_t code_point);

}  // namespace touchpoint::utf8
