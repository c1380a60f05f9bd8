// Finds, vets and loads rule plugins with Poco's ClassLoader.
#pragma once

#include <touchpoint/plugin.hpp>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace Poco {
template <class Base> class ClassLoader;
}

namespace touchpoint {

// A plugin that was refused; what() names the file and why.
class PluginError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LoadedPlugin {
    std::filesystem::path file;
    Plugin* plugin = nullptr;  // owned by the host
    std::string name;
    std::vector<RuleInfo> rules;
};

class PluginHost {
public:
    PluginHost();
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    // Loads every plugin in a folder (files ending in .so); a missing folder is skipped.
    void load_folder(const std::filesystem::path& folder);
    // Loads one plugin file; throws PluginError when it is not a plugin of this API version.
    void load_file(const std::filesystem::path& file);

    const std::vector<LoadedPlugin>& plugins() const { return plugins_; }

private:
    std::unique_ptr<Poco::ClassLoader<Plugin>> loader_;
    std::vector<LoadedPlugin> plugins_;
};

// The folders plugins are loaded from by default: the one beside the executable
// (../lib/touchpoint/plugins, in the build tree and the installed tree alike), then
// each folder of TOUCHPOINT_PLUGIN_PATH.
std::vector<std::filesystem::path> default_plugin_folders();

// The folder of rule packs installed beside the executable (../share/touchpoint/rules).
std::filesystem::path installed_rules_folder();
// The installed documentation, with each plugin's as rules/PLUGIN.md.
std::filesystem::path installed_docs_folder();

}  // namespace touchpoint
