#include "brand_rules.hpp"

#include <touchpoint/text.hpp>

#include <unicode/regex.h>

#include <map>
#include <memory>

namespace touchpoint::terminology {
namespace {

std::string regex_fault(UErrorCode status) {
    switch (status) {
    case U_REGEX_MISMATCHED_PAREN: return "unbalanced parenthesis";
    case U_REGEX_MISSING_CLOSE_BRACKET: return "a '[' without its ']'";
    case U_REGEX_BAD_ESCAPE_SEQUENCE: return "an unknown escape sequence";
    case U_REGEX_RULE_SYNTAX: return "a syntax error";
    case U_REGEX_BAD_INTERVAL: return "a bad {min,max} interval";
    case U_REGEX_PROPERTY_SYNTAX: return "a bad \\p{...} property";
    case U_REGEX_INVALID_RANGE: return "a character range out of order";
    case U_REGEX_LOOK_BEHIND_LIMIT: return "a look-behind without a length limit";
    default: return u_errorName(status);
    }
}

void check_pattern(const BrandElement& element, const std::string& pattern) {
    if (pattern.find_first_not_of(" \t\r\n") == std::string::npos)
        element.fail("pattern", "the pattern is empty");
    UParseError where{};
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status))
        element.fail("pattern", "the pattern '" + pattern + "' is not a valid regular expression: " + regex_fault(status) +
                                    " at character " + std::to_string(where.offset + 1));
}

// case="exact" or, the default, case="any".
bool exact_case(const BrandElement& element) {
    if (!element.attribute("case")) return false;
    std::string value = element.value("case");
    if (value != "exact" && value != "any") element.fail("case", "case '" + value + "' is not one of exact, any");
    return value == "exact";
}

class Reader {
public:
    BrandRules read(const std::vector<const BrandElement*>& elements) {
        for (const BrandElement* element : elements) {
            if (element->name == "name") read_name(*element);
            else if (element->name == "prefer") read_prefer(*element);
            else if (element->name == "avoid") read_avoid(*element);
        }
        return std::move(rules_);
    }

private:
    void read_name(const BrandElement& element) {
        element.expect_attributes({"canonical", "severity", "channels"}, {"canonical"});
        Name name{element.require_words(element.value("canonical"), "canonical"), {}, element.severity(Severity::warning),
                  element.channels()};
        auto [it, inserted] = name_lines_.emplace(name.canonical, element.where.line);
        if (!inserted)
            element.fail("duplicate name '" + name.canonical + "'; the first is at line " + std::to_string(it->second));
        // A name is the brand's word as much as any rule's: no other rule may flag it, and
        // it is itself in one case only ("Riverbend Health", not also "riverbend health").
        claim(name.canonical, every_language, element.where_is("canonical"));
        if (!element.text.empty()) element.fail("<name> takes <variant> elements, not text");
        for (const BrandElement& child : element.children) {
            if (child.name != "variant") child.fail("<name> takes <variant> elements, not <" + child.name + ">");
            child.expect_attributes({});
            name.variants.push_back(child.require_words(child.required_text()));
            claim(name.variants.back(), every_language, child.where);
        }
        rules_.names.push_back(std::move(name));
    }

    void read_prefer(const BrandElement& element) {
        element.expect_attributes({"term", "instead-of", "severity", "channels", "case", "lang"}, {"term", "instead-of"});
        element.expect_leaf(false);
        Prefer prefer;
        prefer.lang = element.lang;
        prefer.exact_case = exact_case(element);
        prefer.term = element.require_words(element.value("term"), "term");
        preferred_.emplace(key_of(prefer.term, prefer.lang), element.where_is("term"));
        if (auto it = avoided_.find(key_of(prefer.term, prefer.lang)); it != avoided_.end())
            contradiction(prefer.term, element.where_is("term"), it->second);
        for (const std::string& alternative : element.values("instead-of", '|')) {
            if (alternative.empty())
                element.fail("instead-of", "'instead-of' has an empty alternative; separate words with a single '|'");
            prefer.instead_of.push_back(element.require_words(alternative, "instead-of"));
            claim(alternative, prefer.lang, element.where_is("instead-of"));
            // With case="exact" letter case tells them apart: macOS instead of MacOS.
            if (prefer.exact_case ? normalize_form(alternative) == normalize_form(prefer.term)
                                  : phrase_keys(alternative) == phrase_keys(prefer.term))
                element.fail("instead-of", "'" + alternative + "' is both the preferred term and an alternative");
        }
        prefer.severity = element.severity(Severity::warning);
        prefer.channels = element.channels();
        rules_.prefers.push_back(std::move(prefer));
    }

    void read_avoid(const BrandElement& element) {
        element.expect_attributes({"term", "pattern", "severity", "reason", "suggest", "channels", "case", "lang"});
        element.expect_leaf(false);
        Avoid avoid;
        avoid.lang = element.lang;
        avoid.exact_case = exact_case(element);
        bool has_term = element.attribute("term"), has_pattern = element.attribute("pattern");
        if (has_term && has_pattern) element.fail("<avoid> needs either a 'term' or a 'pattern' attribute, not both");
        if (!has_term && !has_pattern) element.fail("<avoid> needs a 'term' or a 'pattern' attribute");
        if (has_term) {
            avoid.term = element.require_words(element.value("term"), "term");
            claim(avoid.term, avoid.lang, element.where_is("term"));
            avoided_.emplace(key_of(avoid.term, avoid.lang), element.where_is("term"));
            if (auto it = preferred_.find(key_of(avoid.term, avoid.lang)); it != preferred_.end())
                contradiction(avoid.term, element.where_is("term"), it->second);
        } else {
            avoid.pattern = element.attribute("pattern")->value;
            check_pattern(element, avoid.pattern);
        }
        avoid.reason = element.value("reason");
        avoid.suggest = element.value("suggest");
        if (element.attribute("suggest") && avoid.suggest.empty()) element.fail("suggest", "'suggest' is empty");
        avoid.severity = element.severity(Severity::warning);
        avoid.channels = element.channels();
        rules_.avoids.push_back(std::move(avoid));
    }

    // A term's words in a language: "client" is one word in English and another in Spanish.
    static std::string key_of(const std::string& term, const std::string& lang) {
        std::string key = lang + ":";
        for (const std::string& k : phrase_keys(term)) key += k + " ";
        return key;
    }

    // A preferred term that is also avoided: one of the two rules could never be kept.
    [[noreturn]] static void contradiction(const std::string& term, const SourceRef& here, const SourceRef& other) {
        throw BrandError(here, "'" + term + "' is both preferred and avoided (the other is at line " +
                                   std::to_string(other.line) + "); keep one of the two");
    }

    // One word or phrase may be flagged by one rule only in a language; a name's words
    // are held in all of them.
    void claim(const std::string& term, const std::string& lang, const SourceRef& here) {
        auto earlier = claimed_.find(key_of(term, every_language));
        if (earlier == claimed_.end()) earlier = claimed_.find(key_of(term, lang));
        if (earlier == claimed_.end()) earlier = claimed_.emplace(key_of(term, lang), here).first;
        else
            throw BrandError(here, "'" + term + "' is already listed at line " + std::to_string(earlier->second.line) +
                                       "; a word may be flagged by one rule only");
    }

    static inline const std::string every_language = "*";

    BrandRules rules_;
    std::map<std::string, int> name_lines_;
    std::map<std::string, SourceRef> claimed_;
    std::map<std::string, SourceRef> preferred_, avoided_;  // by key: a term both preferred and avoided is refused
};

}  // namespace

BrandRules read_brand_rules(const std::vector<const BrandElement*>& elements) { return Reader().read(elements); }

void publish(const BrandRules& rules, BrandVocabulary& vocabulary) {
    for (const Name& name : rules.names) vocabulary.names.push_back({name.canonical, name.variants});
    for (const Prefer& prefer : rules.prefers) {
        vocabulary.preferred.push_back(prefer.term);
        vocabulary.flagged.insert(vocabulary.flagged.end(), prefer.instead_of.begin(), prefer.instead_of.end());
    }
    for (const Avoid& avoid : rules.avoids) {
        if (!avoid.term.empty()) vocabulary.flagged.push_back(avoid.term);
        if (!avoid.suggest.empty()) vocabulary.suggested.push_back(avoid.suggest);
    }
}

}  // namespace touchpoint::terminology
