// libFuzzer: the term automaton. The input's first line holds terms separated by '|',
// the rest is a document; every match must lie within the document's words.
#include "support_fuzz.hpp"

#include <touchpoint/text.hpp>

#include <cstdint>
#include <string>

using namespace touchpoint;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    size_t newline = input.find('\n');
    if (newline == std::string::npos) return 0;
    std::string text = input.substr(newline + 1);
    std::string why;
    auto decoded = decode(text, why);
    if (!decoded) return 0;
    TermMatcher matcher;
    std::string terms = input.substr(0, newline);
    for (size_t start = 0; start <= terms.size();) {
        size_t end = terms.find('|', start);
        if (end == std::string::npos) end = terms.size();
        try {
            matcher.add(terms.substr(start, end - start), false);
        } catch (const std::invalid_argument&) {
        }
        start = end + 1;
    }
    matcher.build(nullptr);
    Document document("fuzz", "marketing", *decoded, *decoded, {});
    auto words = document.words();
    matcher.scan(document, [&](const TermMatcher::Match& m) {
        if (m.first_word > m.last_word || m.last_word >= words.size()) __builtin_trap();
        // A match covers its words and at most its own punctuation around them.
        if (m.begin > words[m.first_word].begin || m.end < words[m.last_word].end || m.end > document.text().size())
            __builtin_trap();
    });
    (void)joins_words(text);
    (void)match_key(text);
    return 0;
}
