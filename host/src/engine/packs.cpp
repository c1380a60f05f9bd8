// Rule packs: each rule compiled by the plugin whose rule type it names, and its
// examples verified before any document is checked.
#include "engine/engine.hpp"
#include "formats/formats.hpp"
#include "config/pack_reader.hpp"
#include "config/xml_file.hpp"

#include <unordered_set>

namespace touchpoint {

namespace {

class ExampleReporter : public Reporter {
public:
    void report(Finding finding) override { findings.push_back(std::move(finding)); }
    void measure(std::string_view, std::string_view, double) override {}
    std::vector<Finding> findings;
};

std::string excerpt(std::string_view text) {
    std::string flat(text);
    for (char& c : flat)
        if (c == '\n') c = ' ';
    return "'" + trim(flat) + "'";
}

}  // namespace

void Engine::compile_packs() {
    if (!project_) return;
    std::vector<std::pair<const LoadedPlugin*, PackRule>> compiled_rules;
    for (const PackRef& ref : project_->packs) {
        Pack pack = read_pack(ref.file);
        if (!ref.id.empty() && pack.id != ref.id)
            fail_at(ref.where, "the pack file " + ref.file.string() + " has id '" + pack.id + "', not '" + ref.id + "'");
        for (const LoadedPlugin& plugin : host_.plugins())
            if (plugin.name == pack.id)
                fail_at(ref.where, "pack id '" + pack.id + "' is also a plugin's name; rule ids would be ambiguous");
        for (const PackRuleDefinition& definition : pack.rules) {
            const PackRule& rule = definition.rule;
            std::string full = pack.id + "." + rule.id;
            if (policy_.disabled_everywhere(pack.id) || policy_.disabled_everywhere(full)) continue;
            if (brand_.language_index(rule.lang) < 0)
                fail_at(rule.where, "rule '" + rule.id + "' is for language '" + rule.lang + "', which the brand file " +
                                        brand_.file + " does not write in; add it to the brand's languages or leave the pack out");
            const LoadedPlugin* plugin = nullptr;
            for (const LoadedPlugin& loaded : host_.plugins())
                if (loaded.name == definition.plugin) plugin = &loaded;
            if (!plugin) fail_at(rule.where, "no loaded plugin is named '" + definition.plugin + "'");
            bool known_type = false;
            std::string types;
            for (const RuleInfo& type : plugin->plugin->pack_rule_types()) {
                known_type |= type.name == rule.type;
                types += (types.empty() ? "" : ", ") + definition.plugin + "." + type.name;
            }
            if (!known_type)
                fail_at(rule.where, "plugin '" + definition.plugin + "' has no pack rule type '" + rule.type + "'" +
                                        (types.empty() ? "" : "; it has " + types));
            std::unique_ptr<Check> check;
            try {
                check = plugin->plugin->compile_pack_rule(rule, compile_context());
            } catch (const ConfigError&) {
                throw;
            } catch (const std::exception& e) {
                fail_at(rule.where, "rule '" + rule.id + "': " + e.what());
            }
            if (!check) fail_at(rule.where, "plugin '" + definition.plugin + "' made no check of rule '" + rule.id + "'");
            CompiledCheck compiled{plugin, std::move(check), {}, full, rule.channels,
                                   "rule '" + full + "' (plugin " + definition.plugin + ")", {}};
            verify_examples(definition, compiled);
            pack_sources_[full] = {ref.file.string(), definition.source};
            checks_.push_back(std::move(compiled));
            compiled_rules.emplace_back(plugin, rule);
        }
    }
    combine_pack_checks(compiled_rules);
}

// A plugin that can check all its pack rules in one pass replaces their checks with one.
void Engine::combine_pack_checks(const std::vector<std::pair<const LoadedPlugin*, PackRule>>& compiled_rules) {
    std::map<const LoadedPlugin*, std::vector<PackRule>> by_plugin;
    for (const auto& [plugin, rule] : compiled_rules) by_plugin[plugin].push_back(rule);
    for (auto& [plugin, rules] : by_plugin) {
        if (rules.size() < 2) continue;
        std::unique_ptr<Check> combined;
        try {
            combined = plugin->plugin->compile_pack_rules(rules, compile_context());
        } catch (const std::exception& e) {
            fail_at(rules.front().where, "plugin '" + plugin->name + "' could not combine its pack rules: " + e.what());
        }
        if (!combined) continue;
        CompiledCheck merged{plugin, std::move(combined), {}, {}, {}, "the pack rules of plugin " + plugin->name, {}};
        for (const PackRule& rule : rules) merged.pack_rules.emplace(rule.pack + "." + rule.id, rule.channels);
        std::erase_if(checks_, [&](const CompiledCheck& c) { return merged.pack_rules.count(c.pack_rule) > 0; });
        checks_.push_back(std::move(merged));
    }
}

// An incorrect example must give a finding, and its first suggestion applied must give
// the correction; a correct example must give none.
void Engine::verify_examples(const PackRuleDefinition& definition, const CompiledCheck& compiled) const {
    for (const PackExample& example : definition.examples) {
        std::string channel = !example.channel.empty()              ? example.channel
                              : !definition.rule.channels.ids.empty() ? definition.rule.channels.ids.front()
                                                                       : std::string(default_channel);
        std::string text = example.text;
        Extracted extracted = extract_plain_text(text);
        Document document("example", channel, text, std::move(extracted.text), std::move(extracted.runs));
        document.set_languages({definition.rule.lang}, {});  // an example is in its rule's language
        ExampleReporter reporter;
        try {
            if (compiled.check->observation_passes() > 0) {
                // A corpus-wide check learns from its example alone, in a fresh instance.
                std::unique_ptr<Check> fresh = compiled.plugin->plugin->compile_pack_rule(definition.rule, compile_context());
                for (int pass = 1; pass <= fresh->observation_passes(); ++pass) {
                    fresh->observe(pass, document);
                    fresh->end_pass(pass);
                }
                fresh->check(document, reporter);
            } else {
                compiled.check->check(document, reporter);
            }
        } catch (const std::exception& e) {
            fail_at(example.where, "checking this example of rule '" + compiled.pack_rule + "' failed: " + e.what());
        }
        if (example.correct) {
            if (!reporter.findings.empty())
                fail_at(example.where, "the correct example " + excerpt(example.text) + " of rule '" + compiled.pack_rule +
                                           "' gives a finding: " + reporter.findings.front().message);
            continue;
        }
        if (reporter.findings.empty())
            fail_at(example.where, "the incorrect example " + excerpt(example.text) + " of rule '" + compiled.pack_rule +
                                       "' gives no finding");
        if (!example.has_correction) continue;
        const Finding& first = reporter.findings.front();
        std::string corrected = text;
        if (first.anchor == Anchor::text && !first.suggestions.empty())
            corrected.replace(first.begin, first.end - first.begin, first.suggestions.front());
        if (trim(corrected) != trim(example.correction))
            fail_at(example.where, "the incorrect example of rule '" + compiled.pack_rule + "' corrects to " +
                                       excerpt(corrected) + ", not " + excerpt(example.correction));
    }
}

}  // namespace touchpoint
