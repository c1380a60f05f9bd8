// libFuzzer: every input format's text extraction on arbitrary bytes, then the document
// built on it (words, keys) and every text offset mapped back to a line and column.
// The first byte picks the format (or TOUCHPOINT_FUZZ_FORMAT names it, for one reader's
// harness); a refusal must be a FormatError.
#include "formats/archive.hpp"
#include "formats/formats.hpp"

#include <touchpoint/document.hpp>

#include <cstdint>
#include <string>

using namespace touchpoint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
#ifdef TOUCHPOINT_FUZZ_FORMAT  // one reader's harness (fuzz_pdf, ...): the input is a whole file
    Format format = Format::TOUCHPOINT_FUZZ_FORMAT;
    std::string bytes(reinterpret_cast<const char*>(data), size);
#else
    if (size == 0) return 0;
    static const Format formats[] = {Format::plain_text, Format::markdown, Format::html, Format::svg,
                                     Format::docx,       Format::odt,      Format::csv,  Format::xlsx,
                                     Format::pdf,        Format::pptx,     Format::idml};
    Format format = formats[data[0] % std::size(formats)];
    std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
#endif
    try {
        std::string source = bytes;
        if (!is_container(format)) {
            std::string why;
            auto decoded = decode(bytes, why);
            if (!decoded) return 0;
            source = *decoded;
        }
        Extracted e = extract(format, source, {});
        Document document("fuzz", "marketing", e.source ? *e.source : source, e.text, e.runs, e.links, {}, e.line_numbers);
        for (uint32_t offset = 0; offset < document.text().size(); ++offset) {
            Location at = document.locate(offset);
            Location end = document.locate_source(document.source_offset(offset, true));
            if (at.line < 1 || at.column < 1 || end.line < 1) __builtin_trap();
        }
        for (const Word& w : document.words())
            if (w.begin > w.end || w.end > document.text().size()) __builtin_trap();
    } catch (const FormatError&) {
    }
    return 0;
}
