#include "engine/locate.hpp"

#include "base/unicode.hpp"

#include <algorithm>

namespace touchpoint {

namespace {

constexpr uint32_t checkpoint_every = 256;
constexpr int window = 160;  // code points an excerpt keeps either side of the match

// UTF-16 units of the code point a UTF-8 lead byte starts; 0 for a continuation byte.
int utf16_units(unsigned char byte) { return utf8::is_continuation(byte) ? 0 : byte >= 0xF0 ? 2 : 1; }

uint32_t char_start(std::string_view text, uint32_t offset) {
    offset = std::min<uint32_t>(offset, uint32_t(text.size()));
    while (offset > 0 && offset < text.size() && utf8::is_continuation(static_cast<unsigned char>(text[offset]))) --offset;
    return offset;
}

}  // namespace

uint32_t Locator::line_end(uint32_t line_begin) const {
    // Findings come line by line: remember the last line's end, or a long line would be
    // scanned once per finding on it.
    if (line_begin != last_line_begin_ || !last_line_known_) {
        size_t end = source_.find('\n', line_begin);
        last_line_begin_ = line_begin;
        last_line_end_ = uint32_t(end == std::string_view::npos ? source_.size() : end);
        last_line_known_ = true;
    }
    return last_line_end_;
}

const std::vector<Locator::Checkpoint>& Locator::checkpoints(uint32_t line_begin) {
    auto [at, added] = checkpoints_.try_emplace(line_begin);
    if (!added) return at->second;
    std::vector<Checkpoint>& marks = at->second;
    uint32_t end = line_end(line_begin);
    Checkpoint mark{line_begin, 0, 0};
    marks.push_back(mark);
    for (uint32_t pos = line_begin; pos < end; ++pos) {
        auto byte = static_cast<unsigned char>(source_[pos]);
        if (pos - marks.back().offset >= checkpoint_every && !utf8::is_continuation(byte)) {
            mark.offset = pos;
            marks.push_back(mark);
        }
        mark.code_points += !utf8::is_continuation(byte);
        mark.utf16 += utf16_units(byte);
    }
    return marks;
}

Place Locator::operator()(uint32_t offset) {
    offset = char_start(source_, offset);
    auto line = document_.line_start_of(offset);
    Checkpoint from{line.begin, 0, 0};
    if (offset - line.begin > short_line) {
        const auto& marks = checkpoints(line.begin);
        auto next = std::upper_bound(marks.begin(), marks.end(), offset,
                                     [](uint32_t o, const Checkpoint& c) { return o < c.offset; });
        from = *std::prev(next);
    }
    for (uint32_t pos = from.offset; pos < offset; ++pos) {
        auto byte = static_cast<unsigned char>(source_[pos]);
        from.code_points += !utf8::is_continuation(byte);
        from.utf16 += utf16_units(byte);
    }
    return {{line.number, 1 + from.code_points}, 1 + from.utf16, 1 + int(offset - line.begin)};
}

Place Locator::after(uint32_t offset) {
    Place place = (*this)(offset);
    offset = char_start(source_, offset);
    if (offset < source_.size() && source_[offset] != '\n' && source_[offset] != '\r') {
        size_t next = offset;
        utf8::next(source_, next);
        place.location.column += 1;
        place.utf16_column += utf16_units(static_cast<unsigned char>(source_[offset]));
        place.byte_column += int(next - offset);
    }
    return place;
}

Excerpt Locator::excerpt(uint32_t begin, uint32_t end, int column) const {
    begin = char_start(source_, begin);
    uint32_t line_begin = document_.line_start_of(begin).begin;
    std::string_view line = source_.substr(line_begin, line_end(line_begin) - line_begin);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() <= short_line) return {std::string(line), 1, false, false};
    size_t at = std::min<size_t>(begin - line_begin, line.size());
    size_t start = at;
    int before = 0;
    for (; start > 0 && before < window; ++before)
        do --start;
        while (start > 0 && utf8::is_continuation(static_cast<unsigned char>(line[start])));
    // Forward through the match (at most two windows of it), then one window more.
    size_t match_end = std::clamp<size_t>(end > line_begin ? end - line_begin : at, at, line.size());
    size_t stop = at;
    for (int n = 0; stop < match_end && n < 2 * window; ++n) utf8::next(line, stop);
    for (int n = 0; stop < line.size() && n < window; ++n) utf8::next(line, stop);
    return {std::string(line.substr(start, stop - start)), column - before, start > 0, stop < line.size()};
}

// The prose line around [begin, end), cut at code-point boundaries within the window.
Prose prose_around(std::string_view text, size_t begin, size_t end) {
    // Looked for within the window only: a finding on a line of megabytes costs no more.
    size_t window_begin = begin - std::min(begin, Prose::window), window_end = std::min(text.size(), end + Prose::window);
    size_t newline = begin == 0 ? std::string_view::npos : text.substr(window_begin, begin - window_begin).rfind('\n');
    size_t line_begin = newline == std::string_view::npos ? window_begin : window_begin + newline + 1;
    size_t after = end < window_end ? text.substr(end, window_end - end).find('\n') : std::string_view::npos;
    size_t line_end = after == std::string_view::npos ? window_end : end + after;
    bool longer_before = line_begin == window_begin && window_begin > 0 && text[window_begin - 1] != '\n';
    bool longer_after = line_end == window_end && window_end < text.size() && text[window_end] != '\n';
    size_t from = begin - std::min(begin - line_begin, Prose::window);
    while (from > line_begin && utf8::is_continuation(static_cast<unsigned char>(text[from]))) --from;
    size_t to = end + std::min(line_end - std::min(end, line_end), Prose::window);
    while (to < line_end && utf8::is_continuation(static_cast<unsigned char>(text[to]))) ++to;
    Prose prose;
    prose.before = std::string(text.substr(from, begin - from));
    prose.match = std::string(text.substr(begin, end - begin).substr(0, 4 * Prose::window));
    prose.after = end < to ? std::string(text.substr(end, to - end)) : std::string();
    prose.cut_before = from > line_begin || longer_before;
    prose.cut_after = to < line_end || longer_after;
    return prose;
}

bool within(const Finding& finding, const Document& document) {
    size_t limit = finding.anchor == Anchor::text ? document.text().size() : document.source().size();
    return finding.begin <= finding.end && finding.end <= limit;
}

void place(const Finding& finding, const Document& document, const std::vector<TextContext>& contexts, Locator& locate,
           ReportedFinding& out) {
    std::string_view text = document.text(), source = document.source();
    bool in_text = finding.anchor == Anchor::text;
    out.lang = in_text ? document.language_at(finding.begin) : document.language_name(0);
    uint32_t first = in_text ? document.source_offset(finding.begin) : finding.begin;
    uint32_t last = finding.end == finding.begin ? first
                    : in_text                    ? document.source_offset(finding.end - 1, true)
                                                 : finding.end - 1;
    Place begin = locate(first), end = locate(last), after = locate.after(last);
    out.begin = begin.location;
    out.end = end.location;
    out.begin_utf16 = begin.utf16_column;
    out.begin_byte = begin.byte_column;
    out.end_utf16 = after.utf16_column;
    out.end_byte = after.byte_column;
    out.source_begin = first;
    out.source_end = finding.end == finding.begin ? first : last + 1;
    while (out.source_end < source.size() && utf8::is_continuation(static_cast<unsigned char>(source[out.source_end])))
        ++out.source_end;
    out.match = std::string((in_text ? text : source).substr(finding.begin, finding.end - finding.begin));
    out.exact = !in_text || source.substr(out.source_begin, out.source_end - out.source_begin) == out.match;
    if (in_text) {  // contexts are in text order, apart: a PDF has one per printed line
        auto after = std::upper_bound(contexts.begin(), contexts.end(), finding.begin,
                                      [](uint32_t offset, const TextContext& c) { return offset < c.text_begin; });
        if (after != contexts.begin() && finding.begin < std::prev(after)->text_end) out.context = std::prev(after)->label;
    }
    out.excerpt = locate.excerpt(out.source_begin, out.source_end, out.begin.column);
    // Kept only where the source line is not what a reader sees (markup, entities): the
    // excerpt serves the rest, and memory stays one bounded line per finding.
    if (in_text && finding.end > finding.begin) {
        Prose prose = prose_around(text, finding.begin, finding.end);
        if (out.excerpt.text.find(prose.before + prose.match + prose.after) == std::string::npos) out.prose = std::move(prose);
    }
}

}  // namespace touchpoint
