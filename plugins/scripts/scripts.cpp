// scripts: what a staff script as a whole must carry. The pack rule type `elements`
// (AIDET: Acknowledge, Introduce, Duration, Explanation, Thank you) lists elements, each
// with phrases; an element none of whose phrases a staff turn says is missing, and the
// missing elements are one finding for the script.
#include "scripts.hpp"

namespace touchpoint::scripts {
namespace {

struct Element {
    std::string id;
    std::string label;
};

class ElementsCheck : public Check {
public:
    ElementsCheck(const PackRule& rule, const CompileContext& context) : rule_(rule) {
        for (const ConfigNode& node : rule.data) {
            if (node.name != "element") throw std::runtime_error("an elements rule takes <element>, not <" + node.name + ">");
            const std::string* id = node.attribute("id");
            const std::string* label = node.attribute("label");
            if (!id || id->empty()) throw std::runtime_error("<element> at line " + std::to_string(node.where.line) + " needs an 'id'");
            elements_.push_back({*id, label && !label->empty() ? *label : *id});
            for (const ConfigNode& phrase : node.children) {
                if (phrase.name != "phrase" || phrase.text.empty())
                    throw std::runtime_error("<element id=\"" + *id + "\"> takes non-empty <phrase> elements");
                try {
                    matcher_.add(phrase.text);
                } catch (const std::invalid_argument& e) {
                    throw std::runtime_error(e.what());
                }
                element_of_.push_back(elements_.size() - 1);
            }
            if (node.children.empty()) throw std::runtime_error("<element id=\"" + *id + "\"> has no <phrase>");
        }
        if (elements_.empty()) throw std::runtime_error("it has no <element>");
        matcher_.build(&context.lexicon());
    }

    void check(const Document& document, Reporter& reporter) const override {
        std::vector<bool> said(elements_.size(), false);
        auto words = document.words();
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            // Only staff turns count: a patient's "thank you" is not the staff's.
            if (document.in_staff_turn(words[match.first_word].begin)) said[element_of_[match.entry]] = true;
        });
        std::string missing;
        Finding finding;
        for (size_t e = 0; e < elements_.size(); ++e) {
            reporter.measure(rule_.pack + "." + rule_.id, elements_[e].id, said[e] ? 1 : 0);
            if (said[e]) continue;
            missing += (missing.empty() ? "" : ", ") + elements_[e].label;
            finding.suggestions.push_back(elements_[e].label);
        }
        if (missing.empty()) return;
        finding.rule = rule_.id;
        finding.severity = rule_.severity;
        finding.anchor = Anchor::document;
        finding.message = rule_.message;
        for (size_t at = finding.message.find("{missing}"); at != std::string::npos; at = finding.message.find("{missing}", at))
            finding.message.replace(at, 9, missing);
        reporter.report(std::move(finding));
    }

private:
    PackRule rule_;
    std::vector<Element> elements_;
    TermMatcher matcher_;
    std::vector<size_t> element_of_;
};

}  // namespace

std::string ScriptsPlugin::name() const { return "scripts"; }

std::string ScriptsPlugin::description() const { return "What a staff script as a whole must carry."; }

std::vector<RuleInfo> ScriptsPlugin::rules() const { return {}; }

std::unique_ptr<Check> ScriptsPlugin::compile(const CompileContext&) const { return nullptr; }

std::vector<RuleInfo> ScriptsPlugin::pack_rule_types() const {
    return {{"elements",
             "Elements a script's staff turns must carry (<element id label> with <phrase>s); the missing ones are one "
             "finding for the script. The message may use {missing}.",
             Severity::warning}};
}

std::unique_ptr<Check> ScriptsPlugin::compile_pack_rule(const PackRule& rule, const CompileContext& context) const {
    if (rule.type != "elements") return nullptr;
    return std::make_unique<ElementsCheck>(rule, context);
}

}  // namespace touchpoint::scripts

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::scripts::ScriptsPlugin)
#endif
