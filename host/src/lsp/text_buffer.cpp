#include "lsp/text_buffer.hpp"

#include <algorithm>

namespace touchpoint::lsp {

namespace {

// The length of the UTF-8 sequence a lead byte starts; 1 for a stray byte, which is
// counted as one unit as editors do with a replacement character.
size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xF0 && lead < 0xF8) return 4;
    if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
    if (lead >= 0xC0) return 2;
    return 1;
}

size_t units_of_sequence(size_t length, Encoding encoding) {
    if (encoding == Encoding::utf8) return length;
    if (encoding == Encoding::utf16) return length == 4 ? 2 : 1;
    return 1;
}

size_t line_start(std::string_view text, size_t line) {
    size_t at = 0;
    for (size_t l = 0; l < line; ++l) {
        size_t newline = text.find('\n', at);
        if (newline == std::string_view::npos) return text.size();
        at = newline + 1;
    }
    return at;
}

}  // namespace

const char* encoding_name(Encoding encoding) {
    return encoding == Encoding::utf8 ? "utf-8" : encoding == Encoding::utf16 ? "utf-16" : "utf-32";
}

size_t offset_of(std::string_view text, Position position, Encoding encoding) {
    size_t at = line_start(text, position.line);
    size_t newline = text.find('\n', at);
    size_t end = std::min(newline, text.size());
    if (newline != std::string_view::npos && end > at && text[end - 1] == '\r') --end;  // past the line: before its "\r\n"
    size_t units = 0;
    while (at < end) {
        size_t length = std::min(sequence_length(static_cast<unsigned char>(text[at])), end - at);
        size_t next = units + units_of_sequence(length, encoding);
        if (next > position.character) break;
        units = next;
        at += length;
    }
    return at;
}

Position position_of(std::string_view text, size_t offset, Encoding encoding) {
    offset = std::min(offset, text.size());
    Position position;
    size_t begin = 0;
    for (size_t newline = text.find('\n'); newline != std::string_view::npos && newline < offset;
         newline = text.find('\n', begin)) {
        ++position.line;
        begin = newline + 1;
    }
    position.character = units_of(text.substr(begin, offset - begin), encoding);
    return position;
}

size_t units_of(std::string_view utf8, Encoding encoding) {
    if (encoding == Encoding::utf8) return utf8.size();
    size_t units = 0;
    for (size_t at = 0; at < utf8.size();) {
        size_t length = std::min(sequence_length(static_cast<unsigned char>(utf8[at])), utf8.size() - at);
        units += units_of_sequence(length, encoding);
        at += length;
    }
    return units;
}

void replace_range(std::string& text, Position begin, Position end, std::string_view replacement, Encoding encoding) {
    size_t from = offset_of(text, begin, encoding);
    size_t to = std::max(from, offset_of(text, end, encoding));
    text.replace(from, to - from, replacement);
}

}  // namespace touchpoint::lsp
