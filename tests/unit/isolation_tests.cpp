// --isolate hands a file's report from the child to the parent as records: every field of
// a finding must come back as it went, and a report cut short is no report.
#include "engine/isolation.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace touchpoint;

TEST_CASE("isolation: a file report survives the trip whole") {
    ReportedFinding f;
    f.file = "docs/a.md";
    f.begin = {3, 5};
    f.end = {3, 13};
    f.rule = "terminology.avoid";
    f.plugin = "terminology";
    f.severity = Severity::error;
    f.message = "Outcomes cannot be \"promised\".\n";
    f.match = "guaranteé";
    f.suggestions = {"promise", "pledge"};
    f.channel = "marketing";
    f.begin_utf16 = 5;
    f.begin_byte = 7;
    f.end_utf16 = 14;
    f.end_byte = 17;
    f.excerpt = {"We guaranteé it 😀", 1, false, true};
    f.source_begin = 40;
    f.source_end = 51;
    f.exact = true;
    f.context = "sign L2-07 at Lobby";
    f.fixable = false;
    f.from_pack = false;
    f.also = {"healthcare-claims.guarantee"};
    FileReport report{"docs/a.md", "marketing", {f}, {{f, "quoting"}}, {"skipped nothing"}, {{"readability", {{"words", 42}}}}};
    report.lines = 9;

    f.claim = Claim::words;
    report.findings.push_back(f);
    std::ostringstream out;
    write_isolated_report(report, out);
    std::istringstream in(out.str());
    std::optional<FileReport> back = read_isolated_report(in);
    REQUIRE(back);
    REQUIRE(back->findings.size() == 2);
    CHECK(back->findings[1].claim == Claim::words);
    const ReportedFinding& g = back->findings[0];
    CHECK(g.file == f.file);
    CHECK((g.begin.line == 3 && g.begin.column == 5 && g.end.line == 3 && g.end.column == 13));
    CHECK(g.rule == f.rule);
    CHECK(g.plugin == f.plugin);
    CHECK(g.severity == f.severity);
    CHECK(g.message == f.message);
    CHECK(g.match == f.match);
    CHECK(g.suggestions == f.suggestions);
    CHECK((g.begin_utf16 == 5 && g.begin_byte == 7 && g.end_utf16 == 14 && g.end_byte == 17));
    CHECK(g.excerpt.text == f.excerpt.text);
    CHECK(g.excerpt.cut_after);
    CHECK((g.source_begin == 40 && g.source_end == 51 && g.exact));
    CHECK(g.context == f.context);
    CHECK_FALSE(g.fixable);
    CHECK(g.also == f.also);
    REQUIRE(back->suppressed.size() == 1);
    CHECK(back->suppressed[0].reason == "quoting");
    CHECK(back->warnings == report.warnings);
    CHECK(back->measures.at("readability").at("words") == 42);
    CHECK(back->lines == 9);
}

namespace {

std::optional<FileReport> read_text(const std::string& text) {
    std::istringstream in(text);
    return read_isolated_report(in);
}

}  // namespace

TEST_CASE("isolation: a child that died writing its report, or wrote something else, gives no report") {
    ReportedFinding f;
    f.file = "a.md";
    f.message = "Use 'patient'.";
    FileReport report{"a.md", "marketing", {f, f}, {}, {}, {}};
    std::ostringstream out;
    write_isolated_report(report, out);
    std::string whole = out.str();
    REQUIRE(read_text(whole));
    // Cut anywhere before its end, it is no report.
    for (size_t cut = 0; cut < whole.size(); ++cut) CHECK_FALSE(read_text(whole.substr(0, cut)));
    CHECK_FALSE(read_text(""));
    CHECK_FALSE(read_text("{\"path\": \"a.md\", \"findings\": ["));
    // A length no report has is refused before anything is allocated for it.
    std::string huge = whole.substr(0, whole.find("4:a.md")) + "99999999999:a.md ";
    CHECK_FALSE(read_text(huge));
    std::string liar = whole.substr(0, whole.find("4:a.md")) + "999999999:a.md ";
    CHECK_FALSE(read_text(liar));
}
