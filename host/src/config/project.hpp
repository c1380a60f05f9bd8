// The project file (docs/getting-started.md): which files are which touchpoint.
#pragma once

#include <touchpoint/brand.hpp>

#include "formats/formats.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint {

// The channels every brand has without declaring them. A file no channel claims is
// marketing copy; "script" holds staff scripts unless the project says otherwise.
inline constexpr std::string_view builtin_channels[] = {"marketing", "signage", "script"};
inline constexpr std::string_view default_channel = "marketing";
inline constexpr std::string_view default_script_channel = "script";

struct ChannelGlobs {
    std::string id;
    std::vector<std::string> include;
    bool script = false;  // kind="script" (the channel "script" is one by default)
    SourceRef where;
    std::string lang;  // lang="es": the language of the channel's documents, unless they say
    SourceRef lang_where;
};

// <rule id="spelling" enabled="false"/>, <rule id="terminology.prefer" severity="error" channels="signage"/>:
// `id` is a plugin, a pack, or one rule (PLUGIN.RULE, PACK.RULE). Later overrides win.
struct RuleOverride {
    std::string selector;
    ChannelFilter channels;
    std::optional<Severity> severity;
    std::optional<bool> enabled;
    SourceRef where;

    bool selects(std::string_view rule, std::string_view channel) const {
        return (rule == selector || (rule.size() > selector.size() && rule.starts_with(selector) &&
                                     rule[selector.size()] == '.')) &&
               channels.applies_to(channel);
    }
};

struct PackRef {
    std::string id;                    // <pack id="..."/>
    std::filesystem::path file;        // resolved file
    SourceRef where;
};

struct Project {
    std::filesystem::path file;        // absolute path of touchpoint.xml
    std::filesystem::path dir;         // its folder: globs and paths are relative to it
    std::filesystem::path brand_file;  // resolved; empty when the project names none
    SourceRef brand_where;
    std::vector<ChannelGlobs> channels;
    std::vector<std::string> ignores;
    std::vector<PackRef> packs;
    // <plugins dir>: code from the content repository, loaded only when the command line
    // allows it (--allow-project-plugins).
    struct PluginFolder {
        std::filesystem::path dir;
        SourceRef where;
    };
    std::vector<PluginFolder> plugin_dirs;
    std::vector<RuleOverride> overrides;
    std::optional<std::vector<std::string>> staff_speakers;  // <speakers staff="..." others="..."/>
    std::optional<std::vector<std::string>> other_speakers;
    ScheduleColumns schedule;  // <schedule message="..." id="..." location="..."/>
    std::optional<ProseKeys> prose_keys;  // <front-matter prose="title description"/>

    bool ignored(std::string_view relative_path) const;
    // The project's own configuration files, never checked as content.
    std::vector<std::filesystem::path> own_files() const;
};

// The channel of a path relative to the project folder (the first matching channel), and
// whether a channel holds staff scripts; project may be null (no project file).
std::string channel_for(const Project* project, std::string_view relative_path);
bool is_script_channel(const Project* project, std::string_view channel);
// A channel's declared language (lang="es"), or empty.
std::string channel_language(const Project* project, std::string_view channel);

// Reads and validates a project file; throws ConfigError on a fault.
// `installed_rules` is where packs named by id are looked for after the project's rules/.
Project read_project(const std::filesystem::path& path, const std::filesystem::path& installed_rules);

// touchpoint.xml in `start` or the nearest folder above it.
std::optional<std::filesystem::path> find_project(const std::filesystem::path& start);

}  // namespace touchpoint
