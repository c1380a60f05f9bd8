// A document as rules see it: its prose as UTF-8 text, split into words, with every
// byte of the text mapped back to a line and column of the original file.
#pragma once

#include <touchpoint/export.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

// A Unicode word segment (UAX #29) that holds a letter or a digit.
struct Word {
    uint32_t begin = 0;      // byte offsets into Document::text()
    uint32_t end = 0;        // a possessive ending ('s, ’s) is not part of the word
    uint32_t key_begin = 0;  // into the document's key arena, see Document::key()
    uint32_t key_size = 0;
    bool in_literal = false;  // part of a URL or an e-mail address written in the prose
    uint8_t language = 0;     // index into Document::languages()
};

// A run of the text in one language: [begin, end) byte offsets into Document::text().
struct LanguageRun {
    uint32_t begin = 0;
    uint32_t end = 0;
    uint8_t language = 0;  // index into Document::languages()
};

// A link destination (Markdown link, autolink, HTML href); not part of the prose text.
struct Link {
    std::string destination;
    uint32_t source_begin = 0;  // byte offsets into Document::source()
    uint32_t source_end = 0;
};

// A turn of a staff script: what one speaker says, after the speaker's label ("Nurse:"),
// which is not part of the prose.
struct Turn {
    std::string speaker;
    bool staff = false;
    uint32_t begin = 0;  // byte offsets into Document::text()
    uint32_t end = 0;
};

struct Location {
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in Unicode code points
};

// Maps a run of the prose text back to the original file. A verbatim run is a
// byte-for-byte copy of the source; any other (a decoded entity, a synthetic break)
// stands for the whole source range it replaced.
struct TextRun {
    uint32_t text_begin = 0;
    uint32_t source_begin = 0;
    uint32_t source_size = 0;
    bool verbatim = true;
};

class TOUCHPOINT_API Document {
public:
    // `line_numbers`, when given, is the number each source line is reported as (a sheet's
    // row numbers, which may skip), in increasing order; else line N is numbered N.
    Document(std::string path, std::string channel, std::string source, std::string text,
             std::vector<TextRun> runs, std::vector<Link> links = {}, std::vector<Turn> turns = {},
             std::vector<int> line_numbers = {});
    ~Document();
    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;

    const std::string& path() const { return path_; }
    const std::string& channel() const { return channel_; }
    // The original file's text as UTF-8 (a byte-order mark removed).
    std::string_view source() const { return source_; }
    // The prose: blocks separated by "\n\n" where the source has a blank line between them.
    std::string_view text() const { return text_; }
    std::span<const Word> words() const { return words_; }
    // The word's matching key: NFC, Unicode case folded, typographic apostrophes as ASCII.
    std::string_view key(const Word& word) const {
        return std::string_view(keys_).substr(word.key_begin, word.key_size);
    }
    std::span<const Link> links() const { return links_; }
    // The turns of a script document (a channel of kind script), in order; empty otherwise.
    std::span<const Turn> turns() const { return turns_; }
    bool is_script() const { return !turns_.empty(); }
    // True when a text offset lies in a staff turn (always, for a document that is not a script).
    bool in_staff_turn(uint32_t text_offset) const;
    // True when the line break at a text offset is one of the source, the text going on
    // right after it there (a plain-text line, a Markdown hard break), not a block's end
    // (a list item's, a table cell's, a paragraph's).
    bool copies_line_break(uint32_t text_offset) const;

    // The languages of the text as primary subtags ("en", "es"): the document's default
    // first. Empty until the host sets them (a document a test builds): then every word's
    // language is "", which a rule takes as the brand's default language.
    std::span<const std::string> languages() const { return languages_; }
    std::string_view language(const Word& word) const { return language_name(word.language); }
    std::string_view language_name(uint8_t index) const {
        return index < languages_.size() ? std::string_view(languages_[index]) : std::string_view();
    }
    // The language of a byte of text: its run's, else the default.
    std::string_view language_at(uint32_t text_offset) const;
    // The same, with `fallback` (the brand's default) where the host has set no languages.
    std::string_view language_at(uint32_t text_offset, std::string_view fallback) const {
        std::string_view lang = language_at(text_offset);
        return lang.empty() ? fallback : lang;
    }
    // Runs in text order, not overlapping; text outside them is in the default language.
    std::span<const LanguageRun> language_runs() const { return language_runs_; }
    // Sets the languages (at most 255) and runs, and so every word's language.
    void set_languages(std::vector<std::string> languages, std::vector<LanguageRun> runs);

    // Byte offset in source() of a byte of text(); `end` picks the end of a replaced range.
    uint32_t source_offset(uint32_t text_offset, bool end = false) const;
    Location locate_source(uint32_t source_offset) const;
    Location locate(uint32_t text_offset) const { return locate_source(source_offset(text_offset)); }
    // The source line (without its line break) of a line number as locate_source() gives it.
    std::string_view source_line(int line) const;
    // The source line that holds a source offset: its number, as locate_source() gives it,
    // and where it starts in source(). Does not depend on the line's length.
    struct LineStart {
        int number;
        uint32_t begin;
    };
    LineStart line_start_of(uint32_t source_offset) const;

private:
    void index_words();
    void index_lines();
    int line_number(size_t line_index) const;

    std::string path_;
    std::string channel_;
    std::string source_;
    std::string text_;
    std::vector<TextRun> runs_;
    std::vector<Link> links_;
    std::vector<Turn> turns_;
    std::vector<Word> words_;
    std::string keys_;
    std::vector<std::string> languages_;
    std::vector<LanguageRun> language_runs_;
    std::vector<uint32_t> line_starts_;
    std::vector<int> line_numbers_;  // empty: line index i is line i + 1
};

}  // namespace touchpoint
