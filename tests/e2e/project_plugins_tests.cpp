// No code from content: a project file's <plugins dir> is a folder of the content
// repository, which a stranger's pull request can fill. It loads only when the command
// line allows it, and a library refused for what its file says never runs at all.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace touchpoint;
namespace fs = std::filesystem;

namespace {
// A content repository whose project file names a plugin folder holding `library`
// (a test library whose constructor, if it ever runs, leaves a mark).
struct PlantedRepository {
    test::ScratchDir dir;
    fs::path mark = dir.path() / "constructor-ran";

    explicit PlantedRepository(const std::string& library) {
        dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/></brand>)");
        dir.write("touchpoint.xml", "<touchpoint>\n  <brand file=\"brand.xml\"/>\n  <plugins dir=\"plug\"/>\n</touchpoint>\n");
        dir.write("a.txt", "a customer\n");
        fs::create_directories(dir.path() / "plug");
        fs::copy_file(test::binary_dir() / "test-plugins" / library / (library + ".so"),
                      dir.path() / "plug" / (library + ".so"));
    }

    test::CommandResult run(std::vector<std::string> args) const {
        return test::run_touchpoint(args, dir.path(), "", {{"TOUCHPOINT_TEST_CONSTRUCTOR_MARK", mark.string()}});
    }
};
}  // namespace

TEST_CASE("a project's plugin folder is refused unless --allow-project-plugins is given") {
    PlantedRepository repository("not_a_plugin");
    for (const std::string command : {"check", "fix", "baseline", "rules"}) {
        INFO(command);
        auto result = repository.run({command});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::StartsWith("touchpoint: error: ") &&
                                   Catch::EndsWith("touchpoint.xml:3:12: the project's plugin folder 'plug' is refused: a "
                                                   "project file loads code only when the command line says "
                                                   "--allow-project-plugins (see docs/ci.md)\n"));
        CHECK(result.out.empty());
        CHECK_FALSE(fs::exists(repository.mark));
    }
}

TEST_CASE("allowed, a project's library that is not a plugin is refused before any of its code runs") {
    for (const std::string library : {"not_a_plugin", "other_version", "old_api"}) {
        INFO(library);
        PlantedRepository repository(library);
        auto result = repository.run({"check", "--allow-project-plugins"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("refused "));
        CHECK_FALSE(fs::exists(repository.mark));
    }
}

TEST_CASE("allowed, a project's real plugin loads and checks") {
    PlantedRepository repository("faulty");
    auto result = repository.run({"check", "--allow-project-plugins", "--format", "json"});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("\"rule\": \"terminology.prefer\""));
    auto rules = repository.run({"rules", "--allow-project-plugins"});
    CHECK(rules.exit_code == 0);
    CHECK_THAT(rules.out, Catch::Contains("faulty.hello"));
}
