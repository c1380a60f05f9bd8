// Word segmentation (UAX #29) of prose text.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace touchpoint {

struct Segment {
    uint32_t begin;
    uint32_t end;
};

// Appends the word segments of `text` that hold a letter or a digit, offset by `base`.
// ASCII lines take a fast path that follows the same rules as ICU's word break
// iterator; other lines go through ICU.
void find_words(std::string_view text, std::vector<Segment>& out);

// The same through ICU alone: the reference the fast path is tested against.
void find_words_icu(std::string_view text, uint32_t base, std::vector<Segment>& out);

// A possessive ending ('s or ’s, in either case): its length in bytes where `word` ends
// with one (and holds more), or where `gap`, the text after a word, starts with one; else 0.
size_t possessive_ending(std::string_view word);
size_t possessive_start(std::string_view gap);

}  // namespace touchpoint
