// Assembles extracted prose together with its map back to the source.
#pragma once

#include <touchpoint/document.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

// Text an element of the file declares the language of (HTML lang, Word w:lang).
struct DeclaredLanguage {
    uint32_t text_begin = 0;
    uint32_t text_end = 0;
    std::string tag;  // as written ("es-MX"); empty: undeclared
};

class TextBuilder {
public:
    explicit TextBuilder(std::string_view source) : source_(source) {}

    // Appends source bytes as they are.
    void verbatim(size_t source_begin, size_t size);
    // Appends text standing for the source range [source_begin, source_begin + source_size).
    void replaced(std::string_view text, size_t source_begin, size_t source_size);
    // Appends source text in which character references (&amp; &#233;) stand for characters.
    void with_entities(size_t source_begin, size_t size);
    // Separates blocks: "\n\n" where the source has a blank line between the previous
    // text and `next_source_begin`, else "\n". Nothing before the first text.
    void block_break(size_t next_source_begin);
    // Separates paragraphs: always "\n\n" (HTML blocks, document paragraphs, signs).
    void paragraph_break();
    // Appends what `part` built over a same-length copy of this builder's source from
    // `source_shift` on (Markdown's raw HTML with its quote markers blanked).
    void append(TextBuilder&& part, size_t source_shift);
    // Drops the line breaks that end the text.
    void trim_line_breaks();
    // Text appended from now on is in the language `tag` declares (empty: undeclared).
    void set_language(std::string_view tag);

    // What has been built so far, to go back to.
    struct Mark {
        size_t text_size, runs_size, source_end;
    };
    Mark mark() const { return {text_.size(), runs_.size(), source_end_}; }
    void rollback(const Mark& mark) {
        text_.resize(mark.text_size);
        while (!languages_.empty() && languages_.back().text_begin >= mark.text_size) languages_.pop_back();
        if (!languages_.empty() && languages_.back().text_end > mark.text_size) languages_.back().text_end = uint32_t(mark.text_size);
        language_begin_ = std::min(language_begin_, mark.text_size);
        runs_.resize(mark.runs_size);
        source_end_ = mark.source_end;
    }

    const std::string& text() const { return text_; }
    size_t source_end() const { return source_end_; }
    std::string take_text() { return std::move(text_); }
    std::vector<TextRun> take_runs() { return std::move(runs_); }
    // The declared runs, in text order, none empty.
    std::vector<DeclaredLanguage> take_languages();

private:
    std::string_view source_;
    std::string text_;
    std::vector<TextRun> runs_;
    size_t source_end_ = 0;  // end of the last appended source range
    std::vector<DeclaredLanguage> languages_;
    std::string language_;
    size_t language_begin_ = 0;  // where the text in `language_` began
};

// The character an HTML/XML character reference stands for ("&amp;" -> "&"); the
// reference itself when it is not one Touchpoint knows.
std::string decode_entity(std::string_view entity);
// The length of a known character reference at the start of `text`, else 0.
size_t entity_length(std::string_view text);

// Blanks template tags ({% ... %}, {{ ... }}) in extracted text, keeping every offset.
void blank_template_tags(std::string& text);

}  // namespace touchpoint
