// Rule packs: declarative rules (rules/*.xml) that configure a plugin's rule type.
#pragma once

#include <touchpoint/export.hpp>

#include <touchpoint/brand.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace touchpoint {

// An element of a pack rule's data, as written: <term suggest="use">utilize</term>.
struct ConfigNode {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;  // trimmed
    std::vector<ConfigNode> children;
    SourceRef where;

    // The attribute's value, or nullptr when it is absent.
    const std::string* attribute(std::string_view key) const {
        for (const auto& [name, value] : attributes)
            if (name == key) return &value;
        return nullptr;
    }
};

struct PackRule {
    std::string pack;  // the pack's id: findings are PACK.RULE
    std::string id;    // the rule's id within the pack
    std::string type;  // the plugin rule type, without the plugin's name ("avoid")
    Severity severity = Severity::warning;
    ChannelFilter channels;
    // The language it applies in, a primary subtag: the rule's or its pack's `lang`, else "en".
    std::string lang = "en";
    // May hold {match} and {suggestion}, replaced per finding.
    std::string message;
    std::vector<ConfigNode> data;  // the <rule>'s children other than message, source, example
    SourceRef where;
};

// Fills {match} and {suggestion} in a pack rule's message.
TOUCHPOINT_API std::string fill_message(std::string_view message, std::string_view match, std::string_view suggestion);

}  // namespace touchpoint
