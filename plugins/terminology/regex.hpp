// ICU regular expressions on a document's prose, their offsets UTF-8 byte offsets.
#pragma once

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::terminology {

// Case-insensitive unless `exact_case`; throws std::runtime_error for an invalid pattern.
inline std::shared_ptr<icu::RegexPattern> compile_regex(const std::string& pattern, bool exact_case = false) {
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    std::shared_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(pattern), exact_case ? 0 : UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status)) throw std::runtime_error("the pattern '" + pattern + "' is not a valid regular expression");
    return compiled;
}

// A document's prose in UTF-16, made once for all its patterns: ICU matches a UTF-16
// string in place, 2.4 times as fast as UTF-8 through UText, which it decodes chunk by
// chunk for every pattern.
class SearchText {
public:
    explicit SearchText(std::string_view utf8) : text_(icu::UnicodeString::fromUTF8(utf8)), size_(uint32_t(utf8.size())) {
        if (text_.length() == int32_t(utf8.size())) return;  // ASCII: the offsets are the same
        byte_at_.reserve(size_t(text_.length()) + 1);
        // Decoded as fromUTF8 did, so that a malformed sequence (one U+FFFD) stays in step.
        for (int32_t at = 0, length = int32_t(utf8.size()); at < length;) {
            int32_t begin = at;
            UChar32 c;
            U8_NEXT(utf8.data(), at, length, c);
            byte_at_.insert(byte_at_.end(), U16_LENGTH(c < 0 ? 0xFFFD : c), uint32_t(begin));
        }
        byte_at_.push_back(size_);
    }

    const icu::UnicodeString& text() const { return text_; }
    uint32_t byte_offset(int64_t utf16_index) const {
        return byte_at_.empty() ? uint32_t(utf16_index) : byte_at_[size_t(utf16_index)];
    }

private:
    icu::UnicodeString text_;
    uint32_t size_;
    std::vector<uint32_t> byte_at_;  // UTF-16 index -> byte offset; empty for ASCII
};

// Calls on_match(begin, end) with byte offsets for each non-empty match in text.
template <class OnMatch>
void for_each_match(const icu::RegexPattern& pattern, const SearchText& text, OnMatch&& on_match) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(text.text(), status));
    if (U_FAILURE(status)) return;
    while (matcher->find(status) && U_SUCCESS(status)) {
        uint32_t begin = text.byte_offset(matcher->start64(status)), end = text.byte_offset(matcher->end64(status));
        if (end > begin) on_match(begin, end);
    }
}

}  // namespace touchpoint::terminology
