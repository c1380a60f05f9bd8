#include "../style.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

TEST_CASE("case styles of signs") {
    std::vector<std::string> names{"riverbend", "health"};
    CHECK(style::case_style("Patient and Family Lounge", names) == "Title Case");
    CHECK(style::case_style("Patient and family lounge", names) == "Sentence case");
    CHECK(style::case_style("EMERGENCY DEPARTMENT", names) == "ALL CAPS");
    CHECK(style::case_style("Welcome to Riverbend Health", names) == "");  // nothing but a name to tell by
    CHECK(style::case_style("Exit", names) == "");
    CHECK(style::case_style("Second floor, East Wing", names) == "");  // mixed: proper nouns or not, it cannot tell
}

TEST_CASE("capitals: long words in capitals are findings, allowed ones and acronyms are not") {
    PackRule rule;
    rule.pack = "signage";
    rule.id = "capitals";
    rule.type = "capitals";
    rule.message = "Write '{match}' as '{suggestion}'.";
    rule.data.push_back({"allow", {}, "EXIT", {}, {}});
    test::TestContext context(test::brand_from_xml("<brand name=\"X\"/>"));
    auto check = style::StylePlugin().compile_pack_rule(rule, context);
    test::CollectingReporter reporter;
    check->check(test::make_document("EMERGENCY entrance, MRI and ICU, EXIT here, COVID19"), reporter);
    REQUIRE(reporter.findings.size() == 1);
    CHECK(reporter.findings[0].message == "Write 'EMERGENCY' as 'Emergency'.");
    CHECK(reporter.findings[0].suggestions == std::vector<std::string>{"Emergency"});
}
