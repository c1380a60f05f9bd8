// --isolate hands a file's report from the child to the parent as JSON: every field of a
// finding must come back as it went.
#include "isolation.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

TEST_CASE("isolation: a file report survives the trip through JSON whole") {
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

    std::optional<FileReport> back = parse_isolated_report(serialize_isolated_report(report));
    REQUIRE(back);
    REQUIRE(back->findings.size() == 1);
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

TEST_CASE("isolation: a child that died writing its report gives no report") {
    CHECK_FALSE(parse_isolated_report(""));
    CHECK_FALSE(parse_isolated_report("{\"path\": \"a.md\", \"findings\": ["));
}
