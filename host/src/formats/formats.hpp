// Input formats: decoding a file's bytes and extracting its prose with a map back to
// the original positions.
#pragma once

#include <touchpoint/document.hpp>

#include "formats/format_error.hpp"
#include "formats/text_builder.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

enum class Format { plain_text, markdown, html, svg, docx, odt, csv, xlsx, pdf, pptx, idml };

// Where inline control directives ("touchpoint-disable ...") can stand in a format.
enum class CommentSyntax {
    none,          // containers and schedules have no comments
    html_comment,  // <!-- touchpoint-disable ... -->
    text_line,     // a line of its own: "touchpoint-disable ..."
};

struct ScheduleColumns;
struct Extracted;
using ProseKeys = std::vector<std::string>;

// One row of the table of input formats, as ripgrep's default types: a new format is a
// row here, its reader, its test and its line in docs/formats.md.
struct FormatInfo {
    Format format;
    std::string_view name;                         // "Markdown", for messages and docs
    std::vector<std::string_view> extensions;      // lower case, with the dot
    bool container;                                // a zip, read from its bytes, not decoded as text
    CommentSyntax comments;                        // inline control
    bool fixable;                                  // touchpoint fix rewrites such files
    Extracted (*extract)(std::string_view source, const ScheduleColumns& columns, const ProseKeys& prose_keys);
};

// Every format Touchpoint reads, in the order they are listed to users.
const std::vector<FormatInfo>& input_formats();
const FormatInfo& info(Format format);
// The extensions read, for help: ".md .txt .html ...".
std::string input_extensions();

// The format of a file Touchpoint reads, by its extension; nullopt for any other file.
std::optional<Format> format_of(const std::filesystem::path& path);

// Zip containers, read from their bytes rather than as text.
inline bool is_container(Format format) { return info(format).container; }

// Which columns of a sign schedule (CSV, XLSX) hold what: header names or 1-based
// column numbers; detected from a header row when not given.
struct ScheduleColumns {
    std::string message;
    std::string id;
    std::string location;
    // Columns of the message in a declared language (message-es="Spanish"): lang, column.
    std::vector<std::pair<std::string, std::string>> translations;
};

// The keys of Markdown front matter whose values are prose, checked like the page: by
// default title, description, summary, subtitle and excerpt (Jekyll's and Hugo's).
const ProseKeys& default_prose_keys();

// Decodes a file's bytes to UTF-8: a UTF-8 byte-order mark is dropped, UTF-16 with a
// byte-order mark is converted. Returns nullopt with `why` set for a binary or
// non-UTF-8 file.
std::optional<std::string> decode(std::string bytes, std::string& why);

// What a finding inside a text range is about, beyond its place ("sign L2-07 at Lobby",
// "header").
struct TextContext {
    uint32_t text_begin = 0;
    uint32_t text_end = 0;
    std::string label;
};

struct Extracted {
    std::string text;
    std::vector<TextRun> runs;
    std::vector<Link> links;
    std::string channel;  // from Markdown front matter ("channel: signage"), else empty
    // For containers: the source that lines and columns count in (a paragraph or a row
    // per line); empty when positions count in the file itself.
    std::optional<std::string> source;
    // For a sheet, the row number each line of `source` stands for (rows may skip
    // numbers, by millions); empty when line N of the source is line N.
    std::vector<int> line_numbers;
    std::vector<TextContext> contexts;  // in text order, none overlapping
    // Markdown: the source ranges of raw HTML, where alone an HTML comment is a comment (in
    // a code block or span it is text shown). Other formats: none, comments stand anywhere.
    std::optional<std::vector<std::pair<uint32_t, uint32_t>>> raw_html;
    // The languages its elements declare (HTML lang, Word w:lang, a sign schedule's
    // language column), and the document's own (front matter lang:); empty: undeclared.
    std::vector<DeclaredLanguage> languages;
    std::string language;
};

// Extracts prose from a decoded text file, or from a container's bytes. Throws
// FormatError (format_error.hpp) with a plain sentence for a file it refuses.
Extracted extract(Format format, std::string_view source, const ScheduleColumns& columns = {},
                  const ProseKeys& prose_keys = default_prose_keys());
Extracted extract_plain_text(std::string_view source);
Extracted extract_markdown(std::string_view source, const ProseKeys& prose_keys = default_prose_keys());
Extracted extract_html(std::string_view source);
Extracted extract_svg(std::string_view source);
Extracted extract_docx(std::string_view bytes);
Extracted extract_odt(std::string_view bytes);
Extracted extract_csv(std::string_view source, const ScheduleColumns& columns);
Extracted extract_xlsx(std::string_view bytes, const ScheduleColumns& columns);
Extracted extract_pdf(std::string_view bytes);
Extracted extract_pptx(std::string_view bytes);
Extracted extract_idml(std::string_view bytes);

}  // namespace touchpoint
