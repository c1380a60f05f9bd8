// Where a finding stands in the original file: its line, its column in the units each
// report counts in, and the part of the line around it that reports show. Work and memory
// per finding are bounded however long the line (a minified page, a Word paragraph):
// columns start from a checkpoint at most 256 bytes back, and the excerpt is a window.
#pragma once

#include <touchpoint/document.hpp>
#include <touchpoint/plugin.hpp>

#include "engine/findings.hpp"
#include "formats/formats.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace touchpoint {

struct Place {
    Location location;  // line, and column in code points
    int utf16_column = 1;  // as GitHub and editors count
    int byte_column = 1;   // as rdjson counts
};

class Locator {
public:
    explicit Locator(const Document& document) : document_(document), source_(document.source()) {}

    // The place of the character that starts at (or holds) a source offset.
    Place operator()(uint32_t offset);
    // The place just past the character at `offset` on its line (an end column).
    Place after(uint32_t offset);
    // The line of `begin` around the source bytes [begin, end); `column` is begin's.
    Excerpt excerpt(uint32_t begin, uint32_t end, int column) const;

    static constexpr size_t short_line = 512;  // shorter lines are kept whole in excerpts

private:
    struct Checkpoint {
        uint32_t offset;
        int code_points;
        int utf16;
    };
    const std::vector<Checkpoint>& checkpoints(uint32_t line_begin);
    uint32_t line_end(uint32_t line_begin) const;

    const Document& document_;
    std::string_view source_;
    std::unordered_map<uint32_t, std::vector<Checkpoint>> checkpoints_;  // long lines, by start
    mutable bool last_line_known_ = false;
    mutable uint32_t last_line_begin_ = 0, last_line_end_ = 0;
};

// True when a finding's range lies inside the text (or source) it is anchored to.
bool within(const Finding& finding, const Document& document);

// Places a finding anchored in the text or source (within() holds) in the original file:
// `out`'s lines, columns in every unit, source range, match, excerpt and context.
void place(const Finding& finding, const Document& document, const std::vector<TextContext>& contexts, Locator& locate,
           ReportedFinding& out);

}  // namespace touchpoint
