// The elements rule type (AIDET) on staff scripts.
#include "../scripts.hpp"

#include "engine/scripts.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

PackRule aidet() {
    PackRule rule;
    rule.pack = "aidet";
    rule.id = "elements";
    rule.type = "elements";
    rule.message = "This script misses AIDET: {missing}.";
    auto element = [](std::string id, std::string label, std::vector<std::string> phrases) {
        ConfigNode node;
        node.name = "element";
        node.attributes = {{"id", id}, {"label", label}};
        for (auto& p : phrases) node.children.push_back({"phrase", {}, p, {}, {}});
        return node;
    };
    rule.data = {element("acknowledge", "Acknowledge", {"good morning", "hello", "welcome"}),
                 element("introduce", "Introduce", {"my name is", "this is", "I'm"}),
                 element("duration", "Duration", {"minutes", "hours", "until"}),
                 element("thank", "Thank you", {"thank you", "thanks"})};
    return rule;
}

Document script(std::string text) {
    Extracted e = extract_plain_text(text);
    std::vector<Turn> turns = find_turns(e.text, Speakers{});
    return Document("script", "script", text, std::move(e.text), std::move(e.runs), {}, std::move(turns));
}

}  // namespace

TEST_CASE("speaker labels make turns; labels are not prose") {
    Document d = script("Nurse: Good morning.\nPatient: Thank you.\nNurse Sam: I'm back.\n");
    REQUIRE(d.turns().size() == 3);
    CHECK(d.turns()[0].speaker == "Nurse");
    CHECK(d.turns()[0].staff);
    CHECK_FALSE(d.turns()[1].staff);
    CHECK(d.turns()[2].staff);
    CHECK(d.text().find("Nurse") == std::string_view::npos);
    CHECK(d.text().find("Patient:") == std::string_view::npos);
    CHECK(d.in_staff_turn(uint32_t(d.text().find("Good"))));
    CHECK_FALSE(d.in_staff_turn(uint32_t(d.text().find("Thank"))));
}

TEST_CASE("a script missing elements is one finding naming them; only staff turns count") {
    test::TestContext context(test::brand_from_xml("<brand name=\"X\"/>"));
    auto check = scripts::ScriptsPlugin().compile_pack_rule(aidet(), context);
    test::CollectingReporter complete;
    check->check(script("Nurse: Good morning, my name is Ana. This takes ten minutes. Thank you.\n"), complete);
    CHECK(complete.findings.empty());

    test::CollectingReporter missing;
    check->check(script("Nurse: Hello, I'm Ana.\nPatient: Thank you so much.\n"), missing);
    REQUIRE(missing.findings.size() == 1);
    CHECK(missing.findings[0].anchor == Anchor::document);
    CHECK(missing.findings[0].message == "This script misses AIDET: Duration, Thank you.");
    CHECK(missing.findings[0].suggestions == std::vector<std::string>{"Duration", "Thank you"});
}
