// --isolate's record stream beyond the basics in isolation_tests.cpp: every field of every
// record back exactly (odd Unicode, NUL bytes, long lines, many findings, all enum values,
// extreme numbers), and streams that are not a report refused, never misread.
#include "engine/isolation.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>

using namespace touchpoint;

namespace {

using test::checked_file;

// Every field of a finding in one line, so a failed comparison shows what differs.
std::string describe(const ReportedFinding& f) {
    std::ostringstream out;
    auto list = [&](const std::vector<std::string>& items) {
        out << '[';
        for (const std::string& item : items) out << item.size() << ':' << item << ';';
        out << ']';
    };
    out << f.file << '|' << f.begin.line << ',' << f.begin.column << '-' << f.end.line << ',' << f.end.column << '|'
        << f.rule << '|' << f.plugin << '|' << int(f.severity) << '|' << f.message << '|' << f.match << '|';
    list(f.suggestions);
    out << '|' << f.channel << '|' << f.begin_utf16 << ',' << f.begin_byte << ',' << f.end_utf16 << ',' << f.end_byte
        << '|' << f.excerpt.text << '|' << f.excerpt.first_column << f.excerpt.cut_before << f.excerpt.cut_after << '|'
        << f.source_begin << ',' << f.source_end << '|' << f.exact << f.whole_document << f.fixable << f.from_pack
        << int(f.claim) << '|' << f.context << '|';
    list(f.also);
    return out.str();
}

std::string write(const FileReport& report) {
    std::ostringstream out;
    write_isolated_report(report, out);
    return out.str();
}

std::optional<FileReport> read(const std::string& text) {
    std::istringstream in(text);
    return read_isolated_report(in);
}

void check_same(const FileReport& a, const FileReport& b) {
    CHECK(a.path == b.path);
    CHECK(a.channel == b.channel);
    CHECK(a.lines == b.lines);
    REQUIRE(a.findings.size() == b.findings.size());
    for (size_t i = 0; i < a.findings.size(); ++i) CHECK(describe(a.findings[i]) == describe(b.findings[i]));
    REQUIRE(a.suppressed.size() == b.suppressed.size());
    for (size_t i = 0; i < a.suppressed.size(); ++i) {
        CHECK(describe(a.suppressed[i].finding) == describe(b.suppressed[i].finding));
        CHECK(a.suppressed[i].reason == b.suppressed[i].reason);
    }
    CHECK(a.warnings == b.warnings);
    CHECK(a.measures == b.measures);
    CHECK(a.format == b.format);
}

// Text a length-prefixed record could be misread on: digits, colons, spaces, record tags,
// a NUL byte, CR LF, and Unicode that is no single code point per character.
const std::string odd = std::string("12: 3:E F S W M \0 end\r\n", 23) +
                        "e\u0301 \u05e9\u05dc\u05d5\u05dd \U0001F469\u200D\U0001F4BB \uFEFF\uFFFD \U0010FFFF";

// A finding with no field at its default value.
ReportedFinding unusual() {
    ReportedFinding f;
    f.file = "docs/" + odd + ".md";
    f.begin = {0, 0};
    f.end = {std::numeric_limits<int>::max(), 7};
    f.rule = "pack.rule" + odd;
    f.plugin = "";
    f.severity = Severity::suggestion;
    f.message = odd;
    f.match = "";
    f.suggestions = {"", odd, "plain"};
    f.channel = "script";
    f.begin_utf16 = 11, f.begin_byte = 22, f.end_utf16 = 33, f.end_byte = 44;
    f.excerpt = {odd, 99, true, false};
    f.source_begin = std::numeric_limits<uint32_t>::max() - 1;
    f.source_end = std::numeric_limits<uint32_t>::max();
    f.exact = false;
    f.context = "";
    f.whole_document = true;
    f.fixable = false;
    f.from_pack = true;
    f.claim = Claim::yields;
    f.also = {"a.b", "", odd};
    return f;
}

}  // namespace

TEST_CASE("isolation records: every field and enum value comes back exactly", "[isolation]") {
    FileReport report;
    report.path = odd;
    report.channel = "";
    report.lines = std::numeric_limits<int>::max();
    for (Severity severity : {Severity::suggestion, Severity::warning, Severity::error})
        for (Claim claim : {Claim::none, Claim::words, Claim::yields}) {
            ReportedFinding f = unusual();
            f.severity = severity;
            f.claim = claim;
            report.findings.push_back(f);
        }
    report.findings.push_back(ReportedFinding{});  // every default, empty strings
    report.suppressed = {{unusual(), ""}, {ReportedFinding{}, odd}};
    report.warnings = {"", odd};
    report.measures[odd] = {{"", 0.1}, {"neg", -2.5}, {"tiny", 1e-300}, {"huge", 1e300},
                            {"inf", std::numeric_limits<double>::infinity()}};
    report.measures[""] = {{"k", 3}};
    report.format = Format::xlsx;  // the last format there is
    std::optional<FileReport> back = read(write(report));
    REQUIRE(back);
    check_same(report, *back);
}

TEST_CASE("isolation records: lines longer than the reader's buffer and many findings", "[isolation]") {
    FileReport report = checked_file("long.txt", "marketing");
    std::string line;
    while (line.size() < 300'000) line += "caf\u00e9 \U0001F600 ";  // crosses the 64 KiB reads
    ReportedFinding f;
    f.file = "long.txt";
    f.excerpt.text = line;
    f.message = line.substr(0, 65536);  // exactly one buffer
    f.match = line.substr(0, 65537);
    report.findings.push_back(f);
    for (int i = 0; i < 20'000; ++i) {
        ReportedFinding small;
        small.file = "long.txt";
        small.begin = {i + 1, i % 80 + 1};
        small.rule = "spelling.unknown-word";
        small.match = "w" + std::to_string(i);
        report.findings.push_back(small);
    }
    std::optional<FileReport> back = read(write(report));
    REQUIRE(back);
    REQUIRE(back->findings.size() == report.findings.size());
    CHECK(back->findings[0].excerpt.text == line);
    CHECK(back->findings[0].message.size() == 65536);
    CHECK(back->findings[0].match == f.match);
    bool all_same = true;
    for (size_t i = 1; i < report.findings.size(); ++i)
        all_same = all_same && describe(back->findings[i]) == describe(report.findings[i]);
    CHECK(all_same);
}

TEST_CASE("isolation records: a report cut anywhere, through any kind of record, is refused", "[isolation]") {
    ReportedFinding f;
    f.file = "a.md";
    f.message = "x\u00e9";
    f.suggestions = {"s"};
    f.also = {"p.r"};
    FileReport report = checked_file("a.md", "web", {f});
    report.suppressed = {{f, "why"}};
    report.warnings = {"warned"};
    report.measures["g"]["k"] = 0.25;
    report.format = Format::plain_text;
    std::string whole = write(report);
    REQUIRE(read(whole));
    for (size_t cut = 0; cut < whole.size(); ++cut) {
        INFO("cut at " << cut << " of " << whole.size());
        CHECK_FALSE(read(whole.substr(0, cut)));
    }
}

TEST_CASE("isolation records: a stream that is not a report is refused, not misread", "[isolation]") {
    ReportedFinding f;
    f.file = "a.md";
    f.rule = "x.y";
    f.severity = Severity::error;
    f.claim = Claim::yields;
    f.exact = true;
    std::string whole = write(checked_file("a.md", "web", {f}));
    REQUIRE(read(whole));
    // Each fault made by replacing the first occurrence of `from` after `after` with `to`.
    auto altered = [&](const std::string& after, const std::string& from, const std::string& to) {
        size_t at = whole.find(from, whole.find(after));
        REQUIRE(at != std::string::npos);
        return whole.substr(0, at) + to + whole.substr(at + from.size());
    };
    CHECK_FALSE(read("touchpoint-isolated-report 2\n" + whole.substr(whole.find('\n') + 1)));  // another version
    CHECK_FALSE(read("TOUCHPOINT" + whole.substr(10)));
    CHECK_FALSE(read(altered("web ", "F", "X")));             // an unknown record
    CHECK_FALSE(read(altered("3:x.y ", "0:", "0;")));         // a length without its colon
    CHECK_FALSE(read(altered("3:x.y ", "0: ", "0:_")));       // a string not ended by a space
    CHECK_FALSE(read(altered("3:x.y ", "0: 2 ", "0: 3 ")));   // a severity no finding has
    CHECK_FALSE(read(altered("3:x.y ", "0: 2 ", "0: -2 ")));  // a negative severity
    CHECK_FALSE(read(altered("3:x.y ", "0: 2 ", "0: 2x ")));  // not a number
    CHECK_FALSE(read(altered("a.md ", "1 1 1 1 ", "1 -1 1 1 ")));  // a negative column
    CHECK_FALSE(read(altered("a.md ", "1 1 1 1 ", "1 1234567890123456789 1 1 ")));  // 19 digits
    CHECK_FALSE(read(altered("a.md ", "1 1 1 1 ", "1 2147483648 1 1 ")));  // past int
    CHECK_FALSE(read(whole.substr(0, whole.size() - 1) + "Z"));  // no end record
    std::string prose = "0: 0: 0: 0 0 0: ";  // the prose around the match: none; no language
    std::string exact_flag = "0 0 1 0 1 0 2 0 " + prose + "E";  // source offsets, exact, whole, fixable, pack, claim, also
    REQUIRE(whole.ends_with(exact_flag));
    std::string head = whole.substr(0, whole.size() - exact_flag.size());
    CHECK(read(head + exact_flag));
    CHECK_FALSE(read(head + "0 0 2 0 1 0 2 0 " + prose + "E"));  // a flag that is neither 0 nor 1
    CHECK_FALSE(read(head + "0 0 1 0 1 0 3 0 " + prose + "E"));  // a claim no finding has
    CHECK_FALSE(read(head + "0 0 1 0 1 0 2 1048577 " + prose + "E"));  // more `also` than a finding has
    CHECK_FALSE(read(head + "0 0 1 0 1 0 2 1 " + prose + "E"));  // an `also` the stream does not hold
    CHECK_FALSE(read(head + "0 0 1 0 1 0 2 0 0: 0: 0: 2 0 E"));  // a prose cut flag that is neither 0 nor 1
}

TEST_CASE("isolation records: the format goes with the report, and only a format there is", "[isolation]") {
    FileReport report = checked_file("a.md", "web");
    CHECK_FALSE(read(write(report))->format);  // a skipped file has none
    report.format = Format::markdown;
    std::string whole = write(report);
    CHECK(read(whole)->format == Format::markdown);
    std::string tag = "T" + std::to_string(int(Format::markdown)) + " ";
    size_t at = whole.find(tag);
    REQUIRE(at != std::string::npos);
    CHECK_FALSE(read(whole.substr(0, at) + "T" + std::to_string(input_formats().size()) + " " + whole.substr(at + tag.size())));
    // Every format there is comes back (the PDF reader's, added last, was once refused).
    for (const FormatInfo& row : input_formats()) {
        report.format = row.format;
        CHECK(read(write(report))->format == row.format);
    }
    CHECK_FALSE(read(whole.substr(0, at) + "T-1 " + whole.substr(at + tag.size())));
}

TEST_CASE("isolation records: a measure that is not a number is refused", "[isolation]") {
    FileReport report = checked_file("a.md", "web");
    report.measures["g"]["k"] = 1.5;
    std::string whole = write(report);
    REQUIRE(read(whole)->measures.at("g").at("k") == 1.5);
    size_t at = whole.find("3:1.5 ");
    REQUIRE(at != std::string::npos);
    CHECK_FALSE(read(whole.substr(0, at) + "3:1.x " + whole.substr(at + 6)));
    CHECK_FALSE(read(whole.substr(0, at) + "0: " + whole.substr(at + 6)));
}

// Every number of a finding is range-checked but the two source offsets, which are cast
// to uint32_t: -1 and 2^32 + 5, which no writer writes, are read as 4294967295 and 5.
TEST_CASE("isolation records: source offsets outside 32 bits are refused", "[isolation]") {
    ReportedFinding f;
    f.source_begin = 7;
    f.source_end = 9;
    std::string whole = write(checked_file("a.md", "web", {f}));
    size_t at = whole.find(" 7 9 ");
    REQUIRE(at != std::string::npos);
    CHECK_FALSE(read(whole.substr(0, at) + " -1 9 " + whole.substr(at + 5)));
    CHECK_FALSE(read(whole.substr(0, at) + " 7 4294967301 " + whole.substr(at + 5)));
}
