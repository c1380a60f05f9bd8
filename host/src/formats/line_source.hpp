// The source that a container's positions count in (Word, PowerPoint, InDesign, PDF): a
// line per paragraph, or per printed line of a PDF page, grouped in parts ("page 3",
// "slide 4 notes") whose label is the context of each finding in them.
#pragma once

#include "formats/archive.hpp"
#include "formats/formats.hpp"

#include <string>
#include <vector>

namespace touchpoint {

// A paragraph's text, and the languages its runs declare (offsets into the text).
struct Paragraph {
    std::string text;
    std::vector<DeclaredLanguage> languages;

    // Appends text in a declared language (empty: undeclared), joining it to the last run.
    void append(std::string_view piece, const std::string& tag) {
        uint32_t begin = uint32_t(text.size());
        text += piece;
        if (tag.empty() || piece.empty()) return;
        if (!languages.empty() && languages.back().tag == tag && languages.back().text_end == begin)
            languages.back().text_end = uint32_t(text.size());
        else languages.push_back({begin, uint32_t(text.size()), tag});
    }
};

class LineSource {
public:
    // How a line follows the one before it in the prose.
    enum class Break {
        paragraph,  // a paragraph of its own (a Word paragraph, a PDF text block's first line)
        line,       // the next line of the same paragraph: a sign's next line
        joined,     // the same word goes on: the line before ends in a soft hyphen (which is never prose)
    };
    // How findings in a part are labelled: by the part ("slide 4"), or by the part and the
    // line in it ("page 3, line 5": a PDF's printed lines). `line` counts through the file.
    enum class Labels { part, part_and_line };

    explicit LineSource(Labels labels = Labels::part, uint64_t budget = UnpackBudget::default_limit)
        : labels_(labels), budget_(budget) {}

    // The lines from here on are in a part so labelled (empty: no context); a part
    // always starts a paragraph.
    void part(std::string label);
    // Appends a line (line breaks in it become spaces). `languages` count in `text`.
    // `counted`: its bytes were spent from budget() as it was built.
    void line(std::string text, std::vector<DeclaredLanguage> languages = {}, Break before = Break::paragraph,
              bool counted = false);
    void line(Paragraph paragraph, Break before = Break::paragraph, bool counted = false) {
        line(std::move(paragraph.text), std::move(paragraph.languages), before, counted);
    }
    size_t lines() const { return lines_.size(); }
    // What the text read so far may still unpack to (archive.hpp).
    UnpackBudget& budget() { return budget_; }

    Extracted extracted();

private:
    struct Line {
        std::string text;
        std::vector<DeclaredLanguage> languages;
        Break before;
    };
    struct Part {
        size_t first_line;
        std::string label;
    };
    Labels labels_;
    std::vector<Line> lines_;
    std::vector<Part> parts_;
    UnpackBudget budget_;
};

}  // namespace touchpoint
