#include "brand_reader.hpp"

#include "xml_file.hpp"

#include <touchpoint/text.hpp>

#include <unicode/regex.h>

#include <charconv>
#include <map>

namespace touchpoint {
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

class BrandReader {
public:
    explicit BrandReader(const std::filesystem::path& path) : xml_(path) { brand_.file = path.string(); }

    Brand read() {
        pugi::xml_node root = xml_.root();
        if (std::string_view(root.name()) != "brand")
            xml_.fail(root, "the root element is <" + std::string(root.name()) + ">; a brand file's is <brand>");
        xml_.check_attributes(root, {"name", "locale"}, {"name"});
        brand_.name = trim(root.attribute("name").value());
        if (pugi::xml_attribute locale = root.attribute("locale")) {
            brand_.locale = trim(locale.value());
            if (!matches_whole("[a-z]{2,3}(-[A-Z]{2})?", brand_.locale))
                xml_.fail(root, "locale", "locale '" + brand_.locale + "' is not a language tag like en-US");
        }
        for (pugi::xml_node child : root.children()) read_child(child);
        return std::move(brand_);
    }

private:
    void read_child(pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            if (!trim(node.value()).empty()) xml_.fail(node.parent(), "<brand> takes elements, not text");
            return;
        }
        if (node.type() != pugi::node_element) return;
        std::string_view name = node.name();
        if (name == "promise") read_promise(node);
        else if (name == "pillar") read_pillar(node);
        else if (name == "name") read_name(node);
        else if (name == "prefer") read_prefer(node);
        else if (name == "avoid") read_avoid(node);
        else if (name == "fact") read_fact(node);
        else if (name == "accept") read_accept(node);
        else if (name == "channel") read_channel(node);
        else if (name == "report") read_report(node);
        else
            xml_.fail(node, "unknown element <" + std::string(name) +
                                "> in <brand>; expected promise, pillar, name, prefer, avoid, fact, accept, channel or report");
    }

    void read_promise(pugi::xml_node node) {
        xml_.check_attributes(node, {});
        if (!brand_.promise.empty()) xml_.fail(node, "the brand has a second <promise>; it takes one");
        brand_.promise = xml_.required_text(node);
    }

    void read_pillar(pugi::xml_node node) {
        xml_.check_attributes(node, {"id", "label"}, {"id"});
        Pillar pillar{trim(node.attribute("id").value()), trim(node.attribute("label").value()), {}, xml_.where(node)};
        unique_id("pillar", pillar.id, node, pillar_ids_);
        if (pillar.label.empty()) pillar.label = pillar.id;
        for (pugi::xml_node child : node.children()) {
            if (child.type() == pugi::node_pcdata && !trim(child.value()).empty())
                xml_.fail(node, "<pillar> takes <term> elements, not text");
            if (child.type() != pugi::node_element) continue;
            if (std::string_view(child.name()) != "term")
                xml_.fail(child, "<pillar> takes <term> elements, not <" + std::string(child.name()) + ">");
            xml_.check_attributes(child, {});
            pillar.terms.push_back(term_text(child, xml_.required_text(child), nullptr));
        }
        if (pillar.terms.empty()) xml_.fail(node, "pillar '" + pillar.id + "' has no <term>");
        brand_.pillars.push_back(std::move(pillar));
    }

    void read_name(pugi::xml_node node) {
        xml_.check_attributes(node, {"canonical", "severity", "channels"}, {"canonical"});
        Name name;
        name.canonical = term_text(node, trim(node.attribute("canonical").value()), "canonical");
        name.severity = severity(node, Severity::warning);
        name.channels = channels(node);
        name.where = xml_.where(node);
        unique_id("name", name.canonical, node, names_);
        for (pugi::xml_node child : node.children()) {
            if (child.type() == pugi::node_pcdata && !trim(child.value()).empty())
                xml_.fail(node, "<name> takes <variant> elements, not text");
            if (child.type() != pugi::node_element) continue;
            if (std::string_view(child.name()) != "variant")
                xml_.fail(child, "<name> takes <variant> elements, not <" + std::string(child.name()) + ">");
            xml_.check_attributes(child, {});
            name.variants.push_back(term_text(child, xml_.required_text(child), nullptr));
            claim(name.variants.back(), child, nullptr);
        }
        brand_.names.push_back(std::move(name));
    }

    void read_prefer(pugi::xml_node node) {
        xml_.check_attributes(node, {"term", "instead-of", "severity", "channels", "case"}, {"term", "instead-of"});
        Prefer prefer;
        prefer.exact_case = exact_case(node);
        prefer.term = term_text(node, trim(node.attribute("term").value()), "term");
        for (const std::string& alternative : split_each(node.attribute("instead-of").value(), '|')) {
            if (alternative.empty())
                xml_.fail(node, "instead-of", "'instead-of' has an empty alternative; separate words with a single '|'");
            prefer.instead_of.push_back(term_text(node, alternative, "instead-of"));
            claim(alternative, node, "instead-of");
            // With case="exact" letter case tells them apart: macOS instead of MacOS.
            if (prefer.exact_case ? normalize_form(alternative) == normalize_form(prefer.term)
                                  : phrase_keys(alternative) == phrase_keys(prefer.term))
                xml_.fail(node, "instead-of", "'" + alternative + "' is both the preferred term and an alternative");
        }
        prefer.severity = severity(node, Severity::warning);
        prefer.channels = channels(node);
        prefer.where = xml_.where(node);
        brand_.prefers.push_back(std::move(prefer));
    }

    void read_avoid(pugi::xml_node node) {
        xml_.check_attributes(node, {"term", "pattern", "severity", "reason", "suggest", "channels", "case"});
        xml_.check_leaf(node, false);
        Avoid avoid;
        avoid.exact_case = exact_case(node);
        bool has_term = bool(node.attribute("term")), has_pattern = bool(node.attribute("pattern"));
        if (has_term == has_pattern) xml_.fail(node, "<avoid> needs either a 'term' or a 'pattern' attribute, not both");
        if (has_term) {
            avoid.term = term_text(node, trim(node.attribute("term").value()), "term");
            claim(avoid.term, node, "term");
        } else {
            avoid.pattern = node.attribute("pattern").value();
            check_pattern(node, avoid.pattern);
        }
        avoid.reason = trim(node.attribute("reason").value());
        avoid.suggest = trim(node.attribute("suggest").value());
        if (node.attribute("suggest") && avoid.suggest.empty()) xml_.fail(node, "suggest", "'suggest' is empty");
        avoid.severity = severity(node, Severity::warning);
        avoid.channels = channels(node);
        avoid.where = xml_.where(node);
        brand_.avoids.push_back(std::move(avoid));
    }

    void read_fact(pugi::xml_node node) {
        xml_.check_attributes(node, {"id", "kind", "value", "severity"}, {"id", "kind", "value"});
        xml_.check_leaf(node, false);
        Fact fact{trim(node.attribute("id").value()), trim(node.attribute("kind").value()),
                  trim(node.attribute("value").value()), severity(node, Severity::warning), xml_.where(node)};
        unique_id("fact", fact.id, node, fact_ids_);
        if (fact.kind == "phone") {
            std::string digits;
            for (char c : fact.value)
                if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
            if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
            if (digits.size() != 10)
                xml_.fail(node, "value", "phone fact '" + fact.id + "' needs ten digits, like (918) 555-0100");
        } else if (fact.kind == "email") {
            if (!matches_whole(R"([^@\s]+@[^@\s]+\.[A-Za-z]{2,})", fact.value))
                xml_.fail(node, "value", "'" + fact.value + "' is not an e-mail address");
        } else if (fact.kind == "url") {
            if (!matches_whole(R"((https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?(/\S*)?)", fact.value))
                xml_.fail(node, "value", "'" + fact.value + "' is not a URL or domain");
        } else {
            xml_.fail(node, "kind", "fact kind '" + fact.kind + "' is not one of phone, email, url");
        }
        brand_.facts.push_back(std::move(fact));
    }

    void read_accept(pugi::xml_node node) {
        xml_.check_attributes(node, {});
        brand_.accepted_words.push_back(xml_.required_text(node));
    }

    void read_channel(pugi::xml_node node) {
        xml_.check_attributes(node, {"id", "min-pillars", "max-grade", "max-words", "max-sentence-words"}, {"id"});
        xml_.check_leaf(node, false);
        ChannelLimits limits;
        limits.id = trim(node.attribute("id").value());
        unique_id("channel", limits.id, node, channel_ids_);
        limits.min_pillars = integer(node, "min-pillars", 0);
        limits.max_words = integer(node, "max-words", 1);
        limits.max_sentence_words = integer(node, "max-sentence-words", 1);
        if (pugi::xml_attribute grade = node.attribute("max-grade")) {
            std::string text = trim(grade.value());
            double value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc() || end != text.data() + text.size() || value <= 0)
                xml_.fail(node, "max-grade", "max-grade '" + text + "' is not a positive number");
            limits.max_grade = value;
        }
        limits.where = xml_.where(node);
        brand_.channels.push_back(std::move(limits));
    }

    void read_report(pugi::xml_node node) {
        xml_.check_attributes(node, {"pass-mark"});
        xml_.check_leaf(node, false);
        if (auto mark = integer(node, "pass-mark", 0)) {
            if (*mark > 100) xml_.fail(node, "pass-mark", "pass-mark '" + std::to_string(*mark) + "' is over 100");
            brand_.pass_mark = *mark;
        }
    }

    std::optional<int> integer(pugi::xml_node node, const char* attribute, int minimum) {
        pugi::xml_attribute a = node.attribute(attribute);
        if (!a) return std::nullopt;
        std::string text = trim(a.value());
        int value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < minimum)
            xml_.fail(node, attribute,
                      std::string(attribute) + " '" + text + "' is not a whole number of at least " + std::to_string(minimum));
        return value;
    }

    // A term must hold at least one word; returns it unchanged.
    std::string term_text(pugi::xml_node node, const std::string& text, const char* attribute) {
        if (phrase_keys(text).empty()) {
            std::string sentence = text.empty() ? "the term is empty" : "the term '" + text + "' has no word in it";
            attribute ? xml_.fail(node, attribute, sentence) : xml_.fail(node, sentence);
        }
        return text;
    }

    // One word or phrase may be flagged by one rule only.
    void claim(const std::string& term, pugi::xml_node node, const char* attribute) {
        std::string key;
        for (const std::string& k : phrase_keys(term)) key += k + " ";
        SourceRef here = attribute ? xml_.where(node, attribute) : xml_.where(node);
        auto [it, inserted] = claimed_.emplace(key, here);
        if (!inserted)
            fail_at(here, "'" + term + "' is already listed at line " + std::to_string(it->second.line) +
                              "; a word may be flagged by one rule only");
    }

    void unique_id(const char* what, const std::string& id, pugi::xml_node node, std::map<std::string, int>& seen) {
        auto [it, inserted] = seen.emplace(id, xml_.where(node).line);
        if (!inserted)
            xml_.fail(node, std::string("duplicate ") + what + " '" + id + "'; the first is at line " +
                                std::to_string(it->second));
    }

    // case="exact" or, the default, case="any".
    bool exact_case(pugi::xml_node node) {
        pugi::xml_attribute attribute = node.attribute("case");
        if (!attribute) return false;
        std::string value = trim(attribute.value());
        if (value != "exact" && value != "any")
            xml_.fail(node, "case", "case '" + value + "' is not one of exact, any");
        return value == "exact";
    }

    Severity severity(pugi::xml_node node, Severity fallback) { return xml_.severity(node).value_or(fallback); }

    ChannelFilter channels(pugi::xml_node node) { return xml_.channels(node); }

    void check_pattern(pugi::xml_node node, const std::string& pattern) {
        if (trim(pattern).empty()) xml_.fail(node, "pattern", "the pattern is empty");
        UParseError where{};
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexPattern> compiled(
            icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, where, status));
        if (U_FAILURE(status))
            xml_.fail(node, "pattern",
                      "the pattern '" + pattern + "' is not a valid regular expression: " + regex_fault(status) +
                          " at character " + std::to_string(where.offset + 1));
    }

    XmlFile xml_;
    Brand brand_;
    std::map<std::string, int> pillar_ids_, fact_ids_, channel_ids_, names_;
    std::map<std::string, SourceRef> claimed_;
};

}  // namespace

Brand read_brand(const std::filesystem::path& path) { return BrandReader(path).read(); }

}  // namespace touchpoint
