// The plugin loader refuses what is not a plugin of this API version, naming the file and why.
#include "plugin_host.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
namespace fs = std::filesystem;

namespace {
fs::path test_plugin(const std::string& name) { return test::binary_dir() / "test-plugins" / name / (name + ".so"); }

std::string load_error(const fs::path& file) {
    PluginHost host;
    try {
        host.load_file(file);
    } catch (const PluginError& e) {
        return e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("the built plugins load and declare their rules") {
    PluginHost host;
    host.load_folder(test::binary_dir() / "lib" / "touchpoint" / "plugins");
    auto terminology = std::find_if(host.plugins().begin(), host.plugins().end(),
                                    [](const LoadedPlugin& p) { return p.name == "terminology"; });
    REQUIRE(terminology != host.plugins().end());
    REQUIRE(terminology->rules.size() == 3);
    CHECK(terminology->rules[0].name == "prefer");
}

TEST_CASE("a plugin built for another API version is refused") {
    fs::path file = test_plugin("other_version");
    CHECK(load_error(file) == "refused " + file.string() + ": it was built for plugin API version " +
                                  std::to_string(TOUCHPOINT_API_VERSION + 1) + ", this touchpoint has version " +
                                  std::to_string(TOUCHPOINT_API_VERSION) + "; rebuild it against these headers");
}

TEST_CASE("a shared library that is not a plugin is refused") {
    fs::path file = test_plugin("not_a_plugin");
    CHECK(load_error(file) == "refused " + file.string() +
                                  ": it is not a Touchpoint plugin (it does not export touchpoint_plugin_api_version; "
                                  "build it with TOUCHPOINT_PLUGIN)");
}

TEST_CASE("a file that is not a shared library is refused") {
    test::ScratchDir dir;
    fs::path file = dir.write("fake.so", "this is text, not a library\n");
    CHECK_THAT(load_error(file), Catch::StartsWith("cannot load plugin " + file.string() +
                                                   ": it is not a loadable shared library ("));
}

TEST_CASE("the same plugin found twice loads once") {
    PluginHost host;
    host.load_file(test_plugin("faulty"));
    host.load_file(test_plugin("faulty"));
    CHECK(host.plugins().size() == 1);
}
