// The plugin loader refuses what is not a plugin of this API version, naming the file and why.
#include "engine/plugin_host.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

using namespace touchpoint;
namespace fs = std::filesystem;

namespace {
fs::path test_plugin(const std::string& name) { return test::binary_dir() / "test-plugins" / name / (name + ".so"); }

// Loads `file`, with the test libraries' constructors told to leave a mark; returns the
// refusal, and whether any code of the library ran.
struct Refusal {
    std::string message;
    bool constructor_ran;
};

Refusal load_refusal(const fs::path& file) {
    test::ScratchDir dir;
    fs::path mark = dir.path() / "constructor-ran";
    ::setenv("TOUCHPOINT_TEST_CONSTRUCTOR_MARK", mark.c_str(), 1);
    std::string message;
    {
        PluginHost host;
        try {
            host.load_file(file);
            message = "no error";
        } catch (const PluginError& e) {
            message = e.what();
        }
    }
    ::unsetenv("TOUCHPOINT_TEST_CONSTRUCTOR_MARK");
    return {message, fs::exists(mark)};
}

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

TEST_CASE("nothing of a refused library runs, not even its constructors") {
    for (const char* name : {"other_version", "not_a_plugin", "old_api"}) {
        INFO(name);
        Refusal refusal = load_refusal(test_plugin(name));
        CHECK(refusal.message.starts_with("refused "));
        CHECK_FALSE(refusal.constructor_ran);
    }
}

TEST_CASE("a plugin of API version 2, which exported a function, is refused without calling it") {
    fs::path file = test_plugin("old_api");
    CHECK(load_error(file) == "refused " + file.string() + ": it was built for plugin API version 2 or earlier, " +
                                  "this touchpoint has version " + std::to_string(TOUCHPOINT_API_VERSION) +
                                  "; rebuild it against these headers");
}

TEST_CASE("damaged libraries are refused, never read out of bounds") {
    std::string library;
    {
        std::ifstream in(test_plugin("other_version"), std::ios::binary);
        library.assign(std::istreambuf_iterator<char>(in), {});
    }
    REQUIRE(library.size() > 4096);
    test::ScratchDir dir;
    // Cut short at many places, and with the section header table pointed past the end.
    for (size_t length : {size_t(0), size_t(4), size_t(63), size_t(64), size_t(1000), library.size() / 2, library.size() - 1}) {
        INFO(length);
        fs::path file = dir.write("cut" + std::to_string(length) + ".so", library.substr(0, length));
        CHECK_THAT(load_error(file), Catch::StartsWith("cannot load plugin " + file.string() +
                                                       ": it is not a loadable shared library (") ||
                                         Catch::StartsWith("refused " + file.string()));
    }
    std::string far = library;
    uint64_t past_end = UINT64_MAX - 16;
    std::memcpy(far.data() + 0x28, &past_end, sizeof past_end);  // e_shoff
    fs::path file = dir.write("far.so", far);
    CHECK_THAT(load_error(file), Catch::StartsWith("cannot load plugin " + file.string()));
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
