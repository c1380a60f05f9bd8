#include "formats/formats.hpp"

#include "formats/text_builder.hpp"
#include "base/unicode.hpp"

#include <md4c.h>

#include <algorithm>
#include <cstring>

namespace touchpoint {

namespace fs = std::filesystem;

namespace {

Extracted read_plain_text(std::string_view source, const ScheduleColumns&, const ProseKeys&) { return extract_plain_text(source); }
Extracted read_markdown(std::string_view source, const ScheduleColumns&, const ProseKeys& keys) { return extract_markdown(source, keys); }
Extracted read_html(std::string_view source, const ScheduleColumns&, const ProseKeys&) { return extract_html(source); }
Extracted read_svg(std::string_view source, const ScheduleColumns&, const ProseKeys&) { return extract_svg(source); }
Extracted read_docx(std::string_view bytes, const ScheduleColumns&, const ProseKeys&) { return extract_docx(bytes); }
Extracted read_odt(std::string_view bytes, const ScheduleColumns&, const ProseKeys&) { return extract_odt(bytes); }
Extracted read_csv(std::string_view source, const ScheduleColumns& columns, const ProseKeys&) { return extract_csv(source, columns); }
Extracted read_xlsx(std::string_view bytes, const ScheduleColumns& columns, const ProseKeys&) { return extract_xlsx(bytes, columns); }
Extracted read_pdf(std::string_view bytes, const ScheduleColumns&, const ProseKeys&) { return extract_pdf(bytes); }
Extracted read_pptx(std::string_view bytes, const ScheduleColumns&, const ProseKeys&) { return extract_pptx(bytes); }
Extracted read_idml(std::string_view bytes, const ScheduleColumns&, const ProseKeys&) { return extract_idml(bytes); }

}  // namespace

const std::vector<FormatInfo>& input_formats() {
    using C = CommentSyntax;
    static const std::vector<FormatInfo> table{
        {Format::markdown, "Markdown", {".md", ".markdown"}, false, C::html_comment, true, read_markdown},
        {Format::plain_text, "plain text", {".txt", ".text"}, false, C::text_line, true, read_plain_text},
        {Format::html, "HTML", {".html", ".htm"}, false, C::html_comment, false, read_html},
        {Format::svg, "SVG", {".svg"}, false, C::html_comment, false, read_svg},
        {Format::docx, "Word", {".docx"}, true, C::none, false, read_docx},
        {Format::odt, "OpenDocument text", {".odt"}, true, C::none, false, read_odt},
        {Format::pptx, "PowerPoint", {".pptx"}, true, C::none, false, read_pptx},
        {Format::idml, "InDesign", {".idml"}, true, C::none, false, read_idml},
        {Format::pdf, "PDF", {".pdf"}, true, C::none, false, read_pdf},
        {Format::csv, "sign schedule (CSV)", {".csv"}, false, C::none, false, read_csv},
        {Format::xlsx, "sign schedule (Excel)", {".xlsx"}, true, C::none, false, read_xlsx},
    };
    return table;
}

const FormatInfo& info(Format format) {
    for (const FormatInfo& row : input_formats())
        if (row.format == format) return row;
    return input_formats().front();  // unreachable: every Format has a row
}

std::string input_extensions() {
    std::string list;
    for (const FormatInfo& row : input_formats()) list += (list.empty() ? "" : " ") + std::string(row.extensions.front());
    return list;
}

std::optional<Format> format_of(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const FormatInfo& row : input_formats())
        for (std::string_view known : row.extensions)
            if (ext == known) return row.format;
    return std::nullopt;
}

namespace {

std::string utf16_to_utf8(std::string_view bytes, bool big_endian) {
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](size_t i) {
        unsigned char a = bytes[i], b = bytes[i + 1];
        return char16_t(big_endian ? (a << 8) | b : (b << 8) | a);
    };
    for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
        char32_t cp = unit(i);
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
            char32_t low = unit(i + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                i += 2;
            } else {
                cp = 0xFFFD;
            }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        utf8::append(out, cp);
    }
    return out;
}

}  // namespace

std::optional<std::string> decode(std::string bytes, std::string& why) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
    else if (bytes.starts_with("\xFF\xFE")) bytes = utf16_to_utf8(std::string_view(bytes).substr(2), false);
    else if (bytes.starts_with("\xFE\xFF")) bytes = utf16_to_utf8(std::string_view(bytes).substr(2), true);
    if (std::memchr(bytes.data(), 0, bytes.size())) {
        why = "a binary file";
        return std::nullopt;
    }
    size_t bad = utf8::find_invalid(bytes);
    if (bad != std::string::npos) {
        size_t line_start = bytes.rfind('\n', bad);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        size_t line = 1 + size_t(std::count(bytes.begin(), bytes.begin() + long(bad), '\n'));
        size_t column = 1 + utf8::length(std::string_view(bytes).substr(line_start, bad - line_start));
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
        why = "not UTF-8 (byte " + std::string(hex) + " at line " + std::to_string(line) + ", column " +
              std::to_string(column) + ")";
        return std::nullopt;
    }
    return bytes;
}

const ProseKeys& default_prose_keys() {
    static const ProseKeys keys{"title", "description", "summary", "subtitle", "excerpt"};
    return keys;
}

Extracted extract(Format format, std::string_view source, const ScheduleColumns& columns, const ProseKeys& prose_keys) {
    return info(format).extract(source, columns, prose_keys);
}

Extracted extract_plain_text(std::string_view source) {
    Extracted out;
    out.text = std::string(source);
    out.runs.push_back({0, 0, uint32_t(source.size()), true});
    return out;
}

}  // namespace touchpoint
