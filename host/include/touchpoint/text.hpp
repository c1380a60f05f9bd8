// Text services shared by rule plugins: matching keys, the brand locale's lexicon
// (Hunspell) and the term automaton that finds every term of a rule set in one pass.
#pragma once

#include <touchpoint/document.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace touchpoint {

// The key a word is matched by: NFC, Unicode case folding, typographic apostrophes
// and quotes as ASCII ones.
std::string match_key(std::string_view word);

// Text as written, made comparable: NFC, typographic apostrophes and quotes as ASCII;
// letter case kept.
std::string normalize_form(std::string_view text);

// Splits a phrase into the keys of its words, as a document's words would be keyed.
std::vector<std::string> phrase_keys(std::string_view phrase);

// True when `gap`, the text between two words, joins them inside a multi-word term:
// spaces, hyphens and at most one line break, and nothing else.
bool joins_words(std::string_view gap);

// The paragraphs of a text: [begin, end) byte ranges between blank lines (lines of
// only spaces, tabs or a carriage return count as blank), without the line breaks.
std::vector<std::pair<uint32_t, uint32_t>> paragraphs(std::string_view text);

// Inflections a term matches in, and that a suggestion is given in.
enum class Inflection : unsigned char { none, plural, past, progressive, comparative, superlative };

// The brand locale's dictionary. Thread-safe.
class Lexicon {
public:
    // Throws std::runtime_error naming the Debian package to install when the
    // dictionary for `locale` (en-US, es-US, ...) is missing.
    explicit Lexicon(std::string_view locale);
    ~Lexicon();
    Lexicon(const Lexicon&) = delete;
    Lexicon& operator=(const Lexicon&) = delete;

    const std::string& locale() const { return locale_; }
    bool knows(std::string_view word) const;
    std::vector<std::string> stems(std::string_view word) const;
    std::vector<std::string> suggestions(std::string_view word) const;
    void accept(std::string_view word);

    // Inflected (not derived) forms of a lower-case word that the dictionary confirms;
    // for a word it does not know, only the regular plural.
    std::vector<std::pair<std::string, Inflection>> inflections(std::string_view word) const;
    // `word` in the inflection, or `word` itself when it has none.
    std::string inflect(std::string_view word, Inflection inflection) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string locale_;
};

// Gives a replacement the letter case and inflection of the text it replaces:
// ("Customers", plural, "patient") -> "Patients".
std::string shape_like(std::string_view original, Inflection inflection, std::string_view replacement,
                       const Lexicon* lexicon);

// A word-level automaton over many terms: a trie whose edges are word keys, with every
// inflected form of a term's last word as an edge of its own. One walk per document
// word finds all terms starting there, whatever the number of terms.
class TermMatcher {
public:
    struct Match {
        uint32_t entry;       // the value add() returned
        uint32_t first_word;  // indices into Document::words()
        uint32_t last_word;
        Inflection inflection;
    };

    // Adds a term; its inflected forms match too when a lexicon is given to build().
    // Returns the entry id reported in matches. Throws std::invalid_argument for a
    // term without a word.
    uint32_t add(std::string_view term, bool inflect = true);
    void build(const Lexicon* lexicon);
    size_t size() const { return entries_; }

    // Every match, at every start word, in text order (longer ones first at one start).
    void scan(const Document& document, const std::function<void(const Match&)>& on_match) const;

private:
    struct Output {
        uint32_t entry;
        Inflection inflection;
    };
    struct Node {
        std::vector<Output> outputs;
    };
    uint32_t intern(const std::string& key);
    uint32_t child(uint32_t node, uint32_t key, bool create);
    void insert(const std::vector<std::string>& keys, Output output);

    std::vector<std::pair<std::vector<std::string>, bool>> pending_;
    struct KeyHash {
        using is_transparent = void;
        size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };
    std::unordered_map<std::string, uint32_t, KeyHash, std::equal_to<>> key_ids_;
    // One bit per hash of the keys, sixteen bits a key: most words of a text are no key,
    // and the bits answer that from the cache where the map's buckets, with 20,000
    // terms, would each cost a miss.
    std::vector<uint64_t> key_bits_;
    uint64_t key_bits_mask_ = 0;
    static uint64_t bit_hash(std::string_view key);
    bool may_be_key(std::string_view key) const;
    std::unordered_map<uint64_t, uint32_t> edges_;
    std::vector<Node> nodes_{Node{}};
    uint32_t entries_ = 0;
};

}  // namespace touchpoint
