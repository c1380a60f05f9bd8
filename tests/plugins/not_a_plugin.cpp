// A shared library that is not a Touchpoint plugin (and whose constructor leaves a mark).
#include "constructor_mark.hpp"

extern "C" __attribute__((visibility("default"))) int answer() { return 42; }
