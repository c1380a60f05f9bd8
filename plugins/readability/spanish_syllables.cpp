#include "spanish_syllables.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace touchpoint::readability {
namespace {

// A letter's part in a syllable: a strong vowel (a e o, accented or not), a weak one
// (i u ü), an accented weak one (í ú: it stands apart), or a consonant.
enum class Sound { strong, weak, accented_weak, consonant };

// The word's letters in lower case, one string each (ASCII or a two-byte Latin letter).
std::vector<std::string> letters_of(std::string_view word) {
    static const std::pair<std::string_view, std::string_view> upper[] = {
        {"Á", "á"}, {"É", "é"}, {"Í", "í"}, {"Ó", "ó"}, {"Ú", "ú"}, {"Ü", "ü"}, {"Ñ", "ñ"}};
    std::vector<std::string> letters;
    for (size_t i = 0; i < word.size();) {
        unsigned char c = static_cast<unsigned char>(word[i]);
        size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        std::string letter(word.substr(i, length));
        i += length;
        if (letter.size() == 1) {
            if (!std::isalpha(c)) continue;
            letter[0] = char(std::tolower(c));
        }
        for (const auto& [capital, small] : upper)
            if (letter == capital) letter = small;
        letters.push_back(std::move(letter));
    }
    return letters;
}

Sound sound_of(const std::vector<std::string>& letters, size_t i) {
    const std::string& l = letters[i];
    if (l == "a" || l == "e" || l == "o" || l == "á" || l == "é" || l == "ó") return Sound::strong;
    if (l == "í" || l == "ú") return Sound::accented_weak;
    if (l == "i" || l == "ü") return Sound::weak;
    if (l == "u") {
        // que, qui, gue, gui: the u only marks the consonant's sound.
        bool after_q_or_g = i > 0 && (letters[i - 1] == "q" || letters[i - 1] == "g");
        bool before_e_or_i = i + 1 < letters.size() &&
                             (letters[i + 1] == "e" || letters[i + 1] == "i" || letters[i + 1] == "é" || letters[i + 1] == "í");
        if (i > 0 && letters[i - 1] == "q") return Sound::consonant;
        return after_q_or_g && before_e_or_i ? Sound::consonant : Sound::weak;
    }
    // A final y after a vowel closes a diphthong (hoy, muy, Uruguay); "y" alone is a word.
    if (l == "y" && i + 1 == letters.size() && (i == 0 || sound_of(letters, i - 1) != Sound::consonant)) return Sound::weak;
    return Sound::consonant;
}

}  // namespace

int spanish_syllables(std::string_view word) {
    std::vector<std::string> letters = letters_of(word);
    int count = 0;
    Sound previous = Sound::consonant;
    for (size_t i = 0; i < letters.size(); ++i) {
        Sound sound = sound_of(letters, i);
        if (sound == Sound::consonant) {
            previous = sound;
            continue;
        }
        bool hiatus = previous != Sound::consonant &&
                      ((previous == Sound::strong && sound == Sound::strong) || previous == Sound::accented_weak ||
                       sound == Sound::accented_weak);
        if (previous == Sound::consonant || hiatus) ++count;
        previous = sound;
    }
    return std::max(1, count);
}

}  // namespace touchpoint::readability
