// English inflection by rule, for the lexicon: the regular spellings of a word's plural,
// past, progressive, comparative and superlative, and the irregular words the dictionary
// would confirm a wrong regular form of.
#pragma once

#include <touchpoint/text.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

// Regular spellings of an inflection of a lower-case word, most likely first.
std::vector<std::string> regular_forms(const std::string& word, Inflection inflection);

// The spelling of an inflection by the general rule alone.
std::string regular_form(const std::string& word, Inflection inflection);

// The irregular form, "" for none, or nullopt where the regular rules hold.
std::optional<std::string_view> irregular_form(std::string_view word, Inflection inflection);

}  // namespace touchpoint
