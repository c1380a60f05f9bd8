// The CI report formats: well-formed, with the findings and their places.
#include "support.hpp"

#include <Poco/JSON/Parser.h>
#include <pugixml.hpp>

#include <catch2/catch.hpp>

using namespace touchpoint;
using test::run_touchpoint;

namespace {
test::CommandResult report(const std::string& format) {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/>
<avoid term="guarantee" severity="error" reason="No &quot;promises&quot; &amp; no, really: none."/></brand>)");
    dir.write("a.md", "Dear customer,\n\nwe guarantee <it>.\n");
    dir.write("b.txt", "All fine.\n");
    return run_touchpoint({"check", "--brand", "brand.xml", ".", "--format", format}, dir.path());
}
}  // namespace

TEST_CASE("SARIF 2.1.0 carries rules, levels and regions with exclusive end columns") {
    auto result = report("sarif");
    CHECK(result.exit_code == 1);
    Poco::JSON::Parser parser;
    auto root = parser.parse(result.out).extract<Poco::JSON::Object::Ptr>();
    CHECK(root->getValue<std::string>("version") == "2.1.0");
    auto run = root->getArray("runs")->getObject(0);
    CHECK(run->getValue<std::string>("columnKind") == "unicodeCodePoints");
    auto results = run->getArray("results");
    REQUIRE(results->size() == 2);
    auto first = results->getObject(0);
    CHECK(first->getValue<std::string>("ruleId") == "terminology.prefer");
    CHECK(first->getValue<std::string>("level") == "warning");
    auto region = first->getArray("locations")->getObject(0)->getObject("physicalLocation")->getObject("region");
    CHECK(region->getValue<int>("startLine") == 1);
    CHECK(region->getValue<int>("startColumn") == 6);
    CHECK(region->getValue<int>("endColumn") == 14);
    CHECK(results->getObject(1)->getValue<std::string>("level") == "error");
    auto rules = run->getObject("tool")->getObject("driver")->getArray("rules");
    std::vector<std::string> ids;
    for (size_t i = 0; i < rules->size(); ++i) ids.push_back(rules->getObject(unsigned(i))->getValue<std::string>("id"));
    CHECK(std::find(ids.begin(), ids.end(), "terminology.prefer") != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), "terminology.avoid") != ids.end());
}

TEST_CASE("JUnit and Checkstyle are well-formed XML with every finding") {
    auto junit = report("junit");
    pugi::xml_document junit_xml;
    REQUIRE(junit_xml.load_string(junit.out.c_str()));
    CHECK(junit_xml.child("testsuites").attribute("failures").as_int() == 2);
    CHECK(junit_xml.child("testsuites").attribute("tests").as_int() == 3);
    CHECK(std::string(junit_xml.select_node("//failure[@type='error']").node().attribute("message").value()) ==
          "No \"promises\" & no, really: none.");

    auto checkstyle = report("checkstyle");
    pugi::xml_document checkstyle_xml;
    REQUIRE(checkstyle_xml.load_string(checkstyle.out.c_str()));
    auto errors = checkstyle_xml.select_nodes("//error");
    REQUIRE(errors.size() == 2);
    CHECK(errors[1].node().attribute("line").as_int() == 3);
    CHECK(errors[1].node().attribute("column").as_int() == 4);
    CHECK(std::string(errors[1].node().attribute("source").value()) == "terminology.avoid");
}

TEST_CASE("GitHub workflow commands escape their data and end with a summary") {
    auto result = report("github");
    CHECK(result.out ==
          "::warning file=a.md,line=1,col=6,endLine=1,endColumn=13,title=terminology.prefer::Use 'patient' instead of 'customer'. Suggestion: patient\n"
          "::error file=a.md,line=3,col=4,endLine=3,endColumn=12,title=terminology.avoid::No \"promises\" & no, really: none.\n"
          "touchpoint: 2 files checked: 2 findings (1 error, 1 warning, 0 suggestions). On-promise score 87 (pass mark 80): 1 of 2 touchpoints below it.\n");
}
