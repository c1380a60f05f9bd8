// terminology: the brand's word choices (CONTRACT §1) — prefer, avoid and name — found in
// one pass of a term automaton over each document's words.
#include "terminology.hpp"

#include "regex.hpp"

#include <touchpoint/plugin.hpp>


#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint::terminology {
namespace {

struct Term {
    enum Kind { prefer, avoid, variant } kind;
    size_t rule;  // index into the brand's prefers, avoids or names
};

struct Candidate {
    uint32_t first_word, last_word;
    size_t name;
    bool exact;
};

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

// The words of a name written together, as typed: "River bend Health" -> "riverbendhealth".
std::string joined_keys(std::string_view phrase) {
    std::string key;
    for (const std::string& word : phrase_keys(phrase)) key += word;
    return key;
}

// A name as written, for comparing with the canonical form: NFC, ASCII quotes, a
// no-break space as a space, and a line break (with the spaces around it) as one space.
std::string written_form(std::string_view raw) {
    std::string text(raw);
    for (std::string_view no_break : {"\u00A0", "\u202F"})
        for (size_t at = text.find(no_break); at != std::string::npos; at = text.find(no_break, at))
            text.replace(at, no_break.size(), " ");
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
            size_t j = i;
            bool newline = false;
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n'))
                newline |= text[j++] == '\n';
            out += newline ? std::string(" ") : text.substr(i, j - i);
            i = j;
        } else {
            out += text[i++];
        }
    }
    return normalize_form(out);
}

class TerminologyCheck : public Check {
public:
    explicit TerminologyCheck(const CompileContext& context) : brand_(context.brand()), lexicon_(&context.lexicon()) {
        for (size_t i = 0; i < brand_.prefers.size(); ++i)
            for (const std::string& alternative : brand_.prefers[i].instead_of) add(alternative, {Term::prefer, i}, true);
        for (size_t i = 0; i < brand_.avoids.size(); ++i) {
            if (!brand_.avoids[i].term.empty()) add(brand_.avoids[i].term, {Term::avoid, i}, true);
            else compile_pattern(i);
        }
        for (size_t i = 0; i < brand_.names.size(); ++i) {
            for (const std::string& variant : brand_.names[i].variants) add(variant, {Term::variant, i}, false);
            std::string key = joined_keys(brand_.names[i].canonical);
            name_keys_.emplace(key, i);
            for (size_t n = 1; n < key.size(); ++n) name_prefixes_.insert(key.substr(0, n));
        }
        matcher_.build(lexicon_);
    }

    bool empty() const { return matcher_.size() == 0 && patterns_.empty() && name_keys_.empty(); }

    void check(const Document& document, Reporter& reporter) const override {
        find_terms(document, reporter);
        find_patterns(document, reporter);
        find_names(document, reporter);
    }

private:
    void add(const std::string& term, Term entry, bool inflect) {
        matcher_.add(term, inflect);
        terms_.push_back(entry);
    }

    void compile_pattern(size_t avoid) { patterns_.emplace_back(avoid, compile_regex(brand_.avoids[avoid].pattern)); }

    bool applies(const Term& term, std::string_view channel) const {
        switch (term.kind) {
        case Term::prefer: return brand_.prefers[term.rule].channels.applies_to(channel);
        case Term::avoid: return brand_.avoids[term.rule].channels.applies_to(channel);
        case Term::variant: return brand_.names[term.rule].channels.applies_to(channel);
        }
        return false;
    }

    void find_terms(const Document& document, Reporter& reporter) const {
        auto words = document.words();
        int64_t covered_until = -1;  // leftmost-longest: a word belongs to one term at most
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            const Term& term = terms_[match.entry];
            if (int64_t(match.first_word) <= covered_until || !applies(term, document.channel())) return;
            covered_until = match.last_word;
            uint32_t begin = words[match.first_word].begin, end = words[match.last_word].end;
            std::string_view written = document.text().substr(begin, end - begin);
            reporter.report(describe(term, written, match.inflection, begin, end));
        });
    }

    Finding describe(const Term& term, std::string_view written, Inflection inflection, uint32_t begin, uint32_t end) const {
        Finding finding;
        finding.begin = begin;
        finding.end = end;
        if (term.kind == Term::prefer) {
            const Prefer& rule = brand_.prefers[term.rule];
            std::string better = shape_like(written, inflection, rule.term, lexicon_);
            finding.rule = "prefer";
            finding.severity = rule.severity;
            finding.message = "Use " + quoted(better) + " instead of " + quoted(written) + ".";
            finding.suggestions.push_back(std::move(better));
        } else if (term.kind == Term::avoid) {
            const Avoid& rule = brand_.avoids[term.rule];
            finding.rule = "avoid";
            finding.severity = rule.severity;
            finding.message = rule.reason.empty() ? "Avoid " + quoted(written) + "." : rule.reason;
            if (!rule.suggest.empty()) finding.suggestions.push_back(shape_like(written, inflection, rule.suggest, lexicon_));
        } else {
            const Name& rule = brand_.names[term.rule];
            finding.rule = "name";
            finding.severity = rule.severity;
            finding.message = "Write the name as " + quoted(rule.canonical) + ", not " + quoted(written) + ".";
            finding.suggestions.push_back(rule.canonical);
        }
        return finding;
    }

    void find_patterns(const Document& document, Reporter& reporter) const {
        std::string_view prose = document.text();
        std::optional<SearchText> text;  // made at the first pattern for this channel
        for (const auto& [avoid, pattern] : patterns_) {
            if (!brand_.avoids[avoid].channels.applies_to(document.channel())) continue;
            if (!text) text.emplace(prose);
            for_each_match(*pattern, *text, [&](uint32_t begin, uint32_t end) {
                const Avoid& rule = brand_.avoids[avoid];
                Finding finding;
                finding.rule = "avoid";
                finding.severity = rule.severity;
                finding.begin = begin;
                finding.end = end;
                std::string_view written = prose.substr(begin, end - begin);
                finding.message = rule.reason.empty() ? "Avoid " + quoted(written) + "." : rule.reason;
                if (!rule.suggest.empty()) finding.suggestions.push_back(shape_like(written, Inflection::none, rule.suggest, nullptr));
                reporter.report(std::move(finding));
            });
        }
    }

    // Names: any run of words whose keys, joined, spell a canonical name is that name;
    // it is a finding unless written exactly so.
    void find_names(const Document& document, Reporter& reporter) const {
        if (name_keys_.empty()) return;
        auto words = document.words();
        std::string_view text = document.text();
        std::vector<Candidate> candidates;
        for (uint32_t first = 0; first < words.size(); ++first) {
            if (words[first].in_literal) continue;
            std::string joined;
            std::optional<Candidate> longest;
            for (uint32_t last = first; last < words.size() && !words[last].in_literal; ++last) {
                if (last > first && !joins_words(text.substr(words[last - 1].end, words[last].begin - words[last - 1].end)))
                    break;
                joined += document.key(words[last]);
                if (auto it = name_keys_.find(joined); it != name_keys_.end()) {
                    const Name& name = brand_.names[it->second];
                    std::string_view written = text.substr(words[first].begin, words[last].end - words[first].begin);
                    bool exact = written_form(written) == normalize_form(name.canonical);
                    if (name.channels.applies_to(document.channel()) || exact) longest = Candidate{first, last, it->second, exact};
                }
                if (!name_prefixes_.count(joined)) break;
            }
            if (longest) candidates.push_back(*longest);
        }
        // A name written right wins over a misspelt one overlapping it ("my Riverbend Health").
        std::vector<bool> exact_word(words.size(), false);
        for (const Candidate& c : candidates)
            if (c.exact) std::fill(exact_word.begin() + c.first_word, exact_word.begin() + c.last_word + 1, true);
        int64_t covered_until = -1;
        for (const Candidate& c : candidates) {
            if (c.exact || int64_t(c.first_word) <= covered_until) continue;
            if (std::any_of(exact_word.begin() + c.first_word, exact_word.begin() + c.last_word + 1, [](bool b) { return b; }))
                continue;
            covered_until = c.last_word;
            const Name& name = brand_.names[c.name];
            uint32_t begin = words[c.first_word].begin, end = words[c.last_word].end;
            Finding finding;
            finding.rule = "name";
            finding.severity = name.severity;
            finding.begin = begin;
            finding.end = end;
            finding.message = "Write the name exactly as " + quoted(name.canonical) + ".";
            finding.suggestions.push_back(name.canonical);
            reporter.report(std::move(finding));
        }
    }

    Brand brand_;
    const Lexicon* lexicon_;
    TermMatcher matcher_;
    std::vector<Term> terms_;
    std::vector<std::pair<size_t, std::shared_ptr<icu::RegexPattern>>> patterns_;
    std::unordered_map<std::string, size_t> name_keys_;
    std::unordered_set<std::string> name_prefixes_;
};

}  // namespace

std::string TerminologyPlugin::name() const { return "terminology"; }

std::string TerminologyPlugin::description() const {
    return "The brand's word choices: preferred terms, words to avoid and proper names.";
}

std::vector<RuleInfo> TerminologyPlugin::rules() const {
    return {
        {"prefer", "A word the brand replaces with its preferred term (<prefer>).", Severity::warning},
        {"avoid", "Off-brand, over-promising or regulated wording (<avoid>).", Severity::warning},
        {"name", "A proper name not written exactly as declared, or a variant of it (<name>).", Severity::warning},
    };
}

std::vector<RuleInfo> TerminologyPlugin::pack_rule_types() const {
    return {{"avoid",
             "Words, phrases (<term suggest=\"...\">) and ICU patterns (<pattern>) to avoid, matched like the brand's terms.",
             Severity::warning}};
}

std::unique_ptr<Check> TerminologyPlugin::compile_pack_rule(const PackRule& rule, const CompileContext& context) const {
    if (rule.type != "avoid") return nullptr;
    return make_pack_avoid_check({rule}, context);
}

std::unique_ptr<Check> TerminologyPlugin::compile_pack_rules(const std::vector<PackRule>& rules,
                                                             const CompileContext& context) const {
    for (const PackRule& rule : rules)
        if (rule.type != "avoid") return nullptr;
    return make_pack_avoid_check(rules, context);
}

std::unique_ptr<Check> TerminologyPlugin::compile(const CompileContext& context) const {
    const Brand& brand = context.brand();
    if (brand.prefers.empty() && brand.avoids.empty() && brand.names.empty()) return nullptr;
    return std::make_unique<TerminologyCheck>(context);
}

}  // namespace touchpoint::terminology

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::terminology::TerminologyPlugin)
#endif
