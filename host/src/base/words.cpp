#include "base/words.hpp"

#include "base/unicode.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>
#include <stdexcept>

namespace touchpoint {
namespace {

// ASCII word-break classes (UAX #29 Word_Break as ICU tailors it: no colon in MidLetter,
// '@' a letter so that e-mail addresses stay whole).
enum Class : unsigned char { other, letter, digit, extend_num_let, mid_num_let, mid_num };

constexpr Class classify(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@') return letter;
    if (c >= '0' && c <= '9') return digit;
    if (c == '_') return extend_num_let;
    if (c == '.' || c == '\'') return mid_num_let;
    if (c == ',' || c == ';') return mid_num;
    return other;
}

struct ClassTable {
    Class of[256];
    constexpr ClassTable() : of{} {
        for (int c = 0; c < 256; ++c) of[c] = classify(static_cast<unsigned char>(c));
    }
};
constexpr ClassTable classes;

void find_words_ascii(std::string_view text, uint32_t base, std::vector<Segment>& out) {
    const size_t n = text.size();
    auto cls = [&](size_t i) { return i < n ? classes.of[static_cast<unsigned char>(text[i])] : other; };
    size_t i = 0;
    while (i < n) {
        Class c = cls(i);
        if (c != letter && c != digit && c != extend_num_let) {
            ++i;
            continue;
        }
        size_t start = i;
        bool has_alnum = false;
        Class prev = other;
        while (i < n) {
            c = cls(i);
            if (c == letter || c == digit || c == extend_num_let) {
                has_alnum |= c == digit || (c == letter && text[i] != '@');
                prev = c;
                ++i;
            } else if (c == mid_num_let && prev == letter && cls(i + 1) == letter) {
                i += 1;  // WB6/WB7: letter (.|') letter
            } else if ((c == mid_num_let || c == mid_num) && prev == digit && cls(i + 1) == digit) {
                i += 1;  // WB11/WB12: digit (.|,|;|') digit
            } else {
                break;
            }
        }
        if (has_alnum) out.push_back({base + uint32_t(start), base + uint32_t(i)});
    }
}

icu::BreakIterator& word_iterator() {
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
        return it;
    }();
    return *iterator;
}

bool holds_letter_or_digit(std::string_view segment) {
    size_t pos = 0;
    while (pos < segment.size()) {
        UChar32 c = UChar32(utf8::next(segment, pos));
        if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || (U_GET_GC_MASK(c) & U_GC_N_MASK)) return true;
    }
    return false;
}

}  // namespace

void find_words_icu(std::string_view text, uint32_t base, std::vector<Segment>& out) {
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return;
    icu::BreakIterator& it = word_iterator();
    it.setText(&utext, status);
    int32_t start = it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
        if (it.getRuleStatus() >= UBRK_WORD_NUMBER && holds_letter_or_digit(text.substr(start, end - start)))
            out.push_back({base + uint32_t(start), base + uint32_t(end)});
    }
    utext_close(&utext);
}

void find_words(std::string_view text, std::vector<Segment>& out) {
    // Lines are independent: UAX #29 always breaks around line breaks.
    size_t line_start = 0;
    while (line_start < text.size()) {
        size_t line_end = text.find('\n', line_start);
        if (line_end == std::string_view::npos) line_end = text.size();
        std::string_view line = text.substr(line_start, line_end - line_start);
        if (utf8::is_ascii(line))
            find_words_ascii(line, uint32_t(line_start), out);
        else
            find_words_icu(line, uint32_t(line_start), out);
        line_start = line_end + 1;
    }
}

namespace {
constexpr std::string_view possessive_endings[] = {"'s", "'S", "\u2019s", "\u2019S"};
}  // namespace

size_t possessive_ending(std::string_view word) {
    for (std::string_view ending : possessive_endings)
        if (word.size() > ending.size() && word.ends_with(ending)) return ending.size();
    return 0;
}

size_t possessive_start(std::string_view gap) {
    for (std::string_view ending : possessive_endings)
        if (gap.starts_with(ending)) return ending.size();
    return 0;
}

}  // namespace touchpoint
