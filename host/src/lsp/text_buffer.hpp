// An open document's text as the editor holds it, and LSP positions in it: a line and a
// character offset counted in UTF-16 code units, bytes or code points, as the client and
// server agreed (positionEncoding, LSP 3.17).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace touchpoint::lsp {

enum class Encoding { utf8, utf16, utf32 };

// "utf-16": the name LSP gives an encoding.
const char* encoding_name(Encoding encoding);

struct Position {
    size_t line = 0;
    size_t character = 0;
};

// The byte offset of a position. A character past the line's end stands at its end, and a
// line past the last at the text's end (LSP says so); inside a code point, at its start.
size_t offset_of(std::string_view text, Position position, Encoding encoding);

// The position of a byte offset (clamped to the text).
Position position_of(std::string_view text, size_t offset, Encoding encoding);

// How many units of `encoding` the UTF-8 bytes take.
size_t units_of(std::string_view utf8, Encoding encoding);

// Replaces [begin, end) of the text with `replacement`: an incremental didChange.
void replace_range(std::string& text, Position begin, Position end, std::string_view replacement, Encoding encoding);

}  // namespace touchpoint::lsp
