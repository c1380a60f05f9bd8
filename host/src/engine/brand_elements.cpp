#include "engine/brand_elements.hpp"

#include "config/config_error.hpp"
#include "engine/run_options.hpp"

#include <map>

namespace touchpoint {

// Each element of the brand file that is not the host's goes to the plugin that claims
// its name, which validates it and publishes its words in the brand's vocabulary.
void hand_out_brand_elements(Brand& brand, const std::vector<LoadedPlugin>& plugins) {
    std::map<std::string, const LoadedPlugin*> owner;
    std::string expected = "promise";
    for (const LoadedPlugin& loaded : plugins)
        for (const std::string& element : loaded.plugin->brand_elements())
            if (owner.emplace(element, &loaded).second) expected += ", " + element;
    expected += ", channel or report";
    for (const BrandElement& element : brand.elements)
        if (!owner.count(element.name))
            fail_at(element.where, "unknown element <" + element.name + "> in <brand>; expected " + expected);
    for (const LoadedPlugin& loaded : plugins) {
        std::vector<const BrandElement*> mine;
        for (const BrandElement& element : brand.elements)
            if (owner.at(element.name) == &loaded) mine.push_back(&element);
        if (mine.empty()) continue;
        try {
            loaded.plugin->read_brand(mine, brand.vocabulary);
        } catch (const BrandError& e) {
            throw ConfigError(e.what());
        } catch (const std::exception& e) {
            throw RunError(brand.file + ": plugin '" + loaded.name + "' cannot read its brand elements: " + e.what());
        }
    }
}

}  // namespace touchpoint
