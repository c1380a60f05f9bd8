// A shared library that is not a Touchpoint plugin.
extern "C" __attribute__((visibility("default"))) int answer() { return 42; }
