// What libtouchpoint.so exports: the library is built with hidden visibility, so only
// the plugin API marked TOUCHPOINT_API is seen by plugins (and checked by the ABI test,
// tests/abi/). Everything else in the library is its own.
#pragma once

#define TOUCHPOINT_API __attribute__((visibility("default")))
// Inside the library: a class's implementation behind its pointer, not exported with it.
#define TOUCHPOINT_LOCAL __attribute__((visibility("hidden")))
