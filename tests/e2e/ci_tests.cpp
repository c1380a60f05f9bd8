// What CI and editors use: fix, baselines, changed files, report formats' column units.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <sys/resource.h>
#include <unistd.h>

using namespace touchpoint;
using test::run_touchpoint;
using test::ScratchDir;

namespace {
const std::string brand = R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/>
  <avoid term="cheap" suggest="affordable"/><avoid term="bad"/><avoid term="guarantee" suggest="promise|pledge"/></brand>)";
}

TEST_CASE("fix applies unambiguous suggestions atomically, keeping the byte-order mark and line endings") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "\xEF\xBB\xBFOur Customers love\r\ncheap care and bad food.\r\n");
    dir.write("b.md", "# Title\n\nA customer, `cheap` code.\n");
    dir.write("c.html", "<p>cheap</p>\n");
    auto dry = run_touchpoint({"fix", "--brand", "brand.xml", ".", "--dry-run"}, dir.path());
    CHECK(dry.exit_code == 0);
    CHECK(dry.out == "--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n-\xEF\xBB\xBFOur Customers love\r\n+\xEF\xBB\xBFOur Patients love\r\n"
                     "-cheap care and bad food.\r\n+affordable care and bad food.\r\n"
                     "--- a/b.md\n+++ b/b.md\n@@ -1,3 +1,3 @@\n # Title\n \n-A customer, `cheap` code.\n+A patient, `cheap` code.\n");
    // The HTML file's finding is named, not left in silence.
    CHECK(dry.err == "touchpoint: left c.html:1:4 'cheap' as it is: fix rewrites Markdown and plain-text files only; write 'affordable' by hand\ntouchpoint: would fix 3 findings in 2 files\n");
    CHECK(test::read_file(dir.path() / "a.txt") == "\xEF\xBB\xBFOur Customers love\r\ncheap care and bad food.\r\n");
    auto fixed = run_touchpoint({"fix", "--brand", "brand.xml", "."}, dir.path());
    CHECK(fixed.exit_code == 0);
    CHECK(test::read_file(dir.path() / "a.txt") == "\xEF\xBB\xBFOur Patients love\r\naffordable care and bad food.\r\n");
    CHECK(test::read_file(dir.path() / "b.md") == "# Title\n\nA patient, `cheap` code.\n");
    CHECK(test::read_file(dir.path() / "c.html") == "<p>cheap</p>\n");  // not a text or Markdown file
    auto again = run_touchpoint({"fix", "--brand", "brand.xml", "."}, dir.path());
    CHECK(again.err == "touchpoint: left c.html:1:4 'cheap' as it is: fix rewrites Markdown and plain-text files only; write 'affordable' by hand\ntouchpoint: fixed 0 findings in 0 files\n");
}

TEST_CASE("of overlapping fixes only one is applied") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/>
      <avoid pattern="customer service" suggest="patient support"/></brand>)");
    dir.write("a.txt", "Call customer service today.\n");
    auto result = run_touchpoint({"fix", "--brand", "brand.xml", "a.txt"}, dir.path());
    CHECK(result.err.ends_with(" as it is: it overlaps another fix; run fix again to apply it\n"
                               "touchpoint: fixed 1 finding in 1 file\n"));
    std::string fixed = test::read_file(dir.path() / "a.txt");
    CHECK((fixed == "Call patient service today.\n" || fixed == "Call patient support today.\n"));
}

TEST_CASE("fix leaves a file it cannot write unchanged") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    std::string content = "cheap\n" + std::string(16384, 'x') + "\n";
    dir.write("a.txt", content);
    // The child inherits a file size limit that fails the write midway (root too).
    struct rlimit saved;
    getrlimit(RLIMIT_FSIZE, &saved);
    struct rlimit small = saved;
    small.rlim_cur = 4096;
    auto previous = std::signal(SIGXFSZ, SIG_IGN);
    setrlimit(RLIMIT_FSIZE, &small);
    auto result = run_touchpoint({"fix", "--brand", "brand.xml", "a.txt"}, dir.path());
    setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::StartsWith("touchpoint: error: cannot write a.txt: "));
    CHECK_THAT(result.err, Catch::Contains("; the file is unchanged\n"));
    CHECK(test::read_file(dir.path() / "a.txt") == content);
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
        CHECK_FALSE(entry.path().filename().string().find(".touchpoint-") != std::string::npos);  // no temporary left
}

TEST_CASE("a baseline keeps old findings out of the report, even when lines move") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "bad one\nbad two\n");
    auto recorded = run_touchpoint({"baseline", "--brand", "brand.xml", "a.txt", "--output", "base.json"}, dir.path());
    CHECK(recorded.exit_code == 0);
    CHECK(recorded.err == "touchpoint: recorded 2 findings in base.json\n");
    dir.write("a.txt", "New first line.\n\nbad two\nbad one\nbad three\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--baseline", "base.json", "--format", "json"}, dir.path());
    CHECK(result.out.find("\"match\": \"bad\"") != std::string::npos);
    CHECK(result.out.find("\"line\": 5,") != std::string::npos);
    CHECK(result.out.find("\"findings\": 1,") != std::string::npos);
    auto missing = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--baseline", "nope.json"}, dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "touchpoint: error: cannot read the baseline 'nope.json'\n");
}

TEST_CASE("--changed-since checks only what git says changed, and new files") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("old.txt", "bad\n");
    dir.write("edited.txt", "fine\n");
    std::string git = "cd '" + dir.path().string() + "' && git init -q && git add -A && git -c user.email=t@t -c user.name=t commit -qm one";
    REQUIRE(std::system(git.c_str()) == 0);
    dir.write("edited.txt", "bad\n");
    dir.write("new.txt", "bad\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", ".", "--changed-since", "HEAD", "--format", "json"}, dir.path());
    CHECK(result.out.find("\"file\": \"edited.txt\"") != std::string::npos);
    CHECK(result.out.find("\"file\": \"new.txt\"") != std::string::npos);
    CHECK(result.out.find("old.txt") == std::string::npos);
    auto bad = run_touchpoint({"check", "--brand", "brand.xml", ".", "--changed-since", "nosuchrev"}, dir.path());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "touchpoint: error: git diff failed: fatal: bad revision 'nosuchrev'\n");
}

TEST_CASE("each format counts columns in its consumer's unit") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "Café 😀 customer here.\n");  // é: 2 bytes, 1 UTF-16 unit; 😀: 4 bytes, 2 units
    auto column = [&](const std::string& format, const std::string& key) {
        auto out = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--format", format}, dir.path()).out;
        size_t at = out.find(key);
        REQUIRE(at != std::string::npos);
        return std::stoi(out.substr(at + key.size()));
    };
    CHECK(column("json", "\"column\": ") == 8);        // code points
    CHECK(column("json", "\"end_column\": ") == 15);   // the last character, inclusive
    CHECK(column("sarif", "\"startColumn\": ") == 8);  // code points, as columnKind says
    CHECK(column("sarif", "\"endColumn\": ") == 16);   // exclusive
    CHECK(column("checkstyle", "column=\"") == 8);
    CHECK(column("github", "col=") == 9);              // UTF-16 code units
    CHECK(column("github", "endColumn=") == 16);
    CHECK(column("rdjson", "\"start\": { \"line\": 1, \"column\": ") == 12);  // UTF-8 bytes
    CHECK(column("rdjson", "\"end\": { \"line\": 1, \"column\": ") == 20);
}

TEST_CASE("fix never rewrites a brand name to match the words' common spelling elsewhere") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Bayside Smiles &amp; Urgent Care"><name canonical="Bayside Smiles &amp; Urgent Care"/></brand>)");
    const std::string named = "Our patients trust Bayside Smiles & Urgent Care for friendly dental and medical treatment.\n"
                              "Families choose Bayside Smiles & Urgent Care because nurses there listen carefully.\n";
    dir.write("a.md", named);
    dir.write("b.md", "Come to urgent care tonight. Our urgent care team helps. Find urgent care near you.\n");
    auto check = run_touchpoint({"check", "--brand", "brand.xml", "."}, dir.path());
    CHECK(check.out.find("consistency") == std::string::npos);
    auto fixed = run_touchpoint({"fix", "--brand", "brand.xml", "."}, dir.path());
    CHECK(fixed.err == "touchpoint: fixed 0 findings in 0 files\n");
    CHECK(test::read_file(dir.path() / "a.md") == named);
}

TEST_CASE("fix names every finding it leaves as it is, with the reason") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="Q&amp;A" suggest="questions"/></brand>)");
    dir.write("a.md", "Ask at Q&amp;A here.\n");
    auto result = run_touchpoint({"fix", "--brand", "brand.xml", "a.md"}, dir.path());
    CHECK(result.err == "touchpoint: left a.md:1:8 'Q&A' as it is: the file writes it with markup or an entity; "
                        "write 'questions' there by hand\ntouchpoint: fixed 0 findings in 0 files\n");
    CHECK(test::read_file(dir.path() / "a.md") == "Ask at Q&amp;A here.\n");
}
