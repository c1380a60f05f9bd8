// terminology.avoid as a pack rule type: terms (inflected like the brand's) and ICU
// patterns, each with an optional suggestion; the rule's message may use {match} and
// {suggestion}. All the avoid rules of a run share one check: their terms are one
// automaton, so a document is scanned once however many packs there are.
#include "regex.hpp"
#include "terminology.hpp"

namespace touchpoint::terminology {
namespace {

struct Entry {
    size_t rule;  // index into the check's rules
    std::string suggestion;
    const Lexicon* lexicon;  // its rule's language's, for the suggestion's inflection
};

class PackAvoidCheck : public Check {
public:
    PackAvoidCheck(std::vector<PackRule> rules, const CompileContext& context)
        : rules_(std::move(rules)), default_language_(context.brand().default_language()) {
        for (size_t i = 0; i < rules_.size(); ++i) add_rule(i, context);
        matcher_.build([&](std::string_view lang) { return lexicon(lang, context); }, default_language_);
    }

    void check(const Document& document, Reporter& reporter) const override {
        // Within one rule, a match overlapping an earlier one is left out (longest first).
        std::vector<int64_t> covered_until(rules_.size(), -1);
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            const Entry& entry = terms_[match.entry];
            if (int64_t(match.first_word) <= covered_until[entry.rule]) return;
            covered_until[entry.rule] = match.last_word;
            report(document, match.begin, match.end, entry, match.inflection, entry.lexicon, reporter);
        });
        if (patterns_.empty()) return;
        SearchText text(document.text());
        for (const auto& pattern_entry : patterns_) {
            const Entry& entry = pattern_entry.second;  // not a structured binding: clang 14 cannot capture one
            for_each_match(pattern_entry.first, text, [&](uint32_t begin, uint32_t end) {
                if (document.language_at(begin, default_language_) != rules_[entry.rule].lang) return;
                report(document, begin, end, entry, Inflection::none, nullptr, reporter);
            });
        }
    }

private:
    const Lexicon* lexicon(std::string_view lang, const CompileContext& context) const {
        const Lexicon* found = context.lexicon(lang);
        if (!found) throw std::runtime_error("its language '" + std::string(lang) + "' is not one the brand writes in");
        return found;
    }

    void add_rule(size_t index, const CompileContext& context) {
        const PackRule& rule = rules_[index];
        size_t before = terms_.size() + patterns_.size();
        for (const ConfigNode& node : rule.data) {
            const std::string* suggest = node.attribute("suggest");
            for (const auto& [name, value] : node.attributes)
                if (name != "suggest") throw std::runtime_error("<" + node.name + "> has no attribute '" + name + "'; it takes: suggest");
            if (node.text.empty()) throw std::runtime_error("<" + node.name + "> at line " + std::to_string(node.where.line) + " is empty");
            Entry entry{index, suggest ? *suggest : "", lexicon(rule.lang, context)};
            if (node.name == "term") {
                try {
                    matcher_.add(node.text, true, rule.lang);
                } catch (const std::invalid_argument& e) {
                    throw std::runtime_error(e.what());
                }
                terms_.push_back(std::move(entry));
            } else if (node.name == "pattern") {
                patterns_.emplace_back(compile_regex(node.text), std::move(entry));
            } else {
                throw std::runtime_error("a terminology.avoid rule takes <term> and <pattern>, not <" + node.name + ">");
            }
        }
        if (terms_.size() + patterns_.size() == before) throw std::runtime_error("it has no <term> or <pattern>");
    }

    void report(const Document& document, uint32_t begin, uint32_t end, const Entry& entry, Inflection inflection,
                const Lexicon* lexicon, Reporter& reporter) const {
        const PackRule& rule = rules_[entry.rule];
        std::string_view written = document.text().substr(begin, end - begin);
        Finding finding;
        finding.rule = rule.pack + "." + rule.id;
        finding.severity = rule.severity;
        finding.begin = begin;
        finding.end = end;
        Shaped shaped = entry.suggestion.empty() ? Shaped{} : shape_replacement(written, inflection, entry.suggestion, lexicon);
        finding.message = fill_message(rule.message, written, shaped.text);
        if (!shaped.text.empty()) finding.suggestions.push_back(shaped.text);
        finding.fixable = shaped.inflected;
        finding.claim = Claim::words;
        reporter.report(std::move(finding));
    }

    std::vector<PackRule> rules_;
    std::string default_language_;
    TermMatcher matcher_;
    std::vector<Entry> terms_;  // by matcher entry id
    std::vector<std::pair<Regex, Entry>> patterns_;
};

}  // namespace

std::unique_ptr<Check> make_pack_avoid_check(std::vector<PackRule> rules, const CompileContext& context) {
    return std::make_unique<PackAvoidCheck>(std::move(rules), context);
}

}  // namespace touchpoint::terminology
