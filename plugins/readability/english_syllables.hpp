// Syllables of an English word from its spelling, for the Flesch–Kincaid grade.
#pragma once

#include <string>

namespace touchpoint::readability {

// `letters`: the word in lower-case ASCII letters only (at least one). Counts the vowel
// sounds the spelling implies: groups of vowel letters, less silent e's, plus vowel pairs
// that are said apart (`cre-ate`, `vi-a`, `be-ing`). A word without a vowel letter is an
// abbreviation read letter by letter (`sql`, `html`).
int english_syllables(const std::string& letters);

}  // namespace touchpoint::readability
