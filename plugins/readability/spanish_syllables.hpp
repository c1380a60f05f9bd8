// Syllables of a Spanish word from its spelling, for Crawford's grade formula.
#pragma once

#include <string_view>

namespace touchpoint::readability {

// `word` as written (UTF-8, any case). Counts vowel nuclei: a diphthong (a weak vowel i,
// u, ü or a final y beside another vowel: ciu-dad, hoy) is one, a hiatus (two strong
// vowels, or an accented í or ú: a-e-ro, dí-a) two; the u of que, qui, gue, gui is silent.
int spanish_syllables(std::string_view word);

}  // namespace touchpoint::readability
