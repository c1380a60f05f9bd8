// readability: the channel limits of the brand file (docs/brand-file.md) — max-grade (the
// reading grade of a document's text in one language, 30 words or more, by the formula made
// for it: Flesch–Kincaid for English, Crawford's for Spanish), max-words (words of each
// sign, a sign being a paragraph, counted per language on a bilingual sign) — and the
// max-sentence-words extension.
#include "readability.hpp"

#include "text_stats.hpp"

#include <algorithm>
#include <map>
#include <cstdio>

namespace touchpoint::readability {
namespace {

// Fewer words than this are not graded: the formula means nothing on a few words.
constexpr size_t min_graded_words = 30;

std::string one_decimal(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::string limit_text(double value) {
    return value == double(int(value)) ? std::to_string(int(value)) : one_decimal(value);
}

class ReadabilityCheck : public Check {
public:
    explicit ReadabilityCheck(const Brand& brand) : brand_(brand), default_language_(brand.default_language()) {}

    void check(const Document& document, Reporter& reporter) const override {
        std::vector<Sentence> all = sentences(document, brand_.locale);
        std::vector<Part> parts = by_language(document, all);
        size_t words = 0;
        for (const Sentence& s : all) words += s.words();
        reporter.measure("readability", "words", double(words));
        reporter.measure("readability", "sentences", double(all.size()));
        const ChannelLimits* limits = brand_.channel(document.channel());
        // Each language's text is graded on its own, by its own formula; "grade" is the
        // main language's (the one with most words).
        for (const Part& part : parts) {
            Grade grade = grade_in(part.lang, document, part.sentences);
            if (grade.words < min_graded_words) continue;
            if (&part == &parts.front()) reporter.measure("readability", "grade", round1(grade.grade));
            if (parts.size() > 1) reporter.measure("readability", "grade." + part.lang, round1(grade.grade));
            if (limits && limits->max_grade && round1(grade.grade) > *limits->max_grade)
                reporter.report(too_hard(document, part, grade, *limits->max_grade, parts.size() > 1));
        }
        if (!limits) return;
        if (limits->max_words) check_signs(document, *limits->max_words, reporter);
        if (limits->max_sentence_words) check_sentences(document, all, *limits->max_sentence_words, reporter);
    }

private:
    // A document's sentences in one language (a sentence's is its first word's).
    struct Part {
        std::string lang;
        std::vector<Sentence> sentences;
        size_t words = 0;
    };

    // The parts, the one with most words first.
    std::vector<Part> by_language(const Document& document, const std::vector<Sentence>& all) const {
        std::vector<Part> parts;
        auto words = document.words();
        for (const Sentence& s : all) {
            std::string lang(document.language(words[s.first_word]));
            if (lang.empty()) lang = default_language_;
            auto part = std::find_if(parts.begin(), parts.end(), [&](const Part& p) { return p.lang == lang; });
            if (part == parts.end()) part = parts.insert(parts.end(), Part{lang, {}, 0});
            part->sentences.push_back(s);
            part->words += s.words();
        }
        if (parts.empty()) parts.push_back({default_language_, {}, 0});
        std::stable_sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.words > b.words; });
        return parts;
    }

    static double round1(double value) { return double(int64_t(value * 10 + (value < 0 ? -0.5 : 0.5))) / 10; }

    Finding too_hard(const Document& document, const Part& part, const Grade& grade, double max, bool several) const {
        std::vector<Sentence> all = part.sentences;
        std::stable_sort(all.begin(), all.end(), [](const Sentence& a, const Sentence& b) { return a.words() > b.words(); });
        std::string longest;
        // Up to three sentences longer than the document's average, the longest first.
        double average = double(grade.words) / double(std::max<size_t>(1, grade.sentences));
        for (size_t i = 0; i < all.size() && i < 3 && (i == 0 || double(all[i].words()) > average); ++i) {
            Location at = document.locate(document.words()[all[i].first_word].begin);
            longest += (longest.empty() ? "" : ", ") + std::string("line ") + std::to_string(at.line) + " (" +
                       std::to_string(all[i].words()) + " words)";
        }
        Finding finding;
        finding.rule = "grade";
        finding.anchor = Anchor::document;
        // A document in one language other than English names the formula; a bilingual one
        // also says which language's text is graded.
        std::string what = part.lang == "en" && !several ? "" : " (" + std::string(formula_in(part.lang)) + ", the " +
                                                                    language_display_name(part.lang) + " text)";
        finding.message = "Reading grade " + one_decimal(grade.grade) + what + " is above this " + document.channel() +
                          " channel's " + limit_text(max) + " (" + std::to_string(grade.words) + " words in " +
                          std::to_string(grade.sentences) + " sentences). Shorten the longest sentences: " + longest + ".";
        return finding;
    }

    // Each paragraph (text between blank lines) is one sign; a bilingual sign keeps to the
    // limit in each of its languages: one finding per language over it, at its first line.
    static void check_signs(const Document& document, int max, Reporter& reporter) {
        auto words = document.words();
        size_t w = 0;
        for (auto [begin, end] : paragraphs(document.text())) {
            while (w < words.size() && words[w].begin < begin) ++w;
            std::map<uint8_t, std::pair<size_t, uint32_t>> per_language;  // count, first word's offset
            for (; w < words.size() && words[w].begin < end; ++w) {
                auto [it, first] = per_language.try_emplace(words[w].language, 0, words[w].begin);
                ++it->second.first;
            }
            for (const auto& [lang, counted] : per_language) {
                if (counted.first <= size_t(max)) continue;
                std::string in = per_language.size() == 1 ? "" : " in " + language_display_name(document.language_name(lang));
                reporter.report(too_many_words(document, counted.second, end, counted.first, max, in));
            }
        }
    }

    // The finding stands at the line of the sign where the words begin.
    static Finding too_many_words(const Document& document, uint32_t begin, uint32_t end, size_t count, int max,
                                  const std::string& in) {
        std::string_view text = document.text();
        size_t line_end = std::min<size_t>(text.find('\n', begin), end);
        while (line_end > begin && (text[line_end - 1] == ' ' || text[line_end - 1] == '\r')) --line_end;
        Finding finding;
        finding.rule = "sign-words";
        finding.begin = begin;
        finding.end = uint32_t(line_end);
        finding.message = "This sign has " + std::to_string(count) + " words" + in + "; signs in the " + document.channel() +
                          " channel keep to " + std::to_string(max) + (in.empty() ? "." : " in each language.");
        return finding;
    }

    static void check_sentences(const Document& document, const std::vector<Sentence>& all, int max, Reporter& reporter) {
        auto words = document.words();
        for (const Sentence& s : all) {
            if (s.words() <= size_t(max)) continue;
            Finding finding;
            finding.rule = "sentence-words";
            finding.begin = words[s.first_word].begin;
            finding.end = words[s.last_word].end;
            finding.message = "This sentence has " + std::to_string(s.words()) + " words; sentences in the " +
                              document.channel() + " channel keep to " + std::to_string(max) + ".";
            reporter.report(std::move(finding));
        }
    }

    Brand brand_;
    std::string default_language_;
};

}  // namespace

std::string ReadabilityPlugin::name() const { return "readability"; }

std::string ReadabilityPlugin::description() const {
    return "Reading grade, words per sign and words per sentence, per channel.";
}

std::vector<RuleInfo> ReadabilityPlugin::rules() const {
    return {
        {"grade", "A document's text in one language, 30 words or more, above its channel's max-grade (Flesch-Kincaid; Crawford for Spanish).", Severity::warning},
        {"sign-words", "A sign (a paragraph) with more words than its channel's max-words, in any one of its languages.", Severity::warning},
        {"sentence-words", "A sentence with more words than its channel's max-sentence-words.", Severity::warning},
    };
}

std::unique_ptr<Check> ReadabilityPlugin::compile(const CompileContext& context) const {
    return std::make_unique<ReadabilityCheck>(context.brand());
}

}  // namespace touchpoint::readability

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::readability::ReadabilityPlugin)
#endif
