#include <touchpoint/document.hpp>
#include <touchpoint/text.hpp>

#include "base/unicode.hpp"
#include "base/words.hpp"

#include <algorithm>

namespace touchpoint {
namespace {

bool is_chunk_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '<' || c == '>'; }

// Whitespace-delimited chunks that are URLs or e-mail addresses, as [begin, end) ranges.
std::vector<Segment> find_literals(std::string_view text) {
    std::vector<Segment> literals;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_chunk_space(text[i])) ++i;
        size_t start = i;
        while (i < text.size() && !is_chunk_space(text[i])) ++i;
        std::string_view chunk = text.substr(start, i - start);
        size_t at = chunk.find('@');
        bool literal = chunk.find("://") != std::string_view::npos || chunk.starts_with("www.") ||
                       (at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos);
        if (literal) literals.push_back({uint32_t(start), uint32_t(i)});
    }
    return literals;
}

}  // namespace

Document::Document(std::string path, std::string channel, std::string source, std::string text,
                   std::vector<TextRun> runs, std::vector<Link> links, std::vector<Turn> turns,
                   std::vector<int> line_numbers)
    : path_(std::move(path)),
      channel_(std::move(channel)),
      source_(std::move(source)),
      text_(std::move(text)),
      runs_(std::move(runs)),
      links_(std::move(links)),
      turns_(std::move(turns)),
      line_numbers_(std::move(line_numbers)) {
    if (runs_.empty()) runs_.push_back({0, 0, uint32_t(source_.size()), true});
    index_lines();
    index_words();
}

Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

void Document::index_lines() {
    line_starts_.push_back(0);
    for (size_t i = 0; i < source_.size(); ++i)
        if (source_[i] == '\n') line_starts_.push_back(uint32_t(i + 1));
}

void Document::index_words() {
    std::vector<Segment> segments;
    segments.reserve(text_.size() / 6);
    find_words(text_, segments);
    std::vector<Segment> literals = find_literals(text_);
    auto literal = literals.begin();
    words_.reserve(segments.size());
    keys_.reserve(text_.size());
    for (const Segment& s : segments) {
        std::string_view word = std::string_view(text_).substr(s.begin, s.end - s.begin);
        Word w;
        w.begin = s.begin;
        w.end = s.end - uint32_t(possessive_ending(word));
        while (literal != literals.end() && literal->end <= s.begin) ++literal;
        w.in_literal = literal != literals.end() && literal->begin <= s.begin;
        std::string_view core = std::string_view(text_).substr(w.begin, w.end - w.begin);
        w.key_begin = uint32_t(keys_.size());
        if (utf8::is_ascii(core)) {
            // Most words: lower-case ASCII straight into the arena, no allocation.
            for (char c : core) keys_ += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
        } else {
            keys_ += match_key(core);
        }
        w.key_size = uint32_t(keys_.size() - w.key_begin);
        words_.push_back(w);
    }
}

void Document::set_languages(std::vector<std::string> languages, std::vector<LanguageRun> runs) {
    languages_ = std::move(languages);
    language_runs_ = std::move(runs);
    auto run = language_runs_.begin();
    for (Word& word : words_) {
        while (run != language_runs_.end() && run->end <= word.begin) ++run;
        word.language = run != language_runs_.end() && run->begin <= word.begin ? run->language : 0;
    }
}

std::string_view Document::language_at(uint32_t offset) const {
    auto after = std::upper_bound(language_runs_.begin(), language_runs_.end(), offset,
                                  [](uint32_t o, const LanguageRun& r) { return o < r.begin; });
    if (after != language_runs_.begin() && offset < std::prev(after)->end) return language_name(std::prev(after)->language);
    return language_name(0);
}

bool Document::copies_line_break(uint32_t text_offset) const {
    if (text_offset >= text_.size() || text_[text_offset] != '\n') return false;
    uint32_t source = source_offset(text_offset);
    return source < source_.size() && source_[source] == '\n' && source_offset(text_offset + 1) == source + 1;
}

bool Document::in_staff_turn(uint32_t offset) const {
    if (turns_.empty()) return true;
    auto after = std::upper_bound(turns_.begin(), turns_.end(), offset,
                                  [](uint32_t o, const Turn& t) { return o < t.begin; });
    if (after == turns_.begin()) return false;
    const Turn& turn = *std::prev(after);
    return turn.staff && offset < turn.end;
}

uint32_t Document::source_offset(uint32_t text_offset, bool end) const {
    auto run = std::upper_bound(runs_.begin(), runs_.end(), text_offset,
                                [](uint32_t t, const TextRun& r) { return t < r.text_begin; });
    if (run != runs_.begin()) --run;
    if (run->verbatim) return std::min<uint32_t>(run->source_begin + (text_offset - run->text_begin), uint32_t(source_.size()));
    if (end && run->source_size > 0) return run->source_begin + run->source_size - 1;
    return run->source_begin;
}

Location Document::locate_source(uint32_t offset) const {
    offset = std::min<uint32_t>(offset, uint32_t(source_.size()));
    while (offset > 0 && offset < source_.size() && utf8::is_continuation(static_cast<unsigned char>(source_[offset])))
        --offset;
    auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line_index = size_t(next_line - line_starts_.begin()) - 1;
    uint32_t line_start = line_starts_[line_index];
    int column = 1 + int(utf8::length(std::string_view(source_).substr(line_start, offset - line_start)));
    return {line_number(line_index), column};
}

Document::LineStart Document::line_start_of(uint32_t offset) const {
    offset = std::min<uint32_t>(offset, uint32_t(source_.size()));
    auto next_line = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    size_t line_index = size_t(next_line - line_starts_.begin()) - 1;
    return {line_number(line_index), line_starts_[line_index]};
}

int Document::line_number(size_t line_index) const {
    if (line_numbers_.empty()) return int(line_index) + 1;
    if (line_index < line_numbers_.size()) return line_numbers_[line_index];
    return line_numbers_.back() + int(line_index - line_numbers_.size()) + 1;  // the end, after the last numbered line
}

std::string_view Document::source_line(int line) const {
    size_t index = size_t(line) - 1;
    if (!line_numbers_.empty()) {
        auto numbered = std::lower_bound(line_numbers_.begin(), line_numbers_.end(), line);
        if (numbered == line_numbers_.end() || *numbered != line) return {};
        index = size_t(numbered - line_numbers_.begin());
    }
    if (line < 1 || index >= line_starts_.size()) return {};
    uint32_t start = line_starts_[index];
    uint32_t end = index + 1 < line_starts_.size() ? line_starts_[index + 1] - 1 : uint32_t(source_.size());
    std::string_view text = std::string_view(source_).substr(start, end - start);
    if (text.ends_with('\r')) text.remove_suffix(1);
    return text;
}

}  // namespace touchpoint
