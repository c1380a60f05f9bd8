// English syllables from spelling. Measured against the CMU Pronouncing Dictionary on
// the most frequent words of a real documentation corpus (tests/syllables/), which is
// what each rule below was checked on.
#include "english_syllables.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace touchpoint::readability {
namespace {

using Sounds = std::vector<bool>;  // per letter: sounds as (part of) a vowel

bool vowel_letter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool one_of(char c, std::string_view set) { return c != 0 && set.find(c) != std::string_view::npos; }

// y is a consonant at the start and between vowels (`yes`, `layer`); u is one after q,
// and after g before a vowel (`queue`, `language`, `guide`; not `ambiguous`).
Sounds vowel_sounds(std::string_view w) {
    Sounds v(w.size());
    for (size_t i = 0; i < w.size(); ++i) {
        bool before_vowel = i + 1 < w.size() && vowel_letter(w[i + 1]);
        if (w[i] == 'y') v[i] = i > 0 && !(v[i - 1] && before_vowel);
        else if (w[i] == 'u') v[i] = !(i > 0 && (w[i - 1] == 'q' || (w[i - 1] == 'g' && before_vowel && w.substr(i + 1) != "ous")));
        else v[i] = vowel_letter(w[i]);
    }
    return v;
}

bool sibilant_before(std::string_view w, size_t e) {
    char c = w[e - 1];
    return one_of(c, "szxcg") || (c == 'h' && e >= 2 && one_of(w[e - 2], "cs"));
}

// Whether the e at `e`, followed only by `tail` ("", "s" or "d"), is said.
bool ending_e_said(std::string_view w, const Sounds& v, size_t e, std::string_view tail) {
    if (std::none_of(v.begin(), v.begin() + long(e), [](bool b) { return b; })) return true;  // the, bed, yes
    if (w[e - 1] == 'l' && e >= 2 && !v[e - 2] && w[e - 2] != 'l') return true;  // table, enabled (not file, called)
    if (tail == "s") return sibilant_before(w, e);             // uses, ranges, matches (not files)
    if (tail == "d") return w[e - 1] == 't' || w[e - 1] == 'd';  // wanted, added (not listened)
    return false;                                              // make, value
}

void silence_ending_e(std::string_view w, Sounds& v) {
    size_t n = w.size();
    std::string_view tail = (w.ends_with("es") || w.ends_with("ed")) ? w.substr(n - 1) : "";
    size_t e = n - tail.size() - 1;
    if (e > 0 && w[e] == 'e' && v[e] && !ending_e_said(w, v, e, tail)) v[e] = false;
}

// What follows a silent e inside a word: suffixes (`statement`, `safely`, `useful`) and
// the second halves of compounds frequent in documentation (`lifetime`, `changefeed`).
constexpr std::string_view after_silent_e[] = {
    "ment", "ments", "ly",    "ful",    "fully", "less",  "ness",  "way",    "ways",   "time",  "times",
    "line", "lines", "name",  "names",  "zone",  "zones", "cycle", "cycles", "feed",   "feeds", "work",
    "works", "thing", "things", "fore", "ground", "where", "one",  "ones",   "out",    "space", "spaces",
    "base", "bases", "house", "houses", "off", "offs"};

bool silent_inner_e(std::string_view w, const Sounds& v, size_t e) {
    if (w[e] != 'e' || !v[e] || v[e - 1]) return false;
    std::string_view tail = w.substr(e + 1);
    if (std::find(std::begin(after_silent_e), std::end(after_silent_e), tail) == std::end(after_silent_e)) return false;
    // A consonant then l or r makes the e a syllable (settlement, increment), as does
    // element; and the e must close a syllable that has a vowel (not cement).
    if (one_of(w[e - 1], "lr") && !v[e - 2]) return false;
    if (w[e - 1] == 'l' && tail.starts_with("ment")) return false;
    return std::any_of(v.begin(), v.begin() + long(e - 1), [](bool b) { return b; });
}

void silence_inner_e(std::string_view w, Sounds& v) {
    for (size_t e = 2; e + 2 < w.size(); ++e)
        if (silent_inner_e(w, v, e)) v[e] = false;
}

// ie said apart: earli-er, qui-et, earli-est, cli-ent, experi-ence; not pier, field,
// efficient, patient (where ci, ti are one sound).
bool ie_apart(std::string_view w, size_t i) {
    std::string_view after = w.substr(i + 2);
    char before = i > 0 ? w[i - 1] : 0;
    if (after.starts_with('r')) return i >= 2;
    if (after.starts_with('t') || after == "st") return true;
    if (after.starts_with("nt") || after.starts_with("nc")) return !one_of(before, "ctsg") || w.starts_with("sci");
    return false;
}

// Whether two vowel letters in one group, at i and i + 1, are two syllables.
bool said_apart(std::string_view w, size_t i) {
    char a = w[i], b = w[i + 1];
    char before = i > 0 ? w[i - 1] : 0;
    std::string_view after = w.substr(i + 2);
    if (b == 'i' && (after == "ng" || after == "ngs")) return true;  // be-ing, go-ing, issu-ing
    if (a == 'y') return true;                                       // tr-y-ing, an-y-one
    if (i == 1 && w[0] == 'r' && a == 'e' && one_of(b, "iou")) return true;  // re-use, re-index, re-order
    if (i == 1 && (w.starts_with("coor") || w.starts_with("cooper"))) return true;  // co-ordinate, co-operate
    if (a == 'i' && b == 'a') return !(one_of(before, "ctsgx") && (after.starts_with('l') || after.starts_with('n')));
    if (a == 'i' && b == 'o')  // peri-od, pri-or; not nation, fashion, million, union, behavior
        return !(one_of(before, "ctsgxnh") || (i >= 2 && w.substr(i - 2, 2) == "ll") || (before == 'v' && after.starts_with('r')));
    if (a == 'i' && (b == 'u' || b == 'i')) return true;  // medi-um
    if (a == 'i' && b == 'e') return ie_apart(w, i);
    if (a == 'e' && b == 'a') return i >= 2 && (after.empty() || after == "s" || w.substr(i - 2, 5) == "creat");  // are-a, cre-ate
    if (a == 'e' && b == 'o') return before != 'p' && !(one_of(before, "gc") && after.starts_with("us"));  // ge-o, vide-o
    if (a == 'u' && (b == 'a' || b == 'o')) return true;  // actu-al, continu-ous
    if (a == 'u' && b == 'e') return one_of(after.empty() ? 0 : after[0], "nrlt");  // flu-ent, issu-er, fu-el
    return false;
}

// -ism, -asm, -thm end in a syllable of their own (mechanism, algorithm); -ire after a
// consonant is two sounds (re-qui-er); -ically is said -ic-ly.
int extra_syllables(std::string_view w, const Sounds& v) {
    int extra = 0;
    std::string_view stem = w.ends_with('s') ? w.substr(0, w.size() - 1) : w;
    if (stem.ends_with("ism") || stem.ends_with("asm") || stem.ends_with("thm")) ++extra;
    if (w.ends_with("ically")) --extra;
    for (std::string_view tail : {"ire", "ires", "ired", "iring", "irely"}) {
        if (w.size() > tail.size() && w.ends_with(tail) && !v[w.size() - tail.size() - 1]) {
            ++extra;
            break;
        }
    }
    return extra;
}

// An abbreviation without a vowel is read letter by letter; w is three syllables.
int spelled_out(std::string_view w) {
    int count = 0;
    for (char c : w) count += c == 'w' ? 3 : 1;
    return count;
}

// Frequent words the rules get wrong, each said otherwise than spelt.
int irregular(std::string_view w) {
    static constexpr std::pair<std::string_view, int> words[] = {
        {"our", 2}, {"ours", 2}, {"hour", 2}, {"hours", 2}, {"business", 2}, {"several", 2}, {"whereas", 2}};
    for (const auto& [word, count] : words)
        if (w == word) return count;
    return 0;
}

}  // namespace

int english_syllables(const std::string& w) {
    if (std::none_of(w.begin(), w.end(), vowel_letter)) return spelled_out(w);
    if (int known = irregular(w)) return known;
    Sounds v = vowel_sounds(w);
    silence_ending_e(w, v);
    silence_inner_e(w, v);
    int count = extra_syllables(w, v);
    for (size_t i = 0; i < w.size(); ++i) {
        if (!v[i]) continue;
        if (i == 0 || !v[i - 1]) ++count;               // a new vowel group
        else if (said_apart(w, i - 1)) ++count;          // a pair said apart inside one
    }
    return std::max(1, count);
}

}  // namespace touchpoint::readability
