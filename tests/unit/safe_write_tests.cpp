// The safe writer and fix's use of it: what is left when a write cannot be completed.
#include "actions/fix.hpp"
#include "actions/safe_write.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace touchpoint;
using test::ScratchDir;
namespace fs = std::filesystem;

namespace {

size_t entries_in(const fs::path& folder) {
    return size_t(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

// A report of "cheap" at the start of the file, to be replaced by "affordable".
FileReport cheap_at_start(const fs::path& file) {
    ReportedFinding finding;
    finding.match = "cheap";
    finding.suggestions = {"affordable"};
    finding.exact = true;
    finding.source_begin = 0;
    finding.source_end = 5;
    FileReport report;
    report.path = file.string();
    report.channel = "marketing";
    report.findings.push_back(finding);
    report.format = Format::plain_text;
    return report;
}

}  // namespace

TEST_CASE("a file written whole replaces the target; one abandoned leaves it and no temporary", "[safe_write]") {
    ScratchDir dir;
    fs::path target = dir.write("a.txt", "old\n");
    {
        AtomicFile file(target.string());
        file.stream() << "half of the new";
        CHECK(entries_in(dir.path()) == 2);  // the target and the temporary beside it
    }
    CHECK(test::read_file(target) == "old\n");
    CHECK(entries_in(dir.path()) == 1);
    write_file_safely(target.string(), "new\n");
    CHECK(test::read_file(target) == "new\n");
    CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a file whose name is as long as a name may be is written", "[safe_write]") {
    ScratchDir dir;
    fs::path target = dir.write(std::string(251, 'n') + ".txt", "old\n");
    write_file_safely(target.string(), "new\n");
    CHECK(test::read_file(target) == "new\n");
    CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("a target changed since it was read is left as it was", "[safe_write]") {
    ScratchDir dir;
    fs::path target = dir.write("a.txt", "as read\n");
    AtomicFile file(target.string());
    file.stream() << "fixed\n";
    dir.write("a.txt", "as edited meanwhile\n");
    CHECK_THROWS_WITH(file.commit(std::string_view("as read\n")),
                      "cannot write " + target.string() + ": it changed since it was read; the file is unchanged");
    CHECK(test::read_file(target) == "as edited meanwhile\n");
    CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("fix leaves a file changed between its read and its write untouched", "[safe_write]") {
    ScratchDir dir;
    fs::path file = dir.write("a.txt", "cheap care\n");
    std::optional<PlannedFix> plan = plan_fix(cheap_at_start(file));
    REQUIRE(plan);
    CHECK(plan->fixed == "affordable care\n");
    dir.write("a.txt", "cheap care, and a sentence typed meanwhile\n");
    CHECK_THROWS_AS(apply_fix(*plan), WriteError);
    CHECK(test::read_file(file) == "cheap care, and a sentence typed meanwhile\n");
    CHECK(entries_in(dir.path()) == 1);
    plan = plan_fix(cheap_at_start(file));
    REQUIRE(plan);
    apply_fix(*plan);
    CHECK(test::read_file(file) == "affordable care, and a sentence typed meanwhile\n");
}

TEST_CASE("a link to nothing, a folder, a device and a missing folder are refused, naming the file", "[safe_write]") {
    ScratchDir dir;
    fs::create_symlink("nowhere.txt", dir.path() / "dangling.txt");
    fs::create_directory(dir.path() / "folder");
    std::string dangling = (dir.path() / "dangling.txt").string();
    CHECK_THROWS_WITH(AtomicFile(dangling), Catch::StartsWith("cannot write " + dangling + ": it is a symbolic link to nothing"));
    CHECK_FALSE(fs::exists(dir.path() / "nowhere.txt"));
    std::string folder = (dir.path() / "folder").string();
    CHECK_THROWS_WITH(AtomicFile(folder), "cannot write " + folder + ": it is a folder; the file is unchanged");
    CHECK_THROWS_WITH(AtomicFile("/dev/null"), "cannot write /dev/null: it is not a regular file; the file is unchanged");
    std::string missing = (dir.path() / "no/such/report.json").string();
    CHECK_THROWS_WITH(AtomicFile(missing), "cannot write " + missing + ": No such file or directory; nothing was written");
    CHECK(entries_in(dir.path()) == 2);
}

TEST_CASE("a file's identity holds through links and odd paths", "[safe_write]") {
    ScratchDir dir;
    fs::path file = dir.write("docs/a.md", "x");
    fs::create_symlink("docs/a.md", dir.path() / "link.md");
    CHECK(FileIdentity(dir.path() / "link.md").is(file));
    CHECK(FileIdentity(dir.path() / "docs/../docs/a.md").is(file));
    CHECK_FALSE(FileIdentity(dir.path() / "docs/b.md").is(file));
    CHECK(FileIdentity(dir.path() / "docs/../docs/b.md").is(dir.path() / "docs/b.md"));  // neither there yet
}
