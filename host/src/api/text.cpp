#include <touchpoint/text.hpp>

#include <touchpoint/brand.hpp>

#include "base/strings.hpp"
#include "base/unicode.hpp"
#include "base/words.hpp"

#include <unicode/normalizer2.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <unordered_set>

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

// As in documents, a possessive ending is not part of the word.
std::string_view without_possessive(std::string_view word) {
    word.remove_suffix(possessive_ending(word));
    return word;
}

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
    for (const Segment& s : segments) keys.push_back(match_key(without_possessive(phrase.substr(s.begin, s.end - s.begin))));
    return keys;
}

bool joins_words(std::string_view gap) {
    // A word's possessive or contracted 's ("that's not") stays with it.
    gap.remove_prefix(possessive_start(gap));
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

std::string punctuation_of(std::string_view gap) {
    gap.remove_prefix(possessive_start(gap));
    std::string marks;
    int line_breaks = 0;
    size_t pos = 0;
    while (pos < gap.size()) {
        size_t start = pos;
        char32_t c = utf8::next(gap, pos);
        if (c == '\n') {
            if (++line_breaks > 1) return "";
        } else if (u_isalnum(UChar32(c))) {
            return "";
        } else if (!is_space(c) && !is_hyphen(c)) {
            marks.append(gap.substr(start, pos - start));
        }
    }
    return match_key(marks);
}

bool PhraseShape::has_punctuation() const {
    return !lead.empty() || !trail.empty() || std::any_of(gaps.begin(), gaps.end(), [](const std::string& g) { return !g.empty(); });
}

PhraseShape phrase_shape(std::string_view phrase) {
    std::vector<Segment> segments;
    find_words(phrase, segments);
    PhraseShape shape;
    shape.keys = phrase_keys(phrase);
    if (segments.empty()) return shape;
    for (const Segment& s : segments)
        shape.words.push_back(normalize_form(without_possessive(phrase.substr(s.begin, s.end - s.begin))));
    shape.lead = punctuation_of(phrase.substr(0, segments.front().begin));
    for (size_t i = 0; i + 1 < segments.size(); ++i)
        shape.gaps.push_back(punctuation_of(phrase.substr(segments[i].end, segments[i + 1].begin - segments[i].end)));
    shape.trail = punctuation_of(phrase.substr(segments.back().end));
    return shape;
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

namespace {

bool has_capital(std::string_view text) {
    size_t pos = 0;
    while (pos < text.size()) {
        char32_t c = utf8::next(text, pos);
        if (u_isupper(c) || u_istitle(c)) return true;
    }
    return false;
}

// Which word of a two-word replacement inflects: a verb phrase's verb, its first word
// ("carry out" -> "carrying out", "make sure" -> "makes sure"); a noun phrase's noun, its
// last ("care team" -> "care teams"). -ed and -ing forms are verbs'; an -s form is a
// verb's where the phrase ends in a particle.
bool verb_first(std::string_view last_word, Inflection inflection) {
    // The adverb particles and prepositions of English phrasal verbs ("look after",
    // "set aside", "bring forward"): a noun phrase never ends in one.
    static const std::unordered_set<std::string_view> particles{
        "about", "across", "after", "ahead", "along", "apart", "around", "aside", "at", "away",
        "back", "behind", "by", "down", "forth", "forward", "from", "in", "into", "of", "off",
        "on", "onto", "out", "over", "past", "round", "through", "to", "together", "under",
        "up", "upon", "with", "without", "sure"};
    if (inflection == Inflection::past || inflection == Inflection::progressive) return true;
    return inflection == Inflection::plural && particles.count(last_word);
}

// True when a phrase of three words or more is a compound noun ("care team member"),
// whose plural is its last word's; not one with a particle or a preposition in it
// ("person with diabetes", "look out for"), which a person words.
bool compound_noun(std::string_view phrase) {
    static const std::unordered_set<std::string_view> joining{"a", "an", "and", "as", "for", "like", "nor", "or", "the", "than"};
    for (const std::string& word : split_each(phrase, ' '))
        if (verb_first(word, Inflection::plural) || joining.count(word)) return false;
    return true;
}

// A replacement in the inflection, or nullopt where no known spelling has it. Phrases of
// three words or more take only a compound noun's plural; words with a declared capital
// do not inflect.
std::optional<std::string> inflected(std::string_view replacement, Inflection inflection, const Lexicon& lexicon,
                                     const std::function<bool(std::string_view)>& also_known) {
    std::string result(replacement);
    if (primary_language(lexicon.locale()) == "es") {
        // A Spanish phrase's head comes first: "centro de salud" -> "centros de salud",
        // "dar de alta" -> "dado de alta".
        size_t space = std::min(result.find(' '), result.size());
        std::string word = result.substr(0, space);
        if (match_key(word) != word) return std::nullopt;
        std::optional<std::string> form = lexicon.known_inflection(word, inflection, also_known);
        if (!form) return std::nullopt;
        return *form + result.substr(space);
    }
    if (std::count(result.begin(), result.end(), ' ') >= 2) {
        if (inflection != Inflection::plural || !compound_noun(result)) return std::nullopt;
        size_t last = result.rfind(' ') + 1;
        std::string word = result.substr(last);
        if (match_key(word) != word) return std::nullopt;
        std::optional<std::string> form = lexicon.known_inflection(word, inflection, also_known);
        if (!form) return std::nullopt;
        return result.substr(0, last) + *form;
    }
    size_t space = result.find(' ');
    size_t start = 0, end = result.size();
    if (space != std::string::npos) {
        // A phrase compares with neither word alone ("low more cost"), and a noun phrase
        // has no past ("cared team"): those are for a person to word.
        if (inflection == Inflection::comparative || inflection == Inflection::superlative) return std::nullopt;
        std::string_view last = std::string_view(result).substr(space + 1);
        static const std::unordered_set<std::string_view> verb_objects{"part", "place", "care", "effect", "note",
                                                                       "notice", "action", "charge"};  // take part
        bool verb_phrase = verb_first(last, Inflection::plural) || verb_objects.count(last);
        if ((inflection == Inflection::past || inflection == Inflection::progressive) && !verb_phrase) return std::nullopt;
        if (verb_first(std::string_view(result).substr(space + 1), inflection)) end = space;
        else start = space + 1;
    }
    std::string word = result.substr(start, end - start);
    if (match_key(word) != word) return std::nullopt;
    std::optional<std::string> form = lexicon.known_inflection(word, inflection, also_known);
    // An adjective without -er/-est forms compares with more/most: "more affordable".
    if (!form && inflection == Inflection::comparative) form = "more " + word;
    if (!form && inflection == Inflection::superlative) form = "most " + word;
    if (!form) return std::nullopt;
    return result.substr(0, start) + *form + result.substr(end);
}

// Letter case: all capitals, or a capital first letter, carry over to a replacement
// declared in lower case.
std::string cased_like(std::string_view original, std::string result) {
    // The plural of an acronym is an acronym: "ERs" -> "emergency rooms".
    if (original.size() >= 2 && original.back() == 's' && std::isupper(static_cast<unsigned char>(original[original.size() - 2])))
        original.remove_suffix(1);
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

}  // namespace

Shaped shape_replacement(std::string_view original, Inflection inflection, std::string_view replacement,
                         const Lexicon* lexicon, const std::function<bool(std::string_view)>& also_known) {
    Shaped shaped{std::string(replacement), true};
    if (inflection != Inflection::none && lexicon) {
        std::optional<std::string> form = inflected(replacement, inflection, *lexicon, also_known);
        shaped.inflected = form.has_value();
        if (form) shaped.text = std::move(*form);
    }
    // A declared capital is the term's own spelling: "macOS" stays "macOS" at a
    // sentence's start.
    if (!has_capital(replacement)) shaped.text = cased_like(original, std::move(shaped.text));
    return shaped;
}

std::string shape_like(std::string_view original, Inflection inflection, std::string_view replacement,
                       const Lexicon* lexicon) {
    return shape_replacement(original, inflection, replacement, lexicon).text;
}

bool is_abbreviation(std::string_view word) {
    static const char* const list[] = {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "vs", "etc", "e.g",
                                       "i.e", "a.m", "p.m", "dept", "ave", "apt", "approx", "fig", "inc", "ltd"};
    return std::find(std::begin(list), std::end(list), ascii_lower(word)) != std::end(list);
}

}  // namespace touchpoint
