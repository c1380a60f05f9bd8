// The language stage of loading: which of the brand's languages each piece of a
// document's text is in (docs/languages.md), most specific first: what an element
// declares, the document's own language, else detection paragraph by paragraph.
#pragma once

#include "formats/text_builder.hpp"

#include <touchpoint/document.hpp>
#include <touchpoint/text.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

struct LanguagePlan {
    std::vector<std::string> languages;  // the brand's, as primary subtags, the default first
    // The dictionary of one of them, for detection; may give nullptr. Asked once its
    // plugins are compiled: what a dictionary says of a word is then remembered per thread.
    std::function<const Lexicon*(std::string_view)> lexicon;
    uint64_t id = next_id();  // never the same twice: tells apart the plans of engines built one after another

    static uint64_t next_id();
};

// How strongly a text reads as each language: one score per plan language.
struct LanguageScores {
    std::vector<double> scores;
    // The best language's index, or -1 when no language leads by `margin`.
    int best(double margin = 1) const;
};

// Scores the words of a document in text [begin, end) (a text's, through its keys).
LanguageScores score_languages(const Document& document, uint32_t begin, uint32_t end, const LanguagePlan& plan);
// The same for a text of its own (tests, the accuracy measurement): its language's index or -1.
int detect_language(std::string_view text, const LanguagePlan& plan);

// Sets the document's languages and runs. `declared`: runs the file's elements declare;
// `document_language`: the document's own (front matter, a channel's lang), or empty.
void assign_languages(Document& document, const std::vector<DeclaredLanguage>& declared,
                      const std::string& document_language, const LanguagePlan& plan);

}  // namespace touchpoint
