// terminology.avoid as a pack rule type: terms (inflected like the brand's) and ICU
// patterns, each with an optional suggestion; the rule's message may use {match} and
// {suggestion}.
#include "regex.hpp"
#include "terminology.hpp"

namespace touchpoint::terminology {
namespace {

struct Entry {
    std::string suggestion;
};

class PackAvoidCheck : public Check {
public:
    PackAvoidCheck(const PackRule& rule, const CompileContext& context) : rule_(rule), lexicon_(&context.lexicon()) {
        for (const ConfigNode& node : rule.data) {
            const std::string* suggest = node.attribute("suggest");
            for (const auto& [name, value] : node.attributes)
                if (name != "suggest") throw std::runtime_error("<" + node.name + "> has no attribute '" + name + "'; it takes: suggest");
            if (node.text.empty()) throw std::runtime_error("<" + node.name + "> at line " + std::to_string(node.where.line) + " is empty");
            if (node.name == "term") {
                try {
                    matcher_.add(node.text);
                } catch (const std::invalid_argument& e) {
                    throw std::runtime_error(e.what());
                }
                terms_.push_back({suggest ? *suggest : ""});
            } else if (node.name == "pattern") {
                patterns_.emplace_back(compile_regex(node.text), Entry{suggest ? *suggest : ""});
            } else {
                throw std::runtime_error("a terminology.avoid rule takes <term> and <pattern>, not <" + node.name + ">");
            }
        }
        if (terms_.empty() && patterns_.empty()) throw std::runtime_error("it has no <term> or <pattern>");
        matcher_.build(lexicon_);
    }

    void check(const Document& document, Reporter& reporter) const override {
        auto words = document.words();
        int64_t covered_until = -1;
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            if (int64_t(match.first_word) <= covered_until) return;
            covered_until = match.last_word;
            uint32_t begin = words[match.first_word].begin, end = words[match.last_word].end;
            report(document, begin, end, terms_[match.entry].suggestion, match.inflection, reporter);
        });
        for (const auto& [pattern, entry] : patterns_)
            for_each_match(*pattern, document.text(),
                           [&](uint32_t begin, uint32_t end) { report(document, begin, end, entry.suggestion, Inflection::none, reporter); });
    }

private:
    void report(const Document& document, uint32_t begin, uint32_t end, const std::string& suggestion,
                Inflection inflection, Reporter& reporter) const {
        std::string_view written = document.text().substr(begin, end - begin);
        Finding finding;
        finding.rule = rule_.id;
        finding.severity = rule_.severity;
        finding.begin = begin;
        finding.end = end;
        std::string shaped = suggestion.empty() ? std::string() : shape_like(written, inflection, suggestion, lexicon_);
        finding.message = fill_message(rule_.message, written, shaped);
        if (!shaped.empty()) finding.suggestions.push_back(shaped);
        reporter.report(std::move(finding));
    }

    PackRule rule_;
    const Lexicon* lexicon_;
    TermMatcher matcher_;
    std::vector<Entry> terms_;
    std::vector<std::pair<std::shared_ptr<icu::RegexPattern>, Entry>> patterns_;
};

}  // namespace

std::unique_ptr<Check> make_pack_avoid_check(const PackRule& rule, const CompileContext& context) {
    return std::make_unique<PackAvoidCheck>(rule, context);
}

}  // namespace touchpoint::terminology
