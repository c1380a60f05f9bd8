// Sentences, syllables and the Flesch–Kincaid grade of a document's prose.
#pragma once

#include <touchpoint/document.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::readability {

struct Sentence {
    uint32_t first_word = 0;  // indices into Document::words()
    uint32_t last_word = 0;
    size_t words() const { return last_word - first_word + 1; }
};

// The sentences of a document (ICU sentence segmentation, with abbreviations such as
// "Dr." not ending one), each holding at least one word. A block break (a list item,
// a table cell, a heading) ends a sentence, whatever letter the next block starts with;
// a line break of the source file followed by a lower-case letter does not.
std::vector<Sentence> sentences(const Document& document, const std::string& locale);

// Syllables of a word: English rules for English locales, vowel groups otherwise.
int syllables(std::string_view word, bool english);

struct Grade {
    size_t words = 0;
    size_t sentences = 0;
    size_t syllables = 0;
    double grade = 0;
};

// Flesch–Kincaid: 0.39 words/sentence + 11.8 syllables/word - 15.59.
Grade flesch_kincaid(const Document& document, const std::vector<Sentence>& sentences, bool english);

// Crawford's grade formula for Spanish (Crawford 1984): -0.205 sentences per 100 words
// + 0.049 syllables per 100 words - 3.407, with Spanish syllables.
Grade crawford(const Document& document, const std::vector<Sentence>& sentences);

// The grade by the formula made for a language: Crawford's for Spanish ("es"),
// Flesch–Kincaid otherwise (English syllables for "en", vowel groups for others).
Grade grade_in(std::string_view lang, const Document& document, const std::vector<Sentence>& sentences);
// The formula's name, for messages: "Flesch-Kincaid", "Crawford".
std::string_view formula_in(std::string_view lang);

}  // namespace touchpoint::readability
