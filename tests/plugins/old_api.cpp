// A plugin built for API version 2 or earlier, which exported its version as a function:
// refused without calling it.
#include "constructor_mark.hpp"

extern "C" __attribute__((visibility("default"))) int touchpoint_plugin_api_version() { return 2; }
