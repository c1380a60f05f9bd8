// libFuzzer: the brand, project and rule-pack readers on arbitrary bytes. The first byte
// picks the reader; a fault must be a ConfigError, never a crash or a hang. A project's
// globs are matched against a path as well.
#include "config/brand_reader.hpp"
#include "config/pack_reader.hpp"
#include "config/project.hpp"
#include "config/xml_file.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const std::string path = "/tmp/touchpoint-fuzz-config-" + std::to_string(getpid()) + ".xml";
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data + 1), std::streamsize(size - 1));
    try {
        switch (data[0] % 3) {
        case 0: touchpoint::read_brand(path); break;
        case 1: {
            // Its globs too, on a deep path and a long name: matching must stay polynomial.
            touchpoint::Project project = touchpoint::read_project(path, "/nonexistent");
            static const std::string deep = [] {
                std::string p;
                for (int i = 0; i < 40; ++i) p += "d/";
                return p + std::string(60, 'a') + ".md";
            }();
            project.ignored(deep);
            touchpoint::channel_for(&project, deep);
            break;
        }
        default: touchpoint::read_pack(path); break;
        }
    } catch (const touchpoint::ConfigError&) {
    }
    return 0;
}
