// style: typographic conventions that packs configure — words in capitals (`capitals`)
// and one case style per set of signs (`case-style`, corpus-wide).
#include "style.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <unordered_set>

namespace touchpoint::style {
namespace {

bool all_caps(std::string_view word) {
    size_t letters = 0;
    for (unsigned char c : word) {
        if (std::islower(c)) return false;
        letters += std::isupper(c) ? 1 : 0;
    }
    return letters > 0;
}

std::string capitalised(std::string_view word) {
    std::string out(word);
    for (size_t i = 1; i < out.size(); ++i) out[i] = char(std::tolower(static_cast<unsigned char>(out[i])));
    return out;
}

std::vector<std::string> allowed_keys(const PackRule& rule) {
    std::vector<std::string> keys;
    for (const ConfigNode& node : rule.data) {
        if (node.name == "allow" && !node.text.empty()) keys.push_back(match_key(node.text));
        else if (node.name != "allow") throw std::runtime_error("this rule type takes <allow> elements, not <" + node.name + ">");
    }
    return keys;
}

// capitals: a word of four or more letters in capitals, unless allowed (acronyms, EXIT).
class CapitalsCheck : public Check {
public:
    explicit CapitalsCheck(const PackRule& rule) : rule_(rule) {
        for (std::string& key : allowed_keys(rule)) allowed_.insert(std::move(key));
    }

    void check(const Document& document, Reporter& reporter) const override {
        for (const Word& word : document.words()) {
            std::string_view text = document.text().substr(word.begin, word.end - word.begin);
            if (word.in_literal || text.size() < 4 || !all_caps(text) || allowed_.count(std::string(document.key(word))))
                continue;
            if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) continue;
            Finding finding;
            finding.rule = rule_.id;
            finding.severity = rule_.severity;
            finding.begin = word.begin;
            finding.end = word.end;
            std::string fix = capitalised(text);
            finding.message = fill_message(rule_.message, text, fix);
            finding.suggestions.push_back(fix);
            reporter.report(std::move(finding));
        }
    }

private:
    PackRule rule_;
    std::unordered_set<std::string> allowed_;
};

// case-style: every sign of the rule's channels is classified; signs in a style other
// than the corpus's majority are findings at their first line.
class CaseStyleCheck : public Check {
public:
    CaseStyleCheck(const PackRule& rule, const CompileContext& context) : rule_(rule), ignored_(allowed_keys(rule)) {
        for (const BrandVocabulary::Name& name : context.brand().vocabulary.names)
            for (const std::string& key : phrase_keys(name.canonical)) ignored_.push_back(key);
    }

    int observation_passes() const override { return 1; }

    void observe(int, const Document& document) override {
        std::map<std::string, size_t> local;
        for (auto [begin, end] : paragraphs(document.text())) {
            std::string style = case_style(document.text().substr(begin, end - begin), ignored_);
            if (!style.empty()) ++local[style];
        }
        std::lock_guard lock(mutex_);
        for (auto& [style, n] : local) counts_[style] += n;
    }

    void end_pass(int) override {
        size_t best = 0, second = 0;
        for (const auto& [style, n] : counts_) {
            if (n > best) {
                second = best;
                best = n;
                majority_ = style;
            } else if (n > second) {
                second = n;
            }
        }
        if (best == second) majority_.clear();  // no clear majority: nothing to hold signs to
    }

    void check(const Document& document, Reporter& reporter) const override {
        if (majority_.empty()) return;
        std::string_view text = document.text();
        for (auto [begin, end] : paragraphs(text)) {
            std::string style = case_style(text.substr(begin, end - begin), ignored_);
            if (style.empty() || style == majority_) continue;
            size_t line_end = std::min<size_t>(text.find('\n', begin), end);
            Finding finding;
            finding.rule = rule_.id;
            finding.severity = rule_.severity;
            finding.begin = begin;
            finding.end = uint32_t(line_end);
            finding.message = rule_.message;
            for (auto [key, value] : {std::pair<std::string_view, std::string_view>{"{style}", style}, {"{majority}", majority_}})
                for (size_t at = finding.message.find(key); at != std::string::npos; at = finding.message.find(key, at))
                    finding.message.replace(at, key.size(), value);
            reporter.report(std::move(finding));
        }
    }

    void summarize(CorpusReporter& reporter) const override {
        if (counts_.size() < 2) return;
        std::vector<std::pair<std::string, double>> row;
        for (const auto& [style, n] : counts_) row.emplace_back(style, double(n));
        std::stable_sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        reporter.row("sign case styles", std::move(row));
    }

private:
    PackRule rule_;
    std::vector<std::string> ignored_;
    std::mutex mutex_;
    std::map<std::string, size_t> counts_;
    std::string majority_;
};

}  // namespace

std::string case_style(std::string_view sign, const std::vector<std::string>& ignored_keys) {
    // Significant words: four letters or more, not the first, not a name or an allowed word.
    std::vector<std::string_view> significant;
    bool first = true, caps = true;
    size_t letters = 0;
    size_t i = 0;
    while (i < sign.size()) {
        while (i < sign.size() && !std::isalpha(static_cast<unsigned char>(sign[i]))) ++i;
        size_t start = i;
        while (i < sign.size() && (std::isalpha(static_cast<unsigned char>(sign[i])) || sign[i] == '\'')) ++i;
        if (i == start) break;
        std::string_view word = sign.substr(start, i - start);
        letters += word.size();
        caps &= all_caps(word);
        bool ignored = std::find(ignored_keys.begin(), ignored_keys.end(), match_key(word)) != ignored_keys.end();
        if (!first && word.size() >= 4 && !ignored) significant.push_back(word);
        first = false;
    }
    if (letters >= 4 && caps) return "ALL CAPS";
    if (significant.empty()) return "";
    size_t upper = 0;
    for (std::string_view w : significant) upper += std::isupper(static_cast<unsigned char>(w[0])) ? 1 : 0;
    if (upper == significant.size()) return "Title Case";
    if (upper == 0) return "Sentence case";
    return "";
}

std::string StylePlugin::name() const { return "style"; }

std::string StylePlugin::description() const { return "Typographic conventions that rule packs configure."; }

std::vector<RuleInfo> StylePlugin::rules() const { return {}; }

std::unique_ptr<Check> StylePlugin::compile(const CompileContext&) const { return nullptr; }

std::vector<RuleInfo> StylePlugin::pack_rule_types() const {
    return {
        {"capitals", "A word of four or more letters in capitals, unless <allow>ed; suggests it capitalised.", Severity::warning},
        {"case-style",
         "Signs (paragraphs) whose case style (Title Case, Sentence case, ALL CAPS) differs from the majority across "
         "the run; the message may use {style} and {majority}.",
         Severity::warning},
    };
}

std::unique_ptr<Check> StylePlugin::compile_pack_rule(const PackRule& rule, const CompileContext& context) const {
    if (rule.type == "capitals") return std::make_unique<CapitalsCheck>(rule);
    if (rule.type == "case-style") return std::make_unique<CaseStyleCheck>(rule, context);
    return nullptr;
}

}  // namespace touchpoint::style

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::style::StylePlugin)
#endif
