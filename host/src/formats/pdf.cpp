// PDF (.pdf) with Poppler's C++ API: each page's words in Poppler's reading order,
// grouped by where they stand into printed lines and text blocks. A line of the source is
// a printed line (`line` counts them through the file, the context names the page and
// the line on it: "page 3, line 5"); a block is a paragraph, and so one sign of a sign
// proof. A line that ends in a soft hyphen (U+00AD, the PDF's
// own mark of a hyphen the layout added) runs on into the next; a hyphen-minus stays.
#include "formats/formats.hpp"
#include "formats/line_source.hpp"
#include "base/unicode.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <memory>

namespace touchpoint {
namespace {

constexpr int max_pages = 5000;
constexpr std::chrono::seconds max_reading_time{60};

// Poppler's syntax warnings would go to standard error, mixed into the report.
void silence_poppler() {
    static const bool silenced = [] {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
        return true;
    }();
    (void)silenced;
}

// A word as printed, in page coordinates turned so that its line runs left to right.
struct PrintedWord {
    std::string text;
    double start, end;  // along the line
    double baseline;    // across it, growing down the page
    double size;        // the height of its box
    int rotation;
    bool space_after;
};

struct PrintedLine {
    std::string text;
    double start, end, baseline, size;
    int rotation;
};

// U+FB00..FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) as their letters; soft hyphens dropped but for one that
// ends the word (which matters if the word ends its line); invalid UTF-8 as U+FFFD.
std::string printed_text(std::string_view utf8) {
    static const char* const ligatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    std::string out;
    for (size_t pos = 0; pos < utf8.size();) {
        char32_t c = utf8::next(utf8, pos);
        if (c >= 0xFB00 && c <= 0xFB06) out += ligatures[c - 0xFB00];
        else if (c == 0xAD && pos < utf8.size()) continue;
        else if (c < 0x20 || c == 0x7F) out += ' ';
        else utf8::append(out, c);
    }
    return out;
}

PrintedWord printed_word(const poppler::text_box& box) {
    poppler::rectf b = box.bbox();
    poppler::byte_array utf8 = box.text().to_utf8();
    PrintedWord word{printed_text(std::string_view(utf8.data(), utf8.size())), 0, 0, 0, 0, box.rotation(), box.has_space_after()};
    switch (word.rotation) {
        case 1: word = {std::move(word.text), b.y(), b.bottom(), -b.left(), b.width(), 1, word.space_after}; break;
        case 2: word = {std::move(word.text), -b.right(), -b.left(), -b.top(), b.height(), 2, word.space_after}; break;
        case 3: word = {std::move(word.text), -b.bottom(), -b.y(), b.right(), b.width(), 3, word.space_after}; break;
        default: word = {std::move(word.text), b.left(), b.right(), b.bottom(), b.height(), 0, word.space_after};
    }
    return word;
}

// Words in reading order to printed lines: a word starts a new line when it stands
// lower or higher by half its height, or back along the line.
std::vector<PrintedLine> printed_lines(const std::vector<poppler::text_box>& boxes, UnpackBudget& budget) {
    std::vector<PrintedLine> lines;
    bool space_before = false;
    for (const poppler::text_box& box : boxes) {
        PrintedWord word = printed_word(box);
        if (word.text.empty()) continue;
        budget.spend(word.text.size() + 1);
        PrintedLine* line = lines.empty() ? nullptr : &lines.back();
        bool same_line = line && line->rotation == word.rotation &&
                         std::abs(word.baseline - line->baseline) <= 0.5 * std::min(word.size, line->size) &&
                         word.start >= line->end - 0.5 * word.size;
        if (!same_line) {
            lines.push_back({word.text, word.start, word.end, word.baseline, word.size, word.rotation});
        } else {
            if (line->text.ends_with("\xC2\xAD")) line->text.resize(line->text.size() - 2);  // not at the line's end
            if (space_before || word.start - line->end > 0.25 * word.size) line->text += ' ';
            line->text += word.text;
            line->end = std::max(line->end, word.end);
            line->size = std::max(line->size, word.size);
        }
        space_before = word.space_after;
    }
    return lines;
}

// Lines of one block: the same size and turn, the next a line's spacing below, and
// overlapping along the line (centred sign lines do).
bool same_block(const PrintedLine& above, const PrintedLine& below) {
    double size = std::max(above.size, below.size);
    double gap = below.baseline - above.baseline;
    return above.rotation == below.rotation && std::abs(above.size - below.size) <= 0.2 * size && gap > 0 &&
           gap <= 1.7 * size && below.start < above.end && above.start < below.end;
}

void read_page(const poppler::page& page, LineSource& out) {
    std::vector<PrintedLine> lines = printed_lines(page.text_list(), out.budget());
    bool soft_hyphen = false;  // the line before ends in one
    for (size_t i = 0; i < lines.size(); ++i) {
        LineSource::Break before = LineSource::Break::paragraph;
        if (i > 0 && same_block(lines[i - 1], lines[i])) before = soft_hyphen ? LineSource::Break::joined : LineSource::Break::line;
        soft_hyphen = lines[i].text.ends_with("\xC2\xAD");
        out.line(std::move(lines[i].text), {}, before, true);
    }
}

}  // namespace

Extracted extract_pdf(std::string_view bytes) {
    silence_poppler();
    if (!bytes.starts_with("%PDF-") && bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
        throw FormatError("it is not a PDF (no %PDF- header)");
    if (bytes.size() > size_t(INT_MAX)) throw FormatError("a PDF over 2 GiB");
    std::unique_ptr<poppler::document> document(poppler::document::load_from_raw_data(bytes.data(), int(bytes.size())));
    if (!document) throw FormatError("a damaged PDF (Poppler cannot read it)");
    if (document->is_locked()) throw FormatError("an encrypted PDF that needs a password to open");
    int pages = document->pages();
    if (pages > max_pages)
        throw FormatError("a PDF of " + std::to_string(pages) + " pages, past the limit of " + std::to_string(max_pages));
    if (pages == 0) throw FormatError("it has no pages");
    // Pages may share one content stream: 16 KB that draw 100 pages of text. The text may
    // be at most 200 times the file (a zip's ratio), and 16 MiB (a 5,000-page book has
    // less); past that, or past a minute of Poppler's work, the file is refused.
    uint64_t budget = std::min<uint64_t>(16u << 20, std::max<uint64_t>(1u << 20, 200 * bytes.size()));
    LineSource lines(LineSource::Labels::part_and_line, budget);
    auto deadline = std::chrono::steady_clock::now() + max_reading_time;
    for (int index = 0; index < pages; ++index) {
        if (std::chrono::steady_clock::now() > deadline)
            throw FormatError("its pages took more than a minute to read; stopped at page " + std::to_string(index + 1) +
                              " of " + std::to_string(pages) + " (a document made to exhaust time?)");
        std::unique_ptr<poppler::page> page(document->create_page(index));
        if (!page) continue;
        lines.part("page " + std::to_string(index + 1));
        read_page(*page, lines);
    }
    if (lines.lines() == 0) throw FormatError("no text: scanned image? (Touchpoint reads a PDF's text, not its pictures)");
    return lines.extracted();
}

}  // namespace touchpoint
