// Text services shared by rule plugins: matching keys, the brand locale's lexicon
// (Hunspell) and the term automaton that finds every term of a rule set in one pass.
#pragma once

#include <touchpoint/export.hpp>

#include <touchpoint/document.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

// The key a word is matched by: NFC, Unicode case folding, typographic apostrophes
// and quotes as ASCII ones.
TOUCHPOINT_API std::string match_key(std::string_view word);

// Text as written, made comparable: NFC, typographic apostrophes and quotes as ASCII;
// letter case kept.
TOUCHPOINT_API std::string normalize_form(std::string_view text);

// Splits a phrase into the keys of its words, as a document's words would be keyed.
TOUCHPOINT_API std::vector<std::string> phrase_keys(std::string_view phrase);

// True when `gap`, the text between two words, joins them inside a multi-word term:
// spaces, hyphens and at most one line break, and nothing else.
TOUCHPOINT_API bool joins_words(std::string_view gap);

// The punctuation of text around or between words, made comparable: without spaces,
// hyphens and line breaks, typographic quotes as ASCII ones (" / " -> "/", " 'n" -> "'").
// Empty for a gap that joins words, and for one with a blank line or a letter or digit.
TOUCHPOINT_API std::string punctuation_of(std::string_view gap);

// A phrase as a term: its words' keys and the punctuation around and between them
// ("e.g." -> {"", {"e.g"}, {}, "."}; "and/or" -> {"", {"and", "or"}, {"/"}, ""}).
struct TOUCHPOINT_API PhraseShape {
    std::string lead;               // before the first word (".NET")
    std::vector<std::string> keys;  // as phrase_keys
    std::vector<std::string> words;  // the same words as written (normalize_form)
    std::vector<std::string> gaps;  // between word i and i+1; empty where the words join
    std::string trail;              // after the last word ("C++")
    bool has_punctuation() const;
};
TOUCHPOINT_API PhraseShape phrase_shape(std::string_view phrase);

// The paragraphs of a text: [begin, end) byte ranges between blank lines (lines of
// only spaces, tabs or a carriage return count as blank), without the line breaks.
TOUCHPOINT_API std::vector<std::pair<uint32_t, uint32_t>> paragraphs(std::string_view text);

// True for a word that a full stop follows without ending a sentence ("Dr", "St",
// "etc", "e.g"; ICU's own list misses some at the start of a text).
TOUCHPOINT_API bool is_abbreviation(std::string_view word);

// Inflections a term matches in, and that a suggestion is given in. English uses the
// first six; Spanish plural, feminine and feminine_plural for nouns and adjectives, and
// past (the participle), progressive (the gerund) and conjugated (any other form of a
// verb, which no suggestion is shaped into) for verbs.
enum class Inflection : unsigned char { none, plural, past, progressive, comparative, superlative,
                                        feminine, feminine_plural, conjugated };

// The brand locale's dictionary. Thread-safe.
class TOUCHPOINT_API Lexicon {
public:
    // Throws std::runtime_error naming the Debian package to install when the
    // dictionary for `locale` (en-US, es-US, ...) is missing.
    explicit Lexicon(std::string_view locale);
    ~Lexicon();
    Lexicon(const Lexicon&) = delete;
    Lexicon& operator=(const Lexicon&) = delete;

    const std::string& locale() const { return locale_; }
    // Why the dictionary for `locale` cannot be loaded ("no Hunspell dictionary ...;
    // install Debian's hunspell-es package"), or empty when it is there.
    static std::string missing_dictionary(std::string_view locale);
    bool knows(std::string_view word) const;
    std::vector<std::string> stems(std::string_view word) const;
    std::vector<std::string> suggestions(std::string_view word) const;
    void accept(std::string_view word);

    // Inflected (not derived) forms of a lower-case word that the dictionary confirms;
    // for a word it does not know, only the regular plural.
    std::vector<std::pair<std::string, Inflection>> inflections(std::string_view word) const;
    // `word` in the inflection, or `word` itself when it has none.
    std::string inflect(std::string_view word, Inflection inflection) const;
    // `word` in the inflection where the dictionary, or `also_known`, knows that spelling;
    // nullopt where it knows none (so no non-word like "runed" is ever made up).
    std::optional<std::string> known_inflection(std::string_view word, Inflection inflection,
                                                const std::function<bool(std::string_view)>& also_known = {}) const;

private:
    std::optional<std::string> known_spanish_inflection(std::string_view word, Inflection inflection,
                                                        const std::function<bool(std::string_view)>& also_known) const;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string locale_;
};

// A replacement given the letter case and inflection of the text it replaces.
struct Shaped {
    std::string text;
    // False when the inflection was wanted but the replacement has no known form in it:
    // the text is then the replacement as declared, for a person to adapt.
    bool inflected = true;
};

// ("Customers", plural, "patient") -> "Patients". Only a spelling the dictionary or
// `also_known` knows is used. Capitals carry over to a replacement declared in lower case
// only: one with a capital anywhere ("macOS", "CareLink") keeps its declared case.
TOUCHPOINT_API Shaped shape_replacement(std::string_view original, Inflection inflection, std::string_view replacement,
                         const Lexicon* lexicon, const std::function<bool(std::string_view)>& also_known = {});

// shape_replacement's text alone.
TOUCHPOINT_API std::string shape_like(std::string_view original, Inflection inflection, std::string_view replacement,
                       const Lexicon* lexicon);

// A word-level automaton over many terms: a trie whose edges are word keys, with every
// inflected form of a term's last word as an edge of its own. One walk per document
// word finds all terms starting there, whatever the number of terms.
class TOUCHPOINT_API TermMatcher {
public:
    TermMatcher();
    ~TermMatcher();
    TermMatcher(TermMatcher&&) noexcept;
    TermMatcher& operator=(TermMatcher&&) noexcept;
    struct Match {
        uint32_t entry;       // the value add() returned
        uint32_t first_word;  // indices into Document::words()
        uint32_t last_word;
        Inflection inflection;
        uint32_t begin;  // byte offsets into Document::text(), with the term's own
        uint32_t end;    // punctuation before and after its words ("e.g.", "C++")
    };

    // Adds a term; its inflected forms match too when a lexicon is given to build().
    // Punctuation in a term must be there in the text ("and/or", "Q&A", "24/7", "e.g.",
    // "C++", "rock 'n' roll"; spaces around it do not count) and such a term matches as
    // written, uninflected. A term of a language (`lang`, a primary subtag: "es") matches
    // only where its first word is in that language; without one, in every language.
    // Returns the entry id reported in matches. Throws std::invalid_argument for a term
    // without a word.
    uint32_t add(std::string_view term, bool inflect = true, std::string_view lang = {});
    // Inflects every term by one dictionary.
    void build(const Lexicon* lexicon);
    // Inflects each term by its language's dictionary, `lexicons(lang)`, a term of every
    // language by `default_lang`'s. Text the host gave no language is in `default_lang`.
    void build(const std::function<const Lexicon*(std::string_view lang)>& lexicons, std::string_view default_lang);
    size_t size() const;

    // Every match, at every start word, in text order (longer ones first at one start).
    void scan(const Document& document, const std::function<void(const Match&)>& on_match) const;

private:
    // Behind a pointer, so that the automaton's layout is not part of the plugin ABI.
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace touchpoint
