// A test plugin built for another plugin API version: the host must refuse it before
// any of its code runs (its constructor leaves a mark).
#include "constructor_mark.hpp"

#include <touchpoint/plugin.hpp>

extern "C" __attribute__((visibility("default"), used)) const int touchpoint_plugin_api_version =
    TOUCHPOINT_API_VERSION + 1;
