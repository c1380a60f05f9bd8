// Input formats: decoding a file's bytes and extracting its prose with a map back to
// the original positions.
#pragma once

#include <touchpoint/document.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

enum class Format { plain_text, markdown };

// The format of a file Touchpoint reads, by its extension; nullopt for any other file.
std::optional<Format> format_of(const std::filesystem::path& path);

// Decodes a file's bytes to UTF-8: a UTF-8 byte-order mark is dropped, UTF-16 with a
// byte-order mark is converted. Returns nullopt with `why` set for a binary or
// non-UTF-8 file.
std::optional<std::string> decode(std::string bytes, std::string& why);

struct Extracted {
    std::string text;
    std::vector<TextRun> runs;
    std::vector<Link> links;
    std::string channel;  // from Markdown front matter ("channel: signage"), else empty
};

Extracted extract(Format format, std::string_view source);
Extracted extract_plain_text(std::string_view source);
Extracted extract_markdown(std::string_view source);

}  // namespace touchpoint
