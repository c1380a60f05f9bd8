#include "../pillars.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

const char* brand_xml = R"(<brand name="Riverbend Health">
  <pillar id="compassion" label="Compassionate care">
    <term>compassion</term><term>comfort</term><term>listen</term>
  </pillar>
  <pillar id="family" label="Treated like family">
    <term>family</term><term>neighbor</term><term>close to home</term>
  </pillar>
  <channel id="marketing" min-pillars="1"/>
  <channel id="script" min-pillars="2"/>
  <channel id="signage"/>
</brand>)";

test::CollectingReporter check(const std::string& text, const std::string& channel) {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = pillars::PillarsPlugin().compile(context);
    test::CollectingReporter reporter;
    compiled->check(test::make_document(text, Format::markdown, channel), reporter);
    return reporter;
}

}  // namespace

TEST_CASE("a document carries a pillar when one of its terms occurs, inflected forms included") {
    auto r = check("Our nurses listened. Families are welcome, close-to-home.", "script");
    CHECK(r.findings.empty());
    CHECK(r.measures["pillars"]["compassion"] == 1);
    CHECK(r.measures["pillars"]["family"] == 2);
}

TEST_CASE("too few distinct pillars is one finding for the whole document") {
    auto r = check("Our families and our neighbors.", "script");
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == "coverage");
    CHECK(r.findings[0].anchor == Anchor::document);
    CHECK(r.findings[0].message ==
          "This script touchpoint carries 1 of the brand's pillars; it needs 2. Missing: Compassionate care (compassion, comfort, listen).");
    CHECK(r.findings[0].suggestions == std::vector<std::string>{"Compassionate care"});
    CHECK(r.measures["pillars"]["family"] == 2);
}

TEST_CASE("derived words, code and other channels' limits do not count") {
    CHECK(check("Comfortable chairs. `family` in code. A listener.", "marketing").findings.size() == 1);
    CHECK(check("Nothing here.", "signage").findings.empty());
    CHECK(check("Nothing here.", "unlisted").findings.empty());
}
