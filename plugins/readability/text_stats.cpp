#include "text_stats.hpp"

#include "spanish_syllables.hpp"

#include "english_syllables.hpp"

#include <touchpoint/text.hpp>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

namespace touchpoint::readability {
namespace {

icu::BreakIterator& sentence_iterator(const std::string& locale) {
    thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
    auto& iterator = iterators[locale];
    if (!iterator) {
        std::string id = locale;
        std::replace(id.begin(), id.end(), '-', '_');
        UErrorCode status = U_ZERO_ERROR;
        // ss=standard: ICU's list of abbreviations (Dr., Mr., etc.) does not end sentences.
        iterator.reset(icu::BreakIterator::createSentenceInstance(icu::Locale((id + "@ss=standard").c_str()), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU sentence break iterator unavailable for " + locale);
    }
    return *iterator;
}

// A copy of the text where a wrapped line (a line break followed by a lower-case
// letter) reads as one line; ICU ends a sentence at every line break. Block breaks stay.
std::string unwrapped(const Document& document) {
    std::string out(document.text());
    for (size_t i = 0; i + 1 < out.size(); ++i) {
        if (out[i] != '\n' || (i > 0 && out[i - 1] == '\n') || out[i + 1] == '\n') continue;
        size_t next = i + 1;
        while (next < out.size() && (out[next] == ' ' || out[next] == '\t')) ++next;
        if (next < out.size() && std::islower(static_cast<unsigned char>(out[next])) &&
            document.copies_line_break(uint32_t(i)))
            out[i] = ' ';
    }
    return out;
}

}  // namespace

std::vector<Sentence> sentences(const Document& document, const std::string& locale) {
    std::string text = unwrapped(document);
    auto words = document.words();
    std::vector<Sentence> result;
    if (words.empty()) return result;
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUTF8(&utext, text.data(), int64_t(text.size()), &status);
    icu::BreakIterator& it = sentence_iterator(locale);
    it.setText(&utext, status);
    size_t w = 0;
    bool merge_next = false;
    it.first();
    for (int32_t end = it.next(); end != icu::BreakIterator::DONE; end = it.next()) {
        size_t first = w;
        while (w < words.size() && words[w].begin < uint32_t(end)) ++w;
        if (w == first) continue;
        const Word& last = words[w - 1];
        bool continues = !result.empty() && result.back().last_word + 1 == first && merge_next;
        if (continues) result.back().last_word = uint32_t(w - 1);
        else result.push_back({uint32_t(first), uint32_t(w - 1)});
        // "Dr." ends an ICU sentence only by mistake: the next one continues it.
        merge_next = last.end < text.size() && text[last.end] == '.' &&
                      is_abbreviation(document.text().substr(last.begin, last.end - last.begin)) &&
                      text.find('\n', last.end) >= size_t(end);
    }
    utext_close(&utext);
    return result;
}

int syllables(std::string_view word, bool english) {
    // Letters as lower-case ASCII; an accented letter counts as a vowel, ñ as n.
    std::string w;
    for (size_t i = 0; i < word.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(word[i]);
        if (std::isalpha(c)) w += char(std::tolower(c));
        else if (c >= 0xC0) w += (word.substr(i, 2) == "\u00F1" || word.substr(i, 2) == "\u00D1") ? 'n' : 'a';
    }
    if (w.empty()) return 1;  // a number
    if (english) return english_syllables(w);
    auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; };
    int count = 0;
    for (size_t i = 0; i < w.size(); ++i) {
        if (!vowel(w[i])) continue;
        ++count;
        while (i + 1 < w.size() && vowel(w[i + 1])) ++i;  // each vowel group is one
    }
    return std::max(1, count);
}

namespace {

// Words, sentences and syllables, each word's syllables by `count` ("www" and "org" of a
// web or e-mail address count one each: a link does not make a sentence hard).
Grade counted(const Document& document, const std::vector<Sentence>& all, int (*count)(std::string_view, bool), bool english) {
    Grade g;
    auto words = document.words();
    for (const Sentence& s : all) {
        ++g.sentences;
        for (uint32_t i = s.first_word; i <= s.last_word; ++i) {
            ++g.words;
            const Word& word = words[i];
            g.syllables += word.in_literal ? 1 : size_t(count(document.text().substr(word.begin, word.end - word.begin), english));
        }
    }
    return g;
}

int spanish_count(std::string_view word, bool) { return spanish_syllables(word); }

}  // namespace

Grade flesch_kincaid(const Document& document, const std::vector<Sentence>& all, bool english) {
    Grade g = counted(document, all, syllables, english);
    if (g.words > 0 && g.sentences > 0)
        g.grade = 0.39 * double(g.words) / double(g.sentences) + 11.8 * double(g.syllables) / double(g.words) - 15.59;
    return g;
}

Grade crawford(const Document& document, const std::vector<Sentence>& all) {
    Grade g = counted(document, all, spanish_count, false);
    if (g.words > 0) {
        double sentences_per_100 = 100.0 * double(g.sentences) / double(g.words);
        double syllables_per_100 = 100.0 * double(g.syllables) / double(g.words);
        g.grade = -0.205 * sentences_per_100 + 0.049 * syllables_per_100 - 3.407;
    }
    return g;
}

Grade grade_in(std::string_view lang, const Document& document, const std::vector<Sentence>& sentences) {
    if (lang == "es") return crawford(document, sentences);
    return flesch_kincaid(document, sentences, lang == "en");
}

std::string_view formula_in(std::string_view lang) { return lang == "es" ? "Crawford" : "Flesch-Kincaid"; }

}  // namespace touchpoint::readability
