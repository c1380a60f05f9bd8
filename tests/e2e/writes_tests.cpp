// Writes never lose data: fix, baseline and --output through the one safe writer
// (docs/reliability.md, "Writing files").
#include "support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace touchpoint;
using test::run_touchpoint;
using test::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::string brand = R"(<brand name="Acme"><avoid term="cheap" suggest="affordable"/></brand>)";

struct stat stat_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info;
}

unsigned mode_of(const fs::path& path) {
    return stat_of(path).st_mode & 07777;
}

// Files of a folder that look like a temporary of the writer and are not planted links.
std::vector<std::string> temporaries_in(const fs::path& folder) {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(folder))
        if (entry.path().filename().string().find(".touchpoint-") != std::string::npos && !entry.is_symlink())
            found.push_back(entry.path().filename().string());
    return found;
}

// The process id the next child will most likely get, and a margin past it for the
// processes other programs start meanwhile.
std::vector<long> likely_next_pids() {
    long last = 0;
    std::ifstream("/proc/sys/kernel/ns_last_pid") >> last;
    std::vector<long> pids;
    for (long pid = last + 1; pid <= last + 2000; ++pid) pids.push_back(pid);
    return pids;
}

// Runs touchpoint under a file size limit with SIGXFSZ at its default, which ends a
// process that writes past the limit unless it ignores the signal.
test::CommandResult run_with_file_size_limit(rlim_t bytes, const std::vector<std::string>& args, const fs::path& cwd) {
    struct rlimit saved;
    getrlimit(RLIMIT_FSIZE, &saved);
    struct rlimit small = saved;
    small.rlim_cur = bytes;
    auto previous = std::signal(SIGXFSZ, SIG_DFL);
    setrlimit(RLIMIT_FSIZE, &small);
    auto result = run_touchpoint(args, cwd);
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    return result;
}

}  // namespace

TEST_CASE("a new baseline gets mode 0666 less the umask, never set-ID bits") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "cheap\n");
    for (auto [mask, expected] : {std::pair{mode_t(022), 0644u}, std::pair{mode_t(077), 0600u}}) {
        fs::remove(dir.path() / "touchpoint-baseline.json");
        mode_t previous = ::umask(mask);  // the child inherits it
        auto result = run_touchpoint({"baseline", "--brand", "brand.xml", "a.txt"}, dir.path());
        ::umask(previous);
        CHECK(result.exit_code == 0);
        CHECK(mode_of(dir.path() / "touchpoint-baseline.json") == expected);
    }
}

TEST_CASE("links planted at the old predictable temporary names are not followed") {
    ScratchDir dir, elsewhere;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "cheap\n");
    fs::path victim = elsewhere.write("victim", "precious\n");
    // The names the writers used before: NAME.touchpoint-tmp (--output) and
    // .NAME.touchpoint-PID (fix, baseline), for the process ids the runs may get.
    fs::create_symlink(victim, dir.path() / "report.json.touchpoint-tmp");
    auto checked = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--format", "json", "--output", "report.json"}, dir.path());
    for (long pid : likely_next_pids()) {
        for (std::string name : {"touchpoint-baseline.json", "a.txt"}) {
            fs::path link = dir.path() / ("." + name + ".touchpoint-" + std::to_string(pid));
            fs::remove(link);
            fs::create_symlink(victim, link);
        }
    }
    auto recorded = run_touchpoint({"baseline", "--brand", "brand.xml", "a.txt"}, dir.path());
    auto fixed = run_touchpoint({"fix", "--brand", "brand.xml", "a.txt"}, dir.path());
    CHECK(checked.exit_code == 0);
    CHECK(recorded.exit_code == 0);
    CHECK(fixed.exit_code == 0);
    CHECK(test::read_file(victim) == "precious\n");
    CHECK(fs::is_regular_file(fs::symlink_status(dir.path() / "report.json")));
    CHECK(test::read_file(dir.path() / "report.json").find("\"match\": \"cheap\"") != std::string::npos);
    CHECK(fs::is_regular_file(fs::symlink_status(dir.path() / "touchpoint-baseline.json")));
    CHECK(test::read_file(dir.path() / "a.txt") == "affordable\n");
    CHECK(temporaries_in(dir.path()).empty());
}

TEST_CASE("a target that is a symbolic link is written through; the link stays a link") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("drafts/a.txt", "cheap\n");
    fs::create_symlink("drafts/a.txt", dir.path() / "a.txt");
    dir.write("records/base.json", "{}");
    fs::create_symlink("records/base.json", dir.path() / "base.json");
    auto fixed = run_touchpoint({"fix", "--brand", "brand.xml", "a.txt"}, dir.path());
    CHECK(fixed.exit_code == 0);
    CHECK(fs::is_symlink(dir.path() / "a.txt"));
    CHECK(test::read_file(dir.path() / "drafts/a.txt") == "affordable\n");
    dir.write("drafts/a.txt", "cheap\n");
    auto recorded = run_touchpoint({"baseline", "--brand", "brand.xml", "a.txt", "--output", "base.json"}, dir.path());
    CHECK(recorded.exit_code == 0);
    CHECK(fs::is_symlink(dir.path() / "base.json"));
    CHECK(test::read_file(dir.path() / "records/base.json").find("\"fingerprints\"") != std::string::npos);
    CHECK(temporaries_in(dir.path()).empty());
    CHECK(temporaries_in(dir.path() / "drafts").empty());
    CHECK(temporaries_in(dir.path() / "records").empty());
}

TEST_CASE("an existing file keeps its owner, group and mode") {
    if (::geteuid() != 0) {
        WARN("not root: cannot give a file to another user");
        return;
    }
    ScratchDir dir;
    dir.write("brand.xml", brand);
    fs::path file = dir.write("a.txt", "cheap\n");
    REQUIRE(::chown(file.c_str(), 12345, 23456) == 0);
    REQUIRE(::chmod(file.c_str(), 02640) == 0);  // the set-group-ID bit too
    auto fixed = run_touchpoint({"fix", "--brand", "brand.xml", "a.txt"}, dir.path());
    CHECK(fixed.exit_code == 0);
    CHECK(test::read_file(file) == "affordable\n");
    CHECK(stat_of(file).st_uid == 12345);
    CHECK(stat_of(file).st_gid == 23456);
    CHECK(mode_of(file) == 02640);
}

TEST_CASE("fix leaves a read-only file untouched, says so, fixes the rest and exits 2") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    fs::path locked = dir.write("a.txt", "cheap\n");
    dir.write("b.txt", "cheap\n");
    REQUIRE(::chmod(locked.c_str(), 0444) == 0);  // root could write it: the mode says no
    auto result = run_touchpoint({"fix", "--brand", "brand.xml", "."}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "touchpoint: error: cannot write a.txt: it is read-only; the file is unchanged\n"
          "touchpoint: fixed 1 finding in 1 file; 1 file left unchanged\n");
    CHECK(test::read_file(locked) == "cheap\n");
    CHECK(mode_of(locked) == 0444);
    CHECK(test::read_file(dir.path() / "b.txt") == "affordable\n");
    CHECK(temporaries_in(dir.path()).empty());
}

TEST_CASE("--output over a file being checked, the brand file or the baseline is refused before checking, whatever the path to it") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("docs/a.md", "cheap\n");
    fs::create_symlink("docs/a.md", dir.path() / "link.md");
    fs::create_hard_link(dir.path() / "docs/a.md", dir.path() / "hard.md");
    for (std::string output : {"docs/a.md", "link.md", "hard.md", "./docs/../docs/a.md"}) {
        auto result = run_touchpoint({"check", "--brand", "brand.xml", "docs", "--output", output}, dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.err == "touchpoint: error: --output '" + output +
                                "' would replace docs/a.md, which this run reads; choose another file\n");
        CHECK(test::read_file(dir.path() / "docs/a.md") == "cheap\n");
    }
    auto baseline = run_touchpoint({"baseline", "--brand", "brand.xml", "docs", "--output", "hard.md"}, dir.path());
    CHECK(baseline.exit_code == 2);
    CHECK(test::read_file(dir.path() / "docs/a.md") == "cheap\n");
    auto brand_file = run_touchpoint({"check", "--brand", "brand.xml", "docs", "--output", "brand.xml"}, dir.path());
    CHECK(brand_file.exit_code == 2);
    CHECK(brand_file.err == "touchpoint: error: --output 'brand.xml' would replace brand.xml, which this run reads; choose another file\n");
    CHECK(test::read_file(dir.path() / "brand.xml") == brand);
    dir.write("base.json", R"({"version": 1, "fingerprints": {}})");
    auto over_baseline = run_touchpoint({"check", "--brand", "brand.xml", "docs", "--baseline", "base.json", "--output", "base.json"}, dir.path());
    CHECK(over_baseline.exit_code == 2);
    CHECK(over_baseline.err == "touchpoint: error: --output 'base.json' would replace the baseline 'base.json'; choose another file\n");
    CHECK(test::read_file(dir.path() / "base.json") == R"({"version": 1, "fingerprints": {}})");
    auto elsewhere = run_touchpoint({"check", "--brand", "brand.xml", "docs", "--output", "docs/report.txt"}, dir.path());
    CHECK(elsewhere.exit_code == 0);
    CHECK(test::read_file(dir.path() / "docs/report.txt").find("cheap") != std::string::npos);
    CHECK(temporaries_in(dir.path()).empty());
    CHECK(temporaries_in(dir.path() / "docs").empty());
}

TEST_CASE("a file size limit fails the write cleanly: the old file kept, no temporary left") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    std::string many;
    for (int i = 0; i < 300; ++i) many += "cheap words\n";
    dir.write("a.txt", many);
    dir.write("report.json", "the old report\n");
    auto report = run_with_file_size_limit(4096, {"check", "--brand", "brand.xml", "a.txt", "--format", "json", "--output", "report.json"},
                                           dir.path());
    CHECK(report.exit_code == 2);
    CHECK(report.err == "touchpoint: error: cannot write report.json: File too large; the file is unchanged\n");
    CHECK(test::read_file(dir.path() / "report.json") == "the old report\n");
    auto fixed = run_with_file_size_limit(1024, {"fix", "--brand", "brand.xml", "a.txt"}, dir.path());
    CHECK(fixed.exit_code == 2);
    CHECK(fixed.err ==
          "touchpoint: error: cannot write a.txt: File too large; the file is unchanged\n"
          "touchpoint: fixed 0 findings in 0 files; 1 file left unchanged\n");
    CHECK(test::read_file(dir.path() / "a.txt") == many);
    CHECK(temporaries_in(dir.path()).empty());
}

TEST_CASE("fix leaves a file that is not the user's to write untouched, even in a folder anyone may write") {
    if (::geteuid() != 0 || std::system("command -v setpriv > /dev/null") != 0) {
        WARN("needs root and setpriv to run touchpoint as another user");
        return;
    }
    ScratchDir dir;
    dir.write("brand.xml", brand);
    fs::path file = dir.write("a.txt", "cheap\n");  // root's, 0644
    fs::permissions(dir.path(), fs::perms::all);     // so the rename itself would be allowed
    std::string command = "cd '" + dir.path().string() + "' && setpriv --reuid=65534 --regid=65534 --clear-groups '" +
                          (test::binary_dir() / "bin" / "touchpoint").string() + "' fix --brand brand.xml a.txt 2> err.txt";
    int status = std::system(command.c_str());
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(test::read_file(dir.path() / "err.txt") ==
          "touchpoint: error: cannot write a.txt: you may not write it (Permission denied); the file is unchanged\n"
          "touchpoint: fixed 0 findings in 0 files; 1 file left unchanged\n");
    CHECK(test::read_file(file) == "cheap\n");
    CHECK(stat_of(file).st_uid == 0);
    CHECK(temporaries_in(dir.path()).empty());
}

TEST_CASE("--output leaves a read-only report, or an old report when the run fails, as it was") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "cheap\n");
    fs::path locked = dir.write("locked.json", "kept\n");
    REQUIRE(::chmod(locked.c_str(), 0444) == 0);
    auto refused = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--output", "locked.json"}, dir.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err == "touchpoint: error: cannot write locked.json: it is read-only; the file is unchanged\n");
    CHECK(test::read_file(locked) == "kept\n");
    dir.write("report.json", "the old report\n");
    auto failed = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "missing.txt", "--output", "report.json"}, dir.path());
    CHECK(failed.exit_code == 2);
    CHECK(test::read_file(dir.path() / "report.json") == "the old report\n");
    CHECK(temporaries_in(dir.path()).empty());
}
