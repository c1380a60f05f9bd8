// touchpoint fix on real scratch files: what it rewrites, what it leaves and says why,
// its dry-run diff, and what it keeps of the file (mode, byte-order mark, line endings).
#include "actions/fix.hpp"
#include "actions/safe_write.hpp"
#include "formats/formats.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

using namespace touchpoint;
using test::ScratchDir;
namespace fs = std::filesystem;

namespace {

// A finding of `match` where it first stands in `source` at or after `from`, with one
// suggestion, exact and fixable as the engine reports a plain word.
ReportedFinding finding(const fs::path& file, const std::string& source, const std::string& match,
                        const std::string& suggestion, size_t from = 0) {
    size_t at = source.find(match, from);
    REQUIRE(at != std::string::npos);
    ReportedFinding f;
    f.file = file.string();
    f.rule = "terminology.avoid";
    f.match = match;
    f.suggestions = {suggestion};
    f.source_begin = uint32_t(at);
    f.source_end = uint32_t(at + match.size());
    f.exact = true;
    int line = 1 + int(std::count(source.begin(), source.begin() + long(at), '\n'));
    size_t line_start = source.rfind('\n', at);
    int column = 1 + int(at - (line_start == std::string::npos ? 0 : line_start + 1));
    f.begin = {line, column};
    f.end = {line, column + int(match.size()) - 1};
    return f;
}

// A report as the engine makes it: fix goes by the format loading read the file as.
FileReport report_of(const fs::path& file, std::vector<ReportedFinding> findings) {
    FileReport report;
    report.path = file.string();
    report.channel = "marketing";
    report.findings = std::move(findings);
    report.format = format_of(file);
    return report;
}

}  // namespace

TEST_CASE("fix: a finding with one exact, fixable suggestion is applied", "[fix]") {
    ScratchDir dir;
    std::string source = "# Care\n\nWe offer cheap care, and cheap parking.\n";
    fs::path file = dir.write("a.md", source);
    std::ostringstream diff;
    std::vector<std::string> left;
    size_t fixes = fix_file(report_of(file, {finding(file, source, "cheap", "affordable"),
                                             finding(file, source, "cheap", "low-cost", 30)}),
                            false, diff, &left);
    CHECK(fixes == 2);
    CHECK(test::read_file(file) == "# Care\n\nWe offer affordable care, and low-cost parking.\n");
    CHECK(diff.str().empty());
    CHECK(left.empty());
}

TEST_CASE("fix: a suggestion for a person is left, and `left` says why", "[fix]") {
    ScratchDir dir;
    std::string source = "We guarantee results.\n";
    fs::path file = dir.write("a.txt", source);
    ReportedFinding unfixable = finding(file, source, "guarantee", "aim for");
    unfixable.fixable = false;
    ReportedFinding markup = finding(file, source, "results", "outcomes");
    markup.exact = false;
    std::ostringstream diff;
    std::vector<std::string> left;
    CHECK(fix_file(report_of(file, {unfixable, markup}), false, diff, &left) == 0);
    CHECK(test::read_file(file) == source);
    CHECK(left == std::vector<std::string>{
                      file.string() + ":1:4 'guarantee' as it is: put 'aim for' in its form by hand",
                      file.string() + ":1:14 'results' as it is: the file writes it with markup or an entity; "
                                      "write 'outcomes' there by hand"});
}

TEST_CASE("fix: no single suggestion, or one equal to the match, is nothing to fix and nothing to say", "[fix]") {
    ScratchDir dir;
    std::string source = "Cheap care.\n";
    fs::path file = dir.write("a.md", source);
    ReportedFinding two = finding(file, source, "Cheap", "Affordable");
    two.suggestions.push_back("Low-cost");
    ReportedFinding same = finding(file, source, "care", "care");
    ReportedFinding none = finding(file, source, "care", "x");
    none.suggestions.clear();
    std::vector<std::string> left;
    CHECK_FALSE(plan_fix(report_of(file, {two, same, none}), &left));
    CHECK(left.empty());
}

TEST_CASE("fix: a whole-document suggestion is left for a person", "[fix]") {
    ScratchDir dir;
    std::string source = "Text.\n";
    fs::path file = dir.write("a.md", source);
    ReportedFinding f = finding(file, source, "Text", "a call to action");
    f.whole_document = true;
    f.rule = "pillars.missing";
    std::vector<std::string> left;
    CHECK_FALSE(plan_fix(report_of(file, {f}), &left));
    CHECK(left == std::vector<std::string>{file.string() + " (pillars.missing, the whole document) as it is: it is about "
                                                           "the whole document; work 'a call to action' in where it fits by hand"});
}

TEST_CASE("fix: a dry run writes a unified diff and leaves the file as it was", "[fix]") {
    ScratchDir dir;
    std::string source;
    for (int i = 1; i <= 20; ++i) source += "Line " + std::to_string(i) + (i == 5 || i == 18 ? " is cheap.\n" : ".\n");
    fs::path file = dir.write("a.md", source);
    std::ostringstream diff;
    size_t fixes = fix_file(report_of(file, {finding(file, source, "cheap", "affordable"),
                                             finding(file, source, "cheap", "fair", source.find("Line 18"))}),
                            true, diff, nullptr);
    CHECK(fixes == 2);
    CHECK(test::read_file(file) == source);
    // Two hunks, three lines of context each side: the changes are 13 lines apart.
    CHECK(diff.str() == "--- a/" + file.string() + "\n+++ b/" + file.string() + "\n" +
                            "@@ -2,7 +2,7 @@\n Line 2.\n Line 3.\n Line 4.\n-Line 5 is cheap.\n+Line 5 is affordable.\n"
                            " Line 6.\n Line 7.\n Line 8.\n"
                            "@@ -15,6 +15,6 @@\n Line 15.\n Line 16.\n Line 17.\n-Line 18 is cheap.\n+Line 18 is fair.\n"
                            " Line 19.\n Line 20.\n");
}

TEST_CASE("fix: a dry-run diff marks a last line without a newline", "[fix]") {
    ScratchDir dir;
    std::string source = "Cheap care";
    fs::path file = dir.write("a.txt", source);
    std::ostringstream diff;
    CHECK(fix_file(report_of(file, {finding(file, source, "Cheap", "Affordable")}), true, diff) == 1);
    CHECK(diff.str().ends_with("@@ -1,1 +1,1 @@\n-Cheap care\n\\ No newline at end of file\n"
                               "+Affordable care\n\\ No newline at end of file\n"));
}

TEST_CASE("fix: of two overlapping fixes the first is applied, the other left to a second run", "[fix]") {
    ScratchDir dir;
    std::string source = "A world class care team.\n";
    fs::path file = dir.write("a.md", source);
    std::vector<std::string> left;
    std::ostringstream diff;
    CHECK(fix_file(report_of(file, {finding(file, source, "class care", "care"),
                                    finding(file, source, "world class", "world-class")}),
                   false, diff, &left) == 1);
    CHECK(test::read_file(file) == "A world-class care team.\n");
    REQUIRE(left.size() == 1);
    CHECK(left[0] == file.string() + ":1:9 'class care' as it is: it overlaps another fix; run fix again to apply it");
}

TEST_CASE("fix: a match no longer where it was checked is left, naming the change", "[fix]") {
    ScratchDir dir;
    std::string source = "We offer cheap care.\n";
    fs::path file = dir.write("a.md", source);
    FileReport report = report_of(file, {finding(file, source, "cheap", "affordable")});
    dir.write("a.md", "Now we offer cheap care.\n");  // edited after the check
    std::vector<std::string> left;
    std::ostringstream diff;
    CHECK(fix_file(report, false, diff, &left) == 0);
    CHECK(test::read_file(file) == "Now we offer cheap care.\n");
    CHECK(left == std::vector<std::string>{file.string() +
                                           ":1:10 'cheap' as it is: the file changed since it was checked; run fix again"});
    // Cut short before the match's end: the same, not a read past the end.
    dir.write("a.md", "We offer");
    left.clear();
    CHECK(fix_file(report, false, diff, &left) == 0);
    CHECK(left.size() == 1);
}

TEST_CASE("fix: an edit elsewhere in the file is kept; only the match must still stand", "[fix]") {
    ScratchDir dir;
    std::string source = "We offer cheap care.\n";
    fs::path file = dir.write("a.md", source);
    FileReport report = report_of(file, {finding(file, source, "cheap", "affordable")});
    dir.write("a.md", "We offer cheap care.\nA line added since.\n");
    std::ostringstream diff;
    CHECK(fix_file(report, false, diff) == 1);
    CHECK(test::read_file(file) == "We offer affordable care.\nA line added since.\n");
}

TEST_CASE("fix: the file's mode, byte-order mark and CRLF endings are kept", "[fix]") {
    ScratchDir dir;
    std::string decoded = "Title\r\n\r\nCheap care.\r\n";
    fs::path file = dir.write("a.txt", "\xEF\xBB\xBF" + decoded);
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    // Offsets are in the decoded source, without the byte-order mark.
    std::ostringstream diff;
    CHECK(fix_file(report_of(file, {finding(file, decoded, "Cheap", "Affordable")}), false, diff) == 1);
    CHECK(test::read_file(file) == "\xEF\xBB\xBFTitle\r\n\r\nAffordable care.\r\n");
    CHECK((fs::status(file).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
}

TEST_CASE("fix: a read-only file is refused with WriteError and left alone", "[fix]") {
    if (geteuid() == 0) {
        WARN("skipped: root writes read-only files");
        return;
    }
    ScratchDir dir;
    std::string source = "Cheap care.\n";
    fs::path file = dir.write("a.md", source);
    fs::permissions(file, fs::perms::owner_read);
    std::ostringstream diff;
    CHECK_THROWS_AS(fix_file(report_of(file, {finding(file, source, "Cheap", "Affordable")}), false, diff), WriteError);
    CHECK(test::read_file(file) == source);
}

TEST_CASE("fix: formats fix does not rewrite are left, each finding named", "[fix]") {
    ScratchDir dir;
    std::string html = "<p>Cheap care.</p>\n";
    fs::path page = dir.write("a.html", html);
    std::vector<std::string> left;
    CHECK_FALSE(plan_fix(report_of(page, {finding(page, html, "Cheap", "Affordable")}), &left));
    CHECK(left == std::vector<std::string>{page.string() + ":1:4 'Cheap' as it is: fix rewrites Markdown and "
                                                           "plain-text files only; write 'Affordable' by hand"});
    CHECK(test::read_file(page) == html);
    // UTF-16 Markdown: the offsets of the decoded text are not the file's.
    std::string utf16("\xFF\xFE" "C\0h\0e\0a\0p\0", 12);
    fs::path wide = dir.write("b.md", utf16);
    left.clear();
    CHECK_FALSE(plan_fix(report_of(wide, {finding(wide, "Cheap", "Cheap", "Affordable")}), &left));
    CHECK(left == std::vector<std::string>{wide.string() + ":1:1 'Cheap' as it is: fix does not rewrite UTF-16 files; "
                                                           "write 'Affordable' by hand"});
    CHECK(test::read_file(wide) == utf16);
}

// A term wrapped across a line break in a plain-text file ("risk\nfree" for the brand's
// avoid term "risk free" -> "low-risk", as a real check reports it) is fixed by joining
// the two lines; the dry run says it would fix it, so it must show the change too.
TEST_CASE("fix: a dry run shows a fix that joins two lines", "[fix]") {
    ScratchDir dir;
    std::string source = "Our procedure is risk\nfree for you.\n\nCall us today.\n";
    fs::path file = dir.write("a.txt", source);
    FileReport report = report_of(file, {finding(file, source, "risk\nfree", "low-risk")});
    std::ostringstream diff;
    CHECK(fix_file(report, true, diff) == 1);
    CHECK(test::read_file(file) == source);
    CHECK(diff.str().find("+Our procedure is low-risk for you.\n") != std::string::npos);
    // Applied for real, the fix is made: only the dry run is silent.
    CHECK(fix_file(report, false, diff) == 1);
    CHECK(test::read_file(file) == "Our procedure is low-risk for you.\n\nCall us today.\n");
}
