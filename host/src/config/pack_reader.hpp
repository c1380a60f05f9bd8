// Rule packs (rules/*.xml): read and validated like the brand file.
#pragma once

#include <touchpoint/pack.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace touchpoint {

struct PackExample {
    bool correct = false;        // a sentence that must pass
    std::string text;
    std::string correction;      // for an incorrect one: the text with the first suggestion applied
    bool has_correction = false;
    std::string channel;         // checked as this channel (default: the rule's first, else marketing)
    SourceRef where;
};

struct PackRuleDefinition {
    PackRule rule;
    std::string plugin;  // the plugin named by type="plugin.type"
    std::string source;  // where the rule's wording comes from
    std::vector<PackExample> examples;
};

struct Pack {
    std::string id;
    std::string version;
    std::string description;
    std::filesystem::path file;
    std::vector<PackRuleDefinition> rules;
};

// Throws ConfigError with file:line:column on a fault.
Pack read_pack(const std::filesystem::path& path);

}  // namespace touchpoint
