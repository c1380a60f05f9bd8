// No silent gaps, no reads outside the tree, no input that ends the run: what the walk
// cannot or will not read is named and counted as skipped, and --strict fails on it.
#include "support.hpp"

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/Compress.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace touchpoint;
using test::run_touchpoint;
namespace fs = std::filesystem;

namespace {

const char* brand = R"(<brand name="Acme"><avoid term="cheap"/></brand>)";

// Runs a program; its standard input is the tests' own.
test::CommandResult run(const std::string& program, const std::vector<std::string>& args, const fs::path& cwd) {
    Poco::Pipe out_pipe, err_pipe;
    Poco::Process::Env environment{{"NO_COLOR", "1"}};
    Poco::ProcessHandle process = Poco::Process::launch(program, Poco::Process::Args(args.begin(), args.end()),
                                                        cwd.string(), nullptr, &out_pipe, &err_pipe, environment);
    test::CommandResult result;
    std::thread err_reader([&] {
        Poco::PipeInputStream stream(err_pipe);
        Poco::StreamCopier::copyToString(stream, result.err);
    });
    Poco::PipeInputStream out_stream(out_pipe);
    Poco::StreamCopier::copyToString(out_stream, result.out);
    err_reader.join();
    result.exit_code = process.wait();
    return result;
}

std::string touchpoint_binary() { return (test::binary_dir() / "bin" / "touchpoint").string(); }

// Runs touchpoint as the unprivileged user `nobody` (through setpriv) when the tests run
// as root, whom file permissions do not stop; as the user running the tests otherwise.
test::CommandResult run_unprivileged(const std::vector<std::string>& args, const fs::path& cwd) {
    if (geteuid() != 0) return run(touchpoint_binary(), args, cwd);
    std::vector<std::string> command{"--reuid=65534", "--regid=65534", "--clear-groups", touchpoint_binary()};
    command.insert(command.end(), args.begin(), args.end());
    return run("setpriv", command, cwd);
}

// Runs `touchpoint ARGS < FILE` (a file, so that touchpoint may stop reading early
// without failing a writer on the other end of a pipe).
test::CommandResult run_with_input_file(const std::string& args, const std::string& file, const fs::path& cwd) {
    return run("sh", {"-c", "exec '" + touchpoint_binary() + "' " + args + " < " + file}, cwd);
}

std::string xlsx(const std::string& rows) {
    std::string ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    std::string shared = "<sst " + ns + "><si><t>Message</t></si><si><t>Cheap exit</t></si></sst>";
    std::string sheet = "<worksheet " + ns + "><sheetData>" + rows + "</sheetData></worksheet>";
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    for (const auto& [name, content] : {std::pair{"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet1.xml", sheet}}) {
        std::istringstream in(content);
        compress.addFile(in, Poco::DateTime(2026, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX));
    }
    compress.close();
    return out.str();
}

}  // namespace

// The walk skipped folders it could not open (skip_permission_denied): "0 files checked",
// exit 0, for a folder nobody could read.
TEST_CASE("[gaps] an unreadable folder is named and counted as skipped; --strict makes that exit 2") {
    test::ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("locked/a.md", "cheap\n");
    dir.write("open.md", "fine\n");
    fs::permissions(dir.path() / "locked", fs::perms::none);
    auto result = run_unprivileged({"check", "--brand", "brand.xml", "."}, dir.path());
    auto json = run_unprivileged({"check", "--brand", "brand.xml", ".", "--format", "json"}, dir.path());
    auto strict = run_unprivileged({"check", "--brand", "brand.xml", ".", "--strict"}, dir.path());
    fs::permissions(dir.path() / "locked", fs::perms::owner_all);
    CHECK(result.exit_code == 0);
    CHECK(result.err == "touchpoint: warning: skipped locked: cannot read the folder (Permission denied)\n");
    CHECK(result.out == "1 file checked, 1 skipped: no findings.\nOn-promise score 100 (pass mark 80): every touchpoint passes.\n");
    CHECK(json.out.find("\"suppressed\": 0, \"skipped\": 1, ") != std::string::npos);
    CHECK(strict.exit_code == 2);
    CHECK(strict.err == "touchpoint: warning: skipped locked: cannot read the folder (Permission denied)\n"
                        "touchpoint: error: 1 input was skipped (--strict)\n");
}

TEST_CASE("[gaps] every kind of skip counts, and --strict exits 2 on any of them") {
    test::ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("binary.md", std::string("a\0b", 3));
    dir.write("fine.md", "fine\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", ".", "--format", "github"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "touchpoint: 1 file checked, 1 skipped: no findings. On-promise score 100 (pass mark 80): every touchpoint passes.\n");
    auto strict = run_touchpoint({"check", "--brand", "brand.xml", ".", "--strict"}, dir.path());
    CHECK(strict.exit_code == 2);
    CHECK(strict.out == "1 file checked, 1 skipped: no findings.\nOn-promise score 100 (pass mark 80): every touchpoint passes.\n");
    auto clean = run_touchpoint({"check", "--brand", "brand.xml", "fine.md", "--strict"}, dir.path());
    CHECK(clean.exit_code == 0);
    CHECK(clean.err.empty());
    auto misplaced = run_touchpoint({"fix", "--brand", "brand.xml", "--strict"}, dir.path());
    CHECK(misplaced.exit_code == 2);
    CHECK(misplaced.err == "touchpoint: error: --strict goes with 'touchpoint check'\n");
}

// `check -` read all of standard input whatever --max-file-size said.
TEST_CASE("[gaps] standard input over --max-file-size is skipped, not read whole") {
    test::ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("big.txt", "cheap " + std::string(2u << 20, 'a'));
    auto result = run_with_input_file("check - --brand brand.xml --max-file-size 1 --format json", "big.txt", dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err == "touchpoint: warning: skipped <stdin>: it is over the 1 MiB limit (--max-file-size)\n");
    CHECK(result.out.find("\"findings\": []") != std::string::npos);
    CHECK(result.out.find("\"skipped\": 1, ") != std::string::npos);
    auto within = run_touchpoint({"check", "-", "--brand", "brand.xml", "--max-file-size", "1"}, dir.path(),
                                 std::string((1u << 20) - 6, ' ') + "cheap\n");
    CHECK(within.err.empty());
    CHECK(within.out.find("1 file checked: 1 finding") != std::string::npos);
}

// A link to /etc/passwd inside a checked folder was read, and its words quoted in findings.
TEST_CASE("[gaps] a symbolic link leading out of the folder checked is not followed; one named is read") {
    test::ScratchDir outside, dir;
    fs::path secret = outside.write("secret.txt", "cheap secret\n");
    outside.write("folder/more.md", "cheap more\n");
    dir.write("brand.xml", brand);
    dir.write("site/page.md", "fine\n");
    dir.write("site/real/inner.md", "cheap inner\n");
    fs::create_symlink(secret, dir.path() / "site" / "leak.txt");
    fs::create_symlink(outside.path() / "folder", dir.path() / "site" / "elsewhere");
    fs::create_symlink(dir.path() / "site" / "real" / "inner.md", dir.path() / "site" / "alias.md");
    fs::create_symlink(dir.path() / "site" / "missing.md", dir.path() / "site" / "dangling.md");
    fs::create_symlink(dir.path() / "site" / "real", dir.path() / "site" / "again");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "site", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("secret") == std::string::npos);
    CHECK(result.out.find("more") == std::string::npos);
    CHECK(result.out.find("\"file\": \"site/alias.md\"") != std::string::npos);      // leads inside: read
    CHECK(result.out.find("\"file\": \"site/real/inner.md\"") != std::string::npos);
    CHECK(result.out.find("site/again") == std::string::npos);  // a folder inside, walked as itself
    CHECK(result.out.find("\"files\": 3,") != std::string::npos);
    CHECK(result.out.find("\"skipped\": 3, ") != std::string::npos);
    CHECK(result.err ==
          "touchpoint: warning: skipped site/dangling.md: a symbolic link that leads nowhere (No such file or directory)\n"
          "touchpoint: warning: skipped site/elsewhere: a symbolic link to " + (outside.path() / "folder").string() +
              ", outside the folder checked; not followed\n"
          "touchpoint: warning: skipped site/leak.txt: a symbolic link to " + secret.string() +
              ", outside the folder checked; not followed\n");
    auto named = run_touchpoint({"check", "--brand", "brand.xml", "site/leak.txt"}, dir.path());
    CHECK(named.err.empty());
    CHECK(named.out.find("cheap secret") != std::string::npos);
}

// A line per row number was allocated: row 1,000,000,000 took about 21 GB and ended the
// run with bad_alloc (exit 134), --isolate or not.
TEST_CASE("[gaps] a spreadsheet row numbered a billion is checked and reported at that row") {
    test::ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("signs.xlsx", xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                                 "<row r=\"1000000000\"><c r=\"A1000000000\" t=\"s\"><v>1</v></c></row>"));
    dir.write("bad-index.xlsx", xlsx("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                                     "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>-5</v></c></row>"));
    for (bool isolate : {false, true}) {
        std::vector<std::string> args{"check", "--brand", "brand.xml", ".", "--format", "json"};
        if (isolate) args.push_back("--isolate");
        auto result = run_touchpoint(args, dir.path());
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("\"file\": \"signs.xlsx\",\n      \"line\": 1000000000, \"column\": 1") != std::string::npos);
        CHECK(result.err ==
              "touchpoint: warning: skipped bad-index.xlsx: cell A2 refers to shared string '-5', which is not a string number\n");
    }
}

// The depth check counted every start tag without its end tag: valid legacy HTML that
// leaves paragraphs, list items and cells (and a <font> in each) open was refused as
// "nests deeper than 4096".
TEST_CASE("[gaps] legacy HTML with thousands of unclosed paragraphs, items and cells is read") {
    test::ScratchDir dir;
    dir.write("brand.xml", brand);
    std::string legacy = "<html><body>";
    for (int i = 0; i < 5000; ++i) legacy += "<p>Paragraph";
    legacy += "<ul>";
    for (int i = 0; i < 5000; ++i) legacy += "<li>Item";
    legacy += "</ul><table>";
    for (int i = 0; i < 5000; ++i) legacy += "<tr><td>Cell<td><font color=red>Cell";
    legacy += "</table><p>cheap at the end";
    dir.write("legacy.html", legacy);
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<div>";
    dir.write("deep.html", deep + "cheap");
    std::string stray;
    for (int i = 0; i < 5000; ++i) stray += "<div></span><b></i>";
    dir.write("stray.html", stray + "cheap");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", ".", "--format", "json"}, dir.path());
    CHECK(result.out.find("\"file\": \"legacy.html\"") != std::string::npos);
    CHECK(result.err == "touchpoint: warning: skipped deep.html: its elements nest deeper than 4096 levels\n"
                        "touchpoint: warning: skipped stray.html: its elements nest deeper than 4096 levels\n");
}

// Each star tried every split of the rest: this project file's ignore glob took hours.
TEST_CASE("[gaps] pathological ignore globs in a project file are matched at once") {
    test::ScratchDir dir;
    dir.write("brand.xml", brand);
    std::string stars;
    for (int i = 0; i < 16; ++i) stars += "**/";
    dir.write("touchpoint.xml", "<touchpoint><brand file=\"brand.xml\"/><ignore>*a*a*a*a*a*a*a*a*a*a*a*a*b</ignore>"
                                "<ignore>" + stars + "x.md</ignore></touchpoint>");
    std::string deep;
    for (int i = 0; i < 40; ++i) deep += "d/";
    dir.write(deep + std::string(60, 'a') + ".md", "cheap\n");
    auto result = run_touchpoint({"check", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("\"files\": 1, \"findings\": 1,") != std::string::npos);
}
