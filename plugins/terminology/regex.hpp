// ICU regular expressions run on UTF-8 prose, their offsets UTF-8 byte offsets.
#pragma once

#include <unicode/regex.h>
#include <unicode/utext.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace touchpoint::terminology {

// Case-insensitive; throws std::runtime_error for an invalid pattern.
inline std::shared_ptr<icu::RegexPattern> compile_regex(const std::string& pattern) {
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    std::shared_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status)) throw std::runtime_error("the pattern '" + pattern + "' is not a valid regular expression");
    return compiled;
}

// Calls on_match(begin, end) for each non-empty match in text.
template <class OnMatch>
void for_each_match(const icu::RegexPattern& pattern, std::string_view text, OnMatch&& on_match) {
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUTF8(&utext, text.data(), int64_t(text.size()), &status);
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(status));
    if (U_SUCCESS(status)) {
        matcher->reset(&utext);
        while (matcher->find(status) && U_SUCCESS(status)) {
            uint32_t begin = uint32_t(matcher->start64(status)), end = uint32_t(matcher->end64(status));
            if (end > begin) on_match(begin, end);
        }
    }
    utext_close(&utext);
}

}  // namespace touchpoint::terminology
