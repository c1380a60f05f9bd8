// The brand file's plugin elements, handed to the plugins that claim them.
#pragma once

#include "engine/plugin_host.hpp"

#include <touchpoint/brand.hpp>

#include <vector>

namespace touchpoint {

// Gives each element of `brand` that is not the host's to the plugin claiming its name,
// which validates it and publishes its words in brand.vocabulary. Throws ConfigError
// for an element no plugin claims or one its plugin refuses.
void hand_out_brand_elements(Brand& brand, const std::vector<LoadedPlugin>& plugins);

}  // namespace touchpoint
