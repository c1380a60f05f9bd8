#include <touchpoint/text.hpp>

#include "unicode.hpp"
#include "words.hpp"

#include <unicode/normalizer2.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>

namespace touchpoint {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

const icu::Normalizer2& nfc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalizer unavailable");
    return *n;
}

icu::UnicodeString normalize(const icu::UnicodeString& s) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString out = nfc().normalize(s, status);
    return U_FAILURE(status) ? s : out;
}

// Typographic apostrophes and quotes compare equal to ASCII ones.
void plain_quotes(icu::UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); ++i) {
        char16_t c = s.charAt(i);
        if (c == u'\u2019' || c == u'\u2018' || c == u'\u02BC' || c == u'\u2032') s.setCharAt(i, u'\'');
        else if (c == u'\u201C' || c == u'\u201D') s.setCharAt(i, u'"');
    }
}

bool is_hyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x00AD; }
bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == 0x00A0 || c == 0x202F || c == 0x2009; }

}  // namespace

std::string match_key(std::string_view word) {
    std::string key;
    if (utf8::is_ascii(word)) {
        key.resize(word.size());
        for (size_t i = 0; i < word.size(); ++i) key[i] = ascii_lower(word[i]);
        return key;
    }
    icu::UnicodeString s = normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), int32_t(word.size()))));
    s.foldCase(U_FOLD_CASE_DEFAULT);
    s = normalize(s);
    plain_quotes(s);
    s.toUTF8String(key);
    return key;
}

std::string normalize_form(std::string_view text) {
    if (utf8::is_ascii(text)) return std::string(text);
    icu::UnicodeString s = normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size()))));
    plain_quotes(s);
    std::string out;
    s.toUTF8String(out);
    return out;
}

std::vector<std::string> phrase_keys(std::string_view phrase) {
    std::vector<Segment> segments;
    find_words(phrase, segments);
    std::vector<std::string> keys;
    keys.reserve(segments.size());
    for (const Segment& s : segments) {
        std::string_view word = phrase.substr(s.begin, s.end - s.begin);
        // As in documents, a possessive ending is not part of the word.
        for (std::string_view ending : {"'s", "'S", "\u2019s", "\u2019S"})
            if (word.size() > ending.size() && word.ends_with(ending)) {
                word.remove_suffix(ending.size());
                break;
            }
        keys.push_back(match_key(word));
    }
    return keys;
}

bool joins_words(std::string_view gap) {
    // A word's possessive or contracted 's ("that's not") stays with it.
    for (std::string_view ending : {"'s", "'S", "\u2019s", "\u2019S"})
        if (gap.starts_with(ending)) {
            gap.remove_prefix(ending.size());
            break;
        }
    if (gap.empty()) return false;
    int line_breaks = 0;
    size_t pos = 0;
    while (pos < gap.size()) {
        char32_t c = utf8::next(gap, pos);
        if (c == '\n') {
            if (++line_breaks > 1) return false;
        } else if (!is_space(c) && !is_hyphen(c)) {
            return false;
        }
    }
    return true;
}

std::vector<std::pair<uint32_t, uint32_t>> paragraphs(std::string_view text) {
    std::vector<std::pair<uint32_t, uint32_t>> result;
    auto blank = [](std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; };
    size_t begin = std::string_view::npos, end = 0, pos = 0;
    while (pos <= text.size()) {
        size_t line_end = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, line_end - pos);
        if (blank(line)) {
            if (begin != std::string_view::npos) result.emplace_back(uint32_t(begin), uint32_t(end));
            begin = std::string_view::npos;
        } else {
            if (begin == std::string_view::npos) begin = pos;
            end = line.ends_with('\r') ? line_end - 1 : line_end;
        }
        pos = line_end + 1;
    }
    if (begin != std::string_view::npos) result.emplace_back(uint32_t(begin), uint32_t(end));
    return result;
}

std::string shape_like(std::string_view original, Inflection inflection, std::string_view replacement,
                       const Lexicon* lexicon) {
    std::string result(replacement);
    // Phrases of three words or more stay as written ("person with diabetes").
    size_t spaces = size_t(std::count(result.begin(), result.end(), ' '));
    if (inflection != Inflection::none && lexicon && spaces < 2) {
        // Inflect the last word of the replacement: "care team" -> "care teams".
        size_t last = result.find_last_of(' ');
        size_t start = last == std::string::npos ? 0 : last + 1;
        std::string word = result.substr(start);
        std::string lower = match_key(word);
        if (lower == word) {
            std::string inflected = lexicon->inflect(word, inflection);
            // An adjective without -er/-est forms compares with more/most: "more affordable".
            if (inflected == word && inflection == Inflection::comparative) inflected = "more " + word;
            if (inflected == word && inflection == Inflection::superlative) inflected = "most " + word;
            result = result.substr(0, start) + inflected;
        }
    }
    // Letter case: all capitals, or a capital first letter, carry over.
    bool has_lower = false, has_upper = false;
    size_t pos = 0;
    bool first_upper = false;
    bool first = true;
    while (pos < original.size()) {
        char32_t c = utf8::next(original, pos);
        if (u_islower(c)) has_lower = true;
        if (u_isupper(c) || u_istitle(c)) {
            has_upper = true;
            if (first) first_upper = true;
        }
        if (u_isalpha(c)) first = false;
    }
    if (!has_upper) return result;
    icu::UnicodeString s = icu::UnicodeString::fromUTF8(result);
    // All capitals carry over, except from an acronym ("ED" -> "emergency room").
    if (!has_lower && utf8::length(original) > 3) {
        s.toUpper(icu::Locale::getRoot());
    } else if (first_upper && has_lower) {
        UChar32 c = s.char32At(0);
        s.replace(0, U16_LENGTH(c), icu::UnicodeString(u_toupper(c)));
    }
    std::string out;
    s.toUTF8String(out);
    return out;
}

}  // namespace touchpoint
