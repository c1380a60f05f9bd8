#include "config/pack_reader.hpp"

#include "config/xml_file.hpp"

#include <map>

namespace touchpoint {

namespace {

ConfigNode to_config(const XmlFile& xml, pugi::xml_node node) {
    ConfigNode config;
    config.name = node.name();
    config.where = xml.where(node);
    for (pugi::xml_attribute a : node.attributes()) config.attributes.emplace_back(a.name(), a.value());
    for (pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element) config.children.push_back(to_config(xml, child));
        else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) config.text += child.value();
    }
    config.text = trim(config.text);
    return config;
}

class PackReader {
public:
    explicit PackReader(const std::filesystem::path& path) : xml_(path) { pack_.file = path; }

    Pack read() {
        pugi::xml_node root = xml_.root();
        if (std::string_view(root.name()) != "pack")
            xml_.fail(root, "the root element is <" + std::string(root.name()) + ">; a rule pack's is <pack>");
        xml_.check_attributes(root, {"id", "version", "description", "lang"}, {"id", "version"});
        lang_ = language(root, "en");
        pack_.id = trim(root.attribute("id").value());
        if (!matches_whole("[a-z0-9][a-z0-9-]*", pack_.id))
            xml_.fail(root, "id", "pack id '" + pack_.id + "' may hold only lower-case letters, digits and '-'");
        pack_.version = trim(root.attribute("version").value());
        pack_.description = trim(root.attribute("description").value());
        for (pugi::xml_node node : root.children()) {
            if (node.type() == pugi::node_pcdata && !trim(node.value()).empty()) xml_.fail(root, "<pack> takes <rule> elements, not text");
            if (node.type() != pugi::node_element) continue;
            if (std::string_view(node.name()) != "rule")
                xml_.fail(node, "unknown element <" + std::string(node.name()) + "> in <pack>; expected rule");
            read_rule(node);
        }
        if (pack_.rules.empty()) xml_.fail(root, "pack '" + pack_.id + "' has no <rule>");
        return std::move(pack_);
    }

private:
    void read_rule(pugi::xml_node node) {
        xml_.check_attributes(node, {"id", "type", "severity", "channels", "lang"}, {"id", "type"});
        PackRuleDefinition definition;
        PackRule& rule = definition.rule;
        rule.pack = pack_.id;
        rule.lang = language(node, lang_);
        rule.id = trim(node.attribute("id").value());
        rule.where = xml_.where(node);
        auto [it, inserted] = ids_.emplace(rule.id, rule.where.line);
        if (!inserted) xml_.fail(node, "duplicate rule '" + rule.id + "'; the first is at line " + std::to_string(it->second));
        std::string type = trim(node.attribute("type").value());
        size_t dot = type.find('.');
        if (dot == std::string::npos || dot == 0 || dot + 1 == type.size())
            xml_.fail(node, "type", "type '" + type + "' must name a plugin's rule type, like terminology.avoid");
        definition.plugin = type.substr(0, dot);
        rule.type = type.substr(dot + 1);
        rule.severity = xml_.severity(node).value_or(Severity::warning);
        rule.channels = xml_.channels(node);
        for (pugi::xml_node child : node.children()) {
            if (child.type() == pugi::node_pcdata && !trim(child.value()).empty()) xml_.fail(node, "<rule> takes elements, not text");
            if (child.type() != pugi::node_element) continue;
            std::string_view name = child.name();
            if (name == "message") {
                xml_.check_attributes(child, {});
                rule.message = xml_.required_text(child);
            } else if (name == "source") {
                xml_.check_attributes(child, {});
                definition.source = xml_.required_text(child);
            } else if (name == "example") {
                read_example(child, definition);
            } else {
                rule.data.push_back(to_config(xml_, child));
            }
        }
        if (rule.message.empty()) xml_.fail(node, "rule '" + rule.id + "' has no <message>");
        if (definition.source.empty()) xml_.fail(node, "rule '" + rule.id + "' has no <source> saying where its wording comes from");
        bool has_incorrect = false, has_correct = false;
        for (const PackExample& example : definition.examples) (example.correct ? has_correct : has_incorrect) = true;
        if (!has_incorrect || !has_correct)
            xml_.fail(node, "rule '" + rule.id + "' needs an <example type=\"incorrect\"> and an <example type=\"correct\">");
        pack_.rules.push_back(std::move(definition));
    }

    void read_example(pugi::xml_node node, PackRuleDefinition& definition) {
        xml_.check_attributes(node, {"type", "correction", "channel"}, {"type"});
        PackExample example;
        std::string type = trim(node.attribute("type").value());
        if (type != "correct" && type != "incorrect")
            xml_.fail(node, "type", "example type '" + type + "' is not one of correct, incorrect");
        example.correct = type == "correct";
        example.where = xml_.where(node);
        xml_.check_leaf(node, true);
        example.text = node.text().get();
        if (trim(example.text).empty()) xml_.fail(node, "<example> is empty");
        if (pugi::xml_attribute correction = node.attribute("correction")) {
            if (example.correct) xml_.fail(node, "correction", "a correct example takes no correction");
            example.correction = correction.value();
            example.has_correction = true;
        }
        example.channel = trim(node.attribute("channel").value());
        definition.examples.push_back(std::move(example));
    }

    // An element's lang="es", as its primary subtag, else `inherited`.
    std::string language(pugi::xml_node node, const std::string& inherited) {
        pugi::xml_attribute lang = node.attribute("lang");
        if (!lang) return inherited;
        std::string tag = trim(lang.value());
        if (!is_language_tag(tag)) xml_.fail(node, "lang", "lang '" + tag + "' is not a language tag like es or es-US");
        return primary_language(tag);
    }

    XmlFile xml_;
    Pack pack_;
    std::string lang_;  // the pack's
    std::map<std::string, int> ids_;
};

}  // namespace

Pack read_pack(const std::filesystem::path& path) { return PackReader(path).read(); }

}  // namespace touchpoint
