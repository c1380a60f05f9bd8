// readability: the channel limits of the brand file (docs/brand-file.md) — max-grade (Flesch–Kincaid grade of a
// document of 30 words or more), max-words (words of each sign, a sign being a paragraph)
// — and the max-sentence-words extension.
#include "readability.hpp"

#include "text_stats.hpp"

#include <algorithm>
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
    explicit ReadabilityCheck(const Brand& brand) : brand_(brand), english_(brand.locale.starts_with("en")) {}

    void check(const Document& document, Reporter& reporter) const override {
        std::vector<Sentence> all = sentences(document, brand_.locale);
        Grade grade = flesch_kincaid(document, all, english_);
        reporter.measure("readability", "words", double(grade.words));
        reporter.measure("readability", "sentences", double(grade.sentences));
        if (grade.words >= min_graded_words) reporter.measure("readability", "grade", round1(grade.grade));
        const ChannelLimits* limits = brand_.channel(document.channel());
        if (!limits) return;
        if (limits->max_grade && grade.words >= min_graded_words && round1(grade.grade) > *limits->max_grade)
            reporter.report(too_hard(document, all, grade, *limits->max_grade));
        if (limits->max_words) check_signs(document, *limits->max_words, reporter);
        if (limits->max_sentence_words) check_sentences(document, all, *limits->max_sentence_words, reporter);
    }

private:
    static double round1(double value) { return double(int64_t(value * 10 + (value < 0 ? -0.5 : 0.5))) / 10; }

    Finding too_hard(const Document& document, std::vector<Sentence> all, const Grade& grade, double max) const {
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
        finding.message = "Reading grade " + one_decimal(grade.grade) + " is above this " + document.channel() +
                          " channel's " + limit_text(max) + " (" + std::to_string(grade.words) + " words in " +
                          std::to_string(grade.sentences) + " sentences). Shorten the longest sentences: " + longest + ".";
        return finding;
    }

    // Each paragraph (text between blank lines) is one sign.
    static void check_signs(const Document& document, int max, Reporter& reporter) {
        std::string_view text = document.text();
        auto words = document.words();
        size_t w = 0;
        for (auto [begin, end] : paragraphs(text)) {
            while (w < words.size() && words[w].begin < begin) ++w;
            size_t first = w;
            while (w < words.size() && words[w].begin < end) ++w;
            size_t count = w - first;
            if (count <= size_t(max)) continue;
            // The finding stands at the sign's first line.
            size_t line_end = std::min<size_t>(text.find('\n', begin), end);
            while (line_end > begin && (text[line_end - 1] == ' ' || text[line_end - 1] == '\r')) --line_end;
            Finding finding;
            finding.rule = "sign-words";
            finding.begin = words[first].begin;
            finding.end = uint32_t(line_end);
            finding.message = "This sign has " + std::to_string(count) + " words; signs in the " + document.channel() +
                              " channel keep to " + std::to_string(max) + ".";
            reporter.report(std::move(finding));
        }
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
    bool english_;
};

}  // namespace

std::string ReadabilityPlugin::name() const { return "readability"; }

std::string ReadabilityPlugin::description() const {
    return "Reading grade, words per sign and words per sentence, per channel.";
}

std::vector<RuleInfo> ReadabilityPlugin::rules() const {
    return {
        {"grade", "A document of 30 words or more above its channel's max-grade (Flesch-Kincaid).", Severity::warning},
        {"sign-words", "A sign (a paragraph) with more words than its channel's max-words.", Severity::warning},
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
