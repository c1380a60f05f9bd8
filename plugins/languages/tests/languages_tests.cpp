// languages.missing: every sign of a channel with languages="en es" carries each.
#include "../languages.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

const char* brand_xml = R"(<brand name="Riverbend Health" locale="en-US" languages="en-US es-US">
  <channel id="signage" max-words="8" languages="en es"/>
  <channel id="marketing"/>
</brand>)";

std::vector<Finding> check(const std::string& source, Format format = Format::plain_text, const std::string& channel = "signage") {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = languages::LanguagesPlugin().compile(context);
    REQUIRE(compiled);
    test::CollectingReporter reporter;
    compiled->check(test::make_document(source, format, channel, context), reporter);
    return reporter.findings;
}

}  // namespace

TEST_CASE("a bilingual sign passes; a sign in one language is a finding naming the other") {
    CHECK(check("Pharmacy\nFarmacia\n").empty());
    CHECK(check("Waiting Room\nSala de espera\n").empty());
    auto english_only = check("Pharmacy\nFarmacia\n\nPlease check in at the front desk\n");
    REQUIRE(english_only.size() == 1);
    CHECK(english_only[0].rule == "missing");
    CHECK(english_only[0].message == "This sign has no Spanish text; signs in the signage channel carry English and Spanish.");
    CHECK(english_only[0].begin == 19);  // the second sign
    auto spanish_only = check("Por favor regístrese en la recepción\n");
    REQUIRE(spanish_only.size() == 1);
    CHECK(spanish_only[0].message == "This sign has no English text; signs in the signage channel carry English and Spanish.");
}

TEST_CASE("names and numbers carry no language; other channels are not held to it") {
    CHECK(check("Riverbend Health\n\n204\n").empty());
    CHECK(check("Please check in at the front desk\n", Format::plain_text, "marketing").empty());
}

TEST_CASE("a sign schedule row with an empty Spanish column is a finding at its row") {
    std::string schedule = "Sign,Location,Message (en),Message (es)\n"
                           "S-1,Lobby,Pharmacy,Farmacia\n"
                           "S-2,Lobby,Waiting Room,\n"
                           "S-3,Floor 2,Chapel,Capilla\n";
    auto findings = check(schedule, Format::csv);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find("no Spanish text") != std::string::npos);
}

TEST_CASE("HTML lang on an element declares its text's language") {
    std::string html = "<html lang=\"en\"><body><p>Pharmacy <span lang=\"es\">Farmacia</span></p>"
                       "<p>Information</p><p lang=\"es\">Información</p></body></html>";
    auto findings = check(html, Format::html);
    REQUIRE(findings.size() == 2);  // "Information" has no Spanish; "Información" no English
    CHECK(findings[0].message.find("no Spanish text") != std::string::npos);
    CHECK(findings[1].message.find("no English text") != std::string::npos);
}
