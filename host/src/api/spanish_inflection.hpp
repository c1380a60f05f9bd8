// Spanish inflection by rule, for the lexicon: the regular spellings of a noun's or
// adjective's plural and feminine, and of a regular verb's conjugated forms, participle
// and gerund. The lexicon keeps only the spellings its dictionary confirms.
#pragma once

#include <touchpoint/text.hpp>

#include <string>
#include <utility>
#include <vector>

namespace touchpoint {

// Candidate forms of a lower-case word with the inflection each would be, most likely
// first; many are non-words (a noun's "conjugations"), for the dictionary to reject.
std::vector<std::pair<std::string, Inflection>> spanish_forms(const std::string& word);

// The regular plural alone (for a word the dictionary does not know).
std::string spanish_plural(const std::string& word);

}  // namespace touchpoint
