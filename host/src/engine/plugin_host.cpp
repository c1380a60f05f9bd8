#include "engine/plugin_host.hpp"

#include "engine/elf_symbol.hpp"

#include <Poco/ClassLoader.h>
#include <Poco/Exception.h>
#include <Poco/SharedLibrary.h>

#include <algorithm>
#include <cstdlib>
#include <unistd.h>

namespace touchpoint {

namespace fs = std::filesystem;

namespace {

fs::path executable_folder() {
    std::error_code error;
    fs::path exe = fs::read_symlink("/proc/self/exe", error);
    return error ? fs::current_path() : exe.parent_path();
}

// The API version the library was built for, read from its file: nothing of it runs yet.
int api_version_of(const fs::path& file) {
    ExportedInt version = read_exported_int(file, "touchpoint_plugin_api_version");
    switch (version.status) {
    case ExportedInt::Status::not_a_library:
        throw PluginError("cannot load plugin " + file.string() + ": it is not a loadable shared library (" +
                          version.why + ")");
    case ExportedInt::Status::missing:
        throw PluginError("refused " + file.string() +
                          ": it is not a Touchpoint plugin (it does not export touchpoint_plugin_api_version; "
                          "build it with TOUCHPOINT_PLUGIN)");
    case ExportedInt::Status::not_data:
        throw PluginError("refused " + file.string() + ": it was built for plugin API version 2 or earlier, this touchpoint has version " +
                          std::to_string(TOUCHPOINT_API_VERSION) + "; rebuild it against these headers");
    case ExportedInt::Status::found: break;
    }
    return version.value;
}

}  // namespace

PluginHost::PluginHost() : loader_(std::make_unique<Poco::ClassLoader<Plugin>>()) {}

PluginHost::~PluginHost() {
    for (LoadedPlugin& loaded : plugins_) delete loaded.plugin;
    plugins_.clear();
    loader_.reset();
}

void PluginHost::load_folder(const fs::path& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) return;
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error))
        if (entry.path().extension() == Poco::SharedLibrary::suffix()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) load_file(file);
}

void PluginHost::load_file(const fs::path& file) {
    fs::path canonical = fs::weakly_canonical(file);
    for (const LoadedPlugin& loaded : plugins_)
        if (loaded.file == canonical) return;
    int version = api_version_of(canonical);
    if (version != TOUCHPOINT_API_VERSION)
        throw PluginError("refused " + canonical.string() + ": it was built for plugin API version " +
                          std::to_string(version) + ", this touchpoint has version " +
                          std::to_string(TOUCHPOINT_API_VERSION) + "; rebuild it against these headers");
    try {
        loader_->loadLibrary(canonical.string());
    } catch (const Poco::Exception& e) {
        throw PluginError("refused " + canonical.string() + ": " + e.displayText());
    }
    const auto* manifest = loader_->findManifest(canonical.string());
    if (!manifest || manifest->size() == 0)
        throw PluginError("refused " + canonical.string() + ": it exports no touchpoint::Plugin class");
    for (const auto* meta : *manifest) {
        LoadedPlugin loaded{canonical, meta->create(), {}, {}};
        loaded.name = loaded.plugin->name();
        loaded.rules = loaded.plugin->rules();
        for (const LoadedPlugin& other : plugins_)
            if (other.name == loaded.name) {
                std::string first = other.file.string();
                delete loaded.plugin;
                throw PluginError("refused " + canonical.string() + ": a plugin named '" + other.name +
                                  "' is already loaded from " + first);
            }
        plugins_.push_back(std::move(loaded));
    }
}

std::vector<fs::path> default_plugin_folders() {
    std::vector<fs::path> folders{(executable_folder() / ".." / "lib" / "touchpoint" / "plugins").lexically_normal()};
    if (const char* env = std::getenv("TOUCHPOINT_PLUGIN_PATH")) {
        std::string_view list(env);
        while (!list.empty()) {
            size_t colon = list.find(':');
            if (colon != 0) folders.emplace_back(std::string(list.substr(0, colon)));
            if (colon == std::string_view::npos) break;
            list.remove_prefix(colon + 1);
        }
    }
    return folders;
}

fs::path installed_rules_folder() {
    return (executable_folder() / ".." / "share" / "touchpoint" / "rules").lexically_normal();
}

fs::path installed_docs_folder() {
    return (executable_folder() / ".." / "share" / "doc" / "touchpoint").lexically_normal();
}

}  // namespace touchpoint
