// Rule packs, inline control, rule overrides and scripts, end to end.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
using test::run_touchpoint;
using test::ScratchDir;

namespace {

const std::string brand = R"(<brand name="Acme Care"><avoid term="cheap"/></brand>)";

std::string pack(const std::string& rule_body, const std::string& examples =
                     R"(<example type="incorrect">We utilize it.</example><example type="correct">We use it.</example>)") {
    return R"(<pack id="house" version="1"><rule id="words" type="terminology.avoid"><message>Say {suggestion}, not {match}.</message>)"
           R"(<source>House style</source>)" + rule_body + examples + "</rule></pack>";
}

std::string project(const std::string& extra) {
    return "<touchpoint><brand file=\"brand.xml\"/>" + extra + "</touchpoint>";
}

}  // namespace

TEST_CASE("every shipped pack loads and its examples pass") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    std::string packs;
    for (const char* id : {"healthcare-claims", "plain-language", "person-first", "aidet", "service-recovery", "signage"})
        packs += std::string("<pack id=\"") + id + "\"/>";
    dir.write("touchpoint.xml", project(packs));
    dir.write("a.txt", "We utilize the best care in the region and guarantee it.\n");
    auto result = run_touchpoint({"check", "a.txt", "--format", "json"}, dir.path());
    CHECK(result.err.empty());
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("\"rule\": \"plain-language.wordy\"") != std::string::npos);
    CHECK(result.out.find("\"rule\": \"healthcare-claims.superlative\"") != std::string::npos);
    CHECK(result.out.find("\"rule\": \"healthcare-claims.guarantee\"") != std::string::npos);
    auto rules = run_touchpoint({"rules"}, dir.path());
    CHECK(rules.out.find("healthcare-claims") != std::string::npos);
}

TEST_CASE("the contract's project file works as written") {
    ScratchDir dir;
    dir.write("brand.xml", test::read_file(test::source_dir() / "tests" / "data" / "contract-brand.xml"));
    dir.write("touchpoint.xml", test::read_file(test::source_dir() / "tests" / "data" / "contract-touchpoint.xml"));
    dir.write("local-rules.xml", pack(R"(<term suggest="use">utilize</term>)"));
    dir.write("signage/door.txt", "Staff only\n");
    dir.write("scripts/call.md", "Staff: Good morning, this is Dana. It takes five minutes to explain. Thank you.\n");
    dir.write("archive/old.md", "cheap\n");
    dir.write("web/page.md", "We utilize compassionate care for every patient.\n");
    auto result = run_touchpoint({"check", "--format", "json"}, dir.path());
    CHECK(result.err.empty());
    CHECK(result.out.find("\"rule\": \"house.words\"") != std::string::npos);
    CHECK(result.out.find("archive/old.md") == std::string::npos);
    CHECK(result.out.find("\"files\": 3,") != std::string::npos);
}

TEST_CASE("pack faults are refused with their place") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("touchpoint.xml", project("<pack file=\"house.xml\"/>"));
    dir.write("a.txt", "text\n");
    auto fails = [&](const std::string& content, const std::string& expected) {
        dir.write("house.xml", content);
        auto result = run_touchpoint({"check", "a.txt"}, dir.path());
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK_THAT(result.err, Catch::Contains(expected));
    };
    fails(pack(R"(<term suggest="use">utilize</term>)", R"(<example type="incorrect">We use it.</example><example type="correct">We use it.</example>)"),
          "house.xml:1:183: the incorrect example 'We use it.' of rule 'house.words' gives no finding");
    fails(pack(R"(<term suggest="use">utilize</term>)", R"(<example type="incorrect">We utilize it.</example><example type="correct">We utilize it.</example>)"),
          "the correct example 'We utilize it.' of rule 'house.words' gives a finding: Say use, not utilize.");
    fails(pack(R"(<term suggest="apply">utilize</term>)", R"(<example type="incorrect" correction="We use it.">We utilize it.</example><example type="correct">We use it.</example>)"),
          "the incorrect example of rule 'house.words' corrects to 'We apply it.', not 'We use it.'");
    fails(pack(R"(<term suggest="use">utilize</term>)", ""), "house.xml:1:30: rule 'words' needs an <example type=\"incorrect\"> and an <example type=\"correct\">");
    fails(R"(<pack id="house" version="1"><rule id="x" type="nosuch.avoid"><message>m</message><source>s</source>)"
          R"(<example type="incorrect">a</example><example type="correct">b</example></rule></pack>)",
          "house.xml:1:30: no loaded plugin is named 'nosuch'");
    fails(R"(<pack id="house" version="1"><rule id="x" type="terminology.shout"><message>m</message><source>s</source>)"
          R"(<example type="incorrect">a</example><example type="correct">b</example></rule></pack>)",
          "plugin 'terminology' has no pack rule type 'shout'; it has terminology.avoid");
    fails(pack(R"(<pattern>(unclosed</pattern>)"), "rule 'words': the pattern '(unclosed' is not a valid regular expression");
    fails(R"(<pack id="House" version="1"/>)", "house.xml:1:7: pack id 'House' may hold only lower-case letters, digits and '-'");
}

TEST_CASE("inline control disables rules by line, region or next line, with a reason") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.md", "cheap one\n\n<!-- touchpoint-disable-next-line terminology.avoid -- quoting a patient -->\ncheap two\n\n"
                      "<!-- touchpoint-disable terminology -->\ncheap three\n<!-- touchpoint-enable terminology -->\ncheap four\n\n"
                      "<!-- touchpoint-disable-next-line spelling -->\ncheap five\n");
    dir.write("b.txt", "# touchpoint-disable-next-line -- all rules\ncheap six\ncheap seven\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "a.md", "b.txt", "--format", "json"}, dir.path());
    for (const char* kept : {"\"line\": 1, \"column\": 1,", "\"line\": 9, \"column\": 1,", "\"line\": 12, \"column\": 1,"})
        CHECK(result.out.find(kept) != std::string::npos);
    CHECK(result.out.find("\"file\": \"b.txt\",\n      \"line\": 3") != std::string::npos);
    CHECK(result.out.find("\"findings\": 4,") != std::string::npos);
    CHECK(result.out.find("\"suppressed\": 3, \"skipped\": 0, ") != std::string::npos);
    CHECK(result.out.find("{ \"file\": \"a.md\", \"line\": 4, \"column\": 1, \"rule\": \"terminology.avoid\", \"match\": \"cheap\", "
                          "\"reason\": \"quoting a patient\" }") != std::string::npos);
    auto text = run_touchpoint({"check", "--brand", "brand.xml", "a.md", "b.txt"}, dir.path());
    CHECK_THAT(text.out, Catch::Contains("\n2 files checked: 4 findings (0 errors, 4 warnings, 0 suggestions). 3 suppressed by inline control.\nOn-promise score "));
}

TEST_CASE("the project file selects rules and overrides severities, per channel too") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="cheap"/><prefer term="patient" instead-of="customer"/>
      <channel id="signage"/></brand>)");
    dir.write("touchpoint.xml", project(R"(<channel id="signage" include="signs/**"/>
      <rule id="terminology.avoid" severity="error"/>
      <rule id="terminology.prefer" channels="signage" enabled="false"/>
      <rule id="spelling" enabled="false"/>)"));
    dir.write("web.txt", "Cheap for every customer, mispeled.\n");
    dir.write("signs/door.txt", "Cheap for every customer, mispeled.\n");
    auto result = run_touchpoint({"check", ".", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("\"errors\": 2, \"warnings\": 1,") != std::string::npos);
    CHECK(result.out.find("spelling") == std::string::npos);
    dir.write("touchpoint.xml", project(R"(<rule id="terminology.avoid" severity="fatal"/>)"));
    auto bad = run_touchpoint({"check", "."}, dir.path());
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("touchpoint.xml:1:67: severity 'fatal' is not one of error, warning, suggestion"));
}

TEST_CASE("in scripts, rules check staff turns only; labels are not prose") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="care team" instead-of="staff"/><avoid term="cheap"/></brand>)");
    dir.write("touchpoint.xml", project(R"(<channel id="script" include="scripts/**"/><speakers staff="Staff, Agent" others="Patient"/>)"));
    dir.write("scripts/call.md", "**Staff:** Hello, our cheap plan.\n\n**Patient:** Your staff said it was cheap.\n\n**Agent:** Our staff will call.\n");
    auto result = run_touchpoint({"check", ".", "--format", "json"}, dir.path());
    CHECK(result.out.find("\"line\": 1, \"column\": 23,") != std::string::npos);  // cheap, staff turn
    CHECK(result.out.find("\"line\": 5, \"column\": 16,") != std::string::npos);  // staff, agent turn
    CHECK(result.out.find("\"findings\": 2,") != std::string::npos);
}

TEST_CASE("the avoid rules of several packs share one check, and each keeps its own channels, severity and message") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("house.xml", pack(R"(<term suggest="use">utilize</term>)"));
    dir.write("signs.xml", R"(<pack id="signs" version="1">)"
                           R"(<rule id="no-entry" type="terminology.avoid" severity="error" channels="signage">)"
                           R"(<message>Signs say {suggestion}, not {match}.</message><source>Sign guide</source>)"
                           R"(<term suggest="staff only">no entry</term>)"
                           R"(<term suggest="use">utilize</term>)"  // the same term as house.words
                           R"(<example type="incorrect">No entry.</example><example type="correct">Staff only.</example>)"
                           R"(</rule></pack>)");
    dir.write("touchpoint.xml", project(R"(<channel id="signage" include="signs/**"/><pack file="house.xml"/><pack file="signs.xml"/>)"));
    dir.write("web/page.txt", "We utilize it. No entry past noon.\n");
    dir.write("signs/door.txt", "No entry. We utilize it.\n");
    auto result = run_touchpoint({"check", "--format", "text", "--color", "never"}, dir.path());
    CHECK(result.err.empty());
    // The marketing page: house.words only; the signs rule is for signage.
    CHECK(result.out.find("web/page.txt:1:4: warning: Say use, not utilize. [house.words]") != std::string::npos);
    CHECK(result.out.find("web/page.txt:1:16") == std::string::npos);
    // The sign: both rules, each with its severity and message, the shared term twice.
    CHECK(result.out.find("signs/door.txt:1:1: error: Signs say Staff only, not No entry. [signs.no-entry]") != std::string::npos);
    CHECK(result.out.find("signs/door.txt:1:14: error: Signs say use, not utilize. [signs.no-entry]") != std::string::npos);
    CHECK(result.out.find("signs/door.txt:1:14: warning: Say use, not utilize. [house.words]") != std::string::npos);
}

TEST_CASE("an inline directive naming no rule of the run is a warning: a typo silences nothing") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="cheap"/></brand>)");
    dir.write("a.md", "<!-- touchpoint-disable-next-line terminology.avoyd -- a typo -->\ncheap\n\n"
                      "<!-- touchpoint-disable-next-line terminology -- the whole plugin -->\ncheap\n");
    auto result = test::run_touchpoint({"check", "--brand", "brand.xml", "a.md"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err == "touchpoint: warning: a.md:1: the directive names 'terminology.avoyd', which is no rule of this "
                        "run; it silences nothing ('touchpoint rules' lists them)\n");
    CHECK(result.out.find("a.md:2:1: warning: Avoid 'cheap'.") != std::string::npos);  // not silenced
    CHECK(result.out.find("a.md:5:1") == std::string::npos);                            // silenced
}

TEST_CASE("a pack's lang: its rules match in their language's text only, and need a brand that writes it") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme Care" locale="en-US" languages="en-US es-US"/>)");
    dir.write("touchpoint.xml", project(R"(<pack id="plain-language-es"/><pack id="person-first-es"/><pack id="plain-language"/>)"));
    dir.write("es.md", "---\nlang: es\n---\n\nCon el fin de cuidar su salud, nuestras clases para diabéticos son gratis.\n");
    dir.write("en.md", "We utilize plain words. Renal care and a fin de semana trip.\n");
    auto result = run_touchpoint({"check", "es.md", "en.md", "--format", "json"}, dir.path());
    CHECK(result.err.empty());
    CHECK(result.out.find("\"rule\": \"plain-language-es.wordy\"") != std::string::npos);
    // The pack's finding on a word the dictionary lacks keeps its suggestion (the spelling
    // finding folds into it).
    CHECK(result.out.find("\"suggestions\": [\"para personas con diabetes\"]") != std::string::npos);
    CHECK(result.out.find("'diabéticos' is not in the") == std::string::npos);
    CHECK(result.out.find("\"rule\": \"plain-language.wordy\"") != std::string::npos);
    // "renal" and "a fin de" are Spanish rules' words too: in English text none fires.
    auto english = run_touchpoint({"check", "en.md", "--format", "json"}, dir.path());
    CHECK(english.out.find("\"rule\": \"plain-language.medical-jargon\"") != std::string::npos);  // renal
    CHECK(english.out.find("-es.") == std::string::npos);

    dir.write("brand.xml", R"(<brand name="Acme Care" locale="en-US"/>)");
    auto refused = run_touchpoint({"check", "en.md"}, dir.path());
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("is for language 'es', which the brand file"));
}
