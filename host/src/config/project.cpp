#include "base/fs_util.hpp"
#include "config/project.hpp"

#include "config/glob.hpp"
#include "config/xml_file.hpp"

#include <map>

namespace touchpoint {

namespace fs = std::filesystem;

std::string channel_for(const Project* project, std::string_view relative_path) {
    if (project)
        for (const ChannelGlobs& channel : project->channels)
            for (const std::string& glob : channel.include)
                if (glob_match(glob, relative_path)) return channel.id;
    return std::string(default_channel);
}

namespace {

const ChannelGlobs* project_channel(const Project* project, std::string_view id) {
    if (project)
        for (const ChannelGlobs& c : project->channels)
            if (c.id == id) return &c;
    return nullptr;
}

}  // namespace

std::string channel_language(const Project* project, std::string_view channel) {
    const ChannelGlobs* declared = project_channel(project, channel);
    return declared ? declared->lang : std::string();
}

bool is_script_channel(const Project* project, std::string_view channel) {
    const ChannelGlobs* declared = project_channel(project, channel);
    return declared ? declared->script : channel == default_script_channel;
}

bool Project::ignored(std::string_view relative_path) const {
    for (const std::string& glob : ignores)
        if (glob_match(glob, relative_path)) return true;
    return false;
}

std::vector<fs::path> Project::own_files() const {
    std::vector<fs::path> files{file};
    if (!brand_file.empty()) files.push_back(brand_file);
    for (const PackRef& pack : packs) files.push_back(pack.file);
    return files;
}

namespace {

fs::path resolve(const fs::path& dir, const std::string& relative) {
    return (dir / relative).lexically_normal();
}

RuleOverride read_override(const XmlFile& xml, pugi::xml_node node) {
    xml.check_attributes(node, {"id", "severity", "enabled", "channels"}, {"id"});
    xml.check_leaf(node, false);
    RuleOverride rule;
    rule.selector = trim(node.attribute("id").value());
    rule.where = xml.where(node);
    rule.severity = xml.severity(node);
    if (pugi::xml_attribute enabled = node.attribute("enabled")) {
        std::string value = trim(enabled.value());
        if (value != "true" && value != "false") xml.fail(node, "enabled", "enabled takes true or false, not '" + value + "'");
        rule.enabled = value == "true";
    }
    if (!rule.severity && !rule.enabled) xml.fail(node, "<rule> needs a 'severity' or an 'enabled' attribute");
    rule.channels = xml.channels(node);
    return rule;
}

// <front-matter prose="title description"/>: the YAML keys whose values are checked.
ProseKeys read_prose_keys(const XmlFile& xml, pugi::xml_node node) {
    xml.check_attributes(node, {"prose"}, {"prose"});
    xml.check_leaf(node, false);
    ProseKeys keys;
    std::string list = node.attribute("prose").value();
    for (size_t start = 0; start < list.size();) {
        size_t end = std::min(list.find_first_of(" \t\n,", start), list.size());
        std::string key = list.substr(start, end - start);
        start = end + 1;
        if (key.empty()) continue;
        bool valid = std::isalpha(static_cast<unsigned char>(key[0])) || key[0] == '_';
        for (char c : key) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
        if (!valid) xml.fail(node, "prose", "'" + key + "' is not a front matter key; list keys such as title description, separated by spaces");
        keys.push_back(std::move(key));
    }
    return keys;
}

}  // namespace

Project read_project(const fs::path& path, const fs::path& installed_rules) {
    XmlFile xml(path);
    Project project;
    project.file = fs::absolute(path).lexically_normal();
    project.dir = project.file.parent_path();
    pugi::xml_node root = xml.root();
    if (std::string_view(root.name()) != "touchpoint")
        xml.fail(root, "the root element is <" + std::string(root.name()) + ">; a project file's is <touchpoint>");
    xml.check_attributes(root, {});
    std::map<std::string, int> channel_ids;
    for (pugi::xml_node node : root.children()) {
        if (node.type() == pugi::node_pcdata && !trim(node.value()).empty())
            xml.fail(root, "<touchpoint> takes elements, not text");
        if (node.type() != pugi::node_element) continue;
        std::string_view name = node.name();
        if (name == "brand") {
            xml.check_attributes(node, {"file"}, {"file"});
            xml.check_leaf(node, false);
            if (!project.brand_file.empty()) xml.fail(node, "the project names a second <brand>; it takes one");
            project.brand_file = resolve(project.dir, trim(node.attribute("file").value()));
            project.brand_where = xml.where(node, "file");
            if (!is_file(project.brand_file))
                xml.fail(node, "file", "brand file '" + std::string(node.attribute("file").value()) + "' does not exist");
        } else if (name == "channel") {
            xml.check_attributes(node, {"id", "include", "kind", "lang"}, {"id", "include"});
            xml.check_leaf(node, false);
            ChannelGlobs channel{xml.channel_id(node), {}, false, xml.where(node), {}, {}};
            if (node.attribute("lang")) {
                channel.lang = trim(node.attribute("lang").value());
                channel.lang_where = xml.where(node, "lang");
                if (!is_language_tag(channel.lang))
                    xml.fail(node, "lang", "lang '" + channel.lang + "' is not a language tag like es or es-US");
            }
            std::string kind = node.attribute("kind") ? trim(node.attribute("kind").value()) : std::string();
            if (!kind.empty() && kind != "script" && kind != "prose")
                xml.fail(node, "kind", "channel kind '" + kind + "' is not one of prose, script");
            channel.script = kind == "script" || (kind.empty() && channel.id == default_script_channel);
            auto [it, inserted] = channel_ids.emplace(channel.id, channel.where.line);
            if (!inserted)
                xml.fail(node, "duplicate channel '" + channel.id + "'; the first is at line " + std::to_string(it->second) +
                                   " (list several globs in one include, separated by spaces)");
            std::string include = node.attribute("include").value();
            for (size_t start = 0; start < include.size();) {
                size_t end = include.find_first_of(" \t\n", start);
                if (end == std::string::npos) end = include.size();
                if (end > start) channel.include.push_back(include.substr(start, end - start));
                start = end + 1;
            }
            project.channels.push_back(std::move(channel));
        } else if (name == "ignore") {
            xml.check_attributes(node, {});
            project.ignores.push_back(xml.required_text(node));
        } else if (name == "pack") {
            xml.check_attributes(node, {"id", "file"});
            xml.check_leaf(node, false);
            bool has_id = bool(node.attribute("id")), has_file = bool(node.attribute("file"));
            if (has_id == has_file) xml.fail(node, "<pack> needs either an 'id' or a 'file' attribute, not both");
            PackRef pack;
            pack.where = xml.where(node);
            if (has_file) {
                pack.file = resolve(project.dir, trim(node.attribute("file").value()));
                if (!is_file(pack.file))
                    xml.fail(node, "file", "rule pack file '" + std::string(node.attribute("file").value()) + "' does not exist");
            } else {
                pack.id = trim(node.attribute("id").value());
                fs::path local = project.dir / "rules" / (pack.id + ".xml");
                fs::path installed = installed_rules / (pack.id + ".xml");
                pack.file = is_file(local) ? local : installed;
                if (!is_file(pack.file))
                    xml.fail(node, "id", "no rule pack '" + pack.id + "' in the project's rules/ folder or in " +
                                             installed_rules.string());
            }
            project.packs.push_back(std::move(pack));
        } else if (name == "plugins") {
            xml.check_attributes(node, {"dir"}, {"dir"});
            xml.check_leaf(node, false);
            fs::path dir = resolve(project.dir, trim(node.attribute("dir").value()));
            if (!is_folder(dir))
                xml.fail(node, "dir", "plugin folder '" + std::string(node.attribute("dir").value()) + "' does not exist");
            project.plugin_dirs.push_back({dir, xml.where(node, "dir")});
        } else if (name == "schedule") {
            // message-es="Spanish": a column of the sign's text in another language.
            for (pugi::xml_attribute a : node.attributes()) {
                std::string_view attribute = a.name();
                if (attribute == "message" || attribute == "id" || attribute == "location") continue;
                std::string lang(attribute.starts_with("message-") ? attribute.substr(8) : std::string_view());
                if (!is_language_tag(lang))
                    xml.fail(node, a.name(), "<schedule> has no attribute '" + std::string(attribute) +
                                                 "'; it takes: message, id, location, message-LANG (message-es)");
                if (trim(a.value()).empty()) xml.fail(node, a.name(), "'" + std::string(attribute) + "' is empty");
                project.schedule.translations.emplace_back(lang, trim(a.value()));
            }
            xml.check_leaf(node, false);
            project.schedule.message = trim(node.attribute("message").value());
            project.schedule.id = trim(node.attribute("id").value());
            project.schedule.location = trim(node.attribute("location").value());
        } else if (name == "front-matter") {
            project.prose_keys = read_prose_keys(xml, node);
        } else if (name == "rule") {
            project.overrides.push_back(read_override(xml, node));
        } else if (name == "speakers") {
            xml.check_attributes(node, {"staff", "others"});
            xml.check_leaf(node, false);
            if (node.attribute("staff")) project.staff_speakers = split_list(node.attribute("staff").value(), ",");
            if (node.attribute("others")) project.other_speakers = split_list(node.attribute("others").value(), ",");
            if (project.staff_speakers && project.staff_speakers->empty())
                xml.fail(node, "staff", "'staff' is empty; list staff speaker labels separated by commas");
        } else {
            xml.fail(node, "unknown element <" + std::string(name) +
                               "> in <touchpoint>; expected brand, channel, front-matter, ignore, pack, plugins, rule, schedule or speakers");
        }
    }
    return project;
}

std::optional<fs::path> find_project(const fs::path& start) {
    for (fs::path dir = fs::absolute(start).lexically_normal();; dir = dir.parent_path()) {
        fs::path candidate = dir / "touchpoint.xml";
        if (is_file(candidate)) return candidate;
        if (dir == dir.root_path() || dir.empty()) return std::nullopt;
    }
}

}  // namespace touchpoint
