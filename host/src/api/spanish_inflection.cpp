#include "api/spanish_inflection.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace touchpoint {
namespace {

bool ends_with(const std::string& word, std::string_view ending) { return word.ends_with(ending); }

// The last syllable's accent falls away in the plural: atención -> atenciones, inglés ->
// ingleses. Only the stressed vowel before a final n or s carries one.
std::string without_final_accent(std::string word) {
    static const std::array<std::pair<std::string_view, std::string_view>, 5> accents{
        {{"á", "a"}, {"é", "e"}, {"í", "i"}, {"ó", "o"}, {"ú", "u"}}};
    size_t stop = word.size() - 1;  // the final consonant
    for (const auto& [accented, plain] : accents)
        if (stop >= accented.size() && std::string_view(word).substr(stop - accented.size(), accented.size()) == accented)
            return word.replace(stop - accented.size(), accented.size(), plain);
    return word;
}

// Groups of vowel letters, accented or not: a word's syllables, near enough to tell one
// from several.
int vowel_groups(const std::string& word) {
    int groups = 0;
    bool in_vowel = false;
    for (size_t i = 0; i < word.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(word[i]);
        bool vowel = std::string_view("aeiou").find(char(c)) != std::string_view::npos;
        if (c == 0xC3 && i + 1 < word.size()) {  // á é í ó ú ü are two bytes; ñ is no vowel
            vowel = std::string_view("\xA1\xA9\xAD\xB3\xBA\xBC").find(word[i + 1]) != std::string_view::npos;
            ++i;
        }
        if (vowel && !in_vowel) ++groups;
        in_vowel = vowel;
    }
    return groups;
}

// The stem a verb ending takes: spelling keeps its sound before e (garantizar ->
// garantice, buscar -> busque, pagar -> pague) and before a or o (proteger -> protejo).
std::string stem_before(const std::string& stem, char verb_class, std::string_view ending) {
    bool front = ending.starts_with("e") || ending.starts_with("é");
    bool back = ending.starts_with("a") || ending.starts_with("o") || ending.starts_with("á");
    if (verb_class == 'a' && front) {
        if (stem.ends_with('z')) return stem.substr(0, stem.size() - 1) + "c";
        if (stem.ends_with('c')) return stem.substr(0, stem.size() - 1) + "qu";
        if (stem.ends_with('g')) return stem + "u";
    }
    if (verb_class != 'a' && back && stem.ends_with('g')) return stem.substr(0, stem.size() - 1) + "j";
    return stem;
}

void add_verb_forms(const std::string& word, std::vector<std::pair<std::string, Inflection>>& out) {
    char verb_class = word[word.size() - 2];  // a, e or i
    std::string stem = word.substr(0, word.size() - 2);
    auto add = [&](std::string_view ending, Inflection kind) {
        out.emplace_back(stem_before(stem, verb_class, ending) + std::string(ending), kind);
    };
    // Present, preterite, imperfect, present and imperfect subjunctive, imperative.
    static const std::vector<std::string_view> ar{"o", "as", "a", "amos", "áis", "an", "é", "aste", "ó", "asteis",
                                                  "aron", "aba", "abas", "ábamos", "abais", "aban", "e", "es", "emos",
                                                  "éis", "en", "ara", "aras", "áramos", "arais", "aran", "ase", "ases",
                                                  "ásemos", "aseis", "asen", "ad"};
    static const std::vector<std::string_view> er{"o", "es", "e", "emos", "éis", "en", "í", "iste", "ió", "imos",
                                                  "isteis", "ieron", "ía", "ías", "íamos", "íais", "ían", "a", "as",
                                                  "amos", "áis", "an", "iera", "ieras", "iéramos", "ierais", "ieran",
                                                  "iese", "ieses", "iésemos", "ieseis", "iesen", "ed"};
    static const std::vector<std::string_view> ir{"o", "es", "e", "imos", "ís", "en", "í", "iste", "ió", "isteis",
                                                  "ieron", "ía", "ías", "íamos", "íais", "ían", "a", "as", "amos",
                                                  "áis", "an", "iera", "ieras", "iéramos", "ierais", "ieran", "id"};
    for (std::string_view ending : verb_class == 'a' ? ar : verb_class == 'e' ? er : ir) add(ending, Inflection::conjugated);
    // Future and conditional build on the whole infinitive.
    for (std::string_view ending : {"é", "ás", "á", "emos", "éis", "án", "ía", "ías", "íamos", "íais", "ían"})
        out.emplace_back(word + std::string(ending), Inflection::conjugated);
    std::string participle = verb_class == 'a' ? "ado" : "ido";
    add(participle, Inflection::past);
    for (std::string_view ending : {"ada", "ados", "adas"})
        if (verb_class == 'a') add(ending, Inflection::conjugated);
    for (std::string_view ending : {"ida", "idos", "idas"})
        if (verb_class != 'a') add(ending, Inflection::conjugated);
    add(verb_class == 'a' ? "ando" : "iendo", Inflection::progressive);
}

}  // namespace

std::string spanish_plural(const std::string& word) {
    if (word.empty()) return word;
    char last = word.back();
    if (std::string_view("aeiou").find(last) != std::string_view::npos || ends_with(word, "é") || ends_with(word, "á") ||
        ends_with(word, "ó"))
        return word + "s";
    if (ends_with(word, "í") || ends_with(word, "ú")) return word + "es";
    if (last == 'z') return word.substr(0, word.size() - 1) + "ces";
    if (last == 's' || last == 'x') {
        // inglés -> ingleses, autobús -> autobuses, mes -> meses: a stressed last syllable
        // takes -es; crisis, lunes, tórax are their own plural.
        std::string plain = without_final_accent(word);
        if (plain != word || vowel_groups(word) == 1) return plain + "es";
        return word;
    }
    return without_final_accent(word) + "es";
}

std::vector<std::pair<std::string, Inflection>> spanish_forms(const std::string& word) {
    std::vector<std::pair<std::string, Inflection>> out;
    if (word.size() < 2) return out;
    std::string plural = spanish_plural(word);
    if (plural != word) out.emplace_back(plural, Inflection::plural);
    // Gender: médico -> médica, doctor -> doctora; paciente has one form for both.
    // The comparatives in -or have one form: "mejora" is an improvement, not a feminine.
    static const std::array<std::string_view, 11> comparatives{"mejor", "peor", "mayor", "menor", "superior", "inferior",
                                                               "anterior", "posterior", "exterior", "interior", "ulterior"};
    bool comparative = std::find(comparatives.begin(), comparatives.end(), word) != comparatives.end();
    std::string feminine;
    if (word.back() == 'o') feminine = word.substr(0, word.size() - 1) + "a";
    else if (ends_with(word, "or") && !comparative) feminine = word + "a";
    if (!feminine.empty()) {
        out.emplace_back(feminine, Inflection::feminine);
        out.emplace_back(feminine + "s", Inflection::feminine_plural);
    }
    if (word.size() > 3 && (ends_with(word, "ar") || ends_with(word, "er") || ends_with(word, "ir"))) add_verb_forms(word, out);
    return out;
}

}  // namespace touchpoint
