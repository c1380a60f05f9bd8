// A test plugin built for another plugin API version: the host must refuse it before
// touching any of its classes.
#include <touchpoint/plugin.hpp>

extern "C" __attribute__((visibility("default"))) int touchpoint_plugin_api_version() {
    return TOUCHPOINT_API_VERSION + 1;
}
