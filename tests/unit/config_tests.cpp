// Brand and project files: every fault is refused with its file, line, column and a plain sentence.
#include "config/brand_reader.hpp"
#include "config/project.hpp"
#include "support.hpp"
#include "config/xml_file.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
using touchpoint::test::ScratchDir;

namespace {

// The error reading a brand file whose <brand> holds `body`, without the file's folder.
std::string brand_error(const std::string& body, const std::string& root_attributes = R"(name="Acme")",
                        const std::string& after_body = "") {
    ScratchDir dir;
    auto file = dir.write("brand.xml", "<brand " + root_attributes + ">\n" + body + "\n" + after_body + "</brand>\n");
    try {
        test::read_brand_file(file);
    } catch (const ConfigError& e) {
        std::string message = e.what();
        return message.substr(dir.path().string().size() + 1);
    }
    return "no error";
}

std::string project_error(const std::string& body) {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"/>)");
    auto file = dir.write("touchpoint.xml", "<touchpoint>\n" + body + "\n</touchpoint>\n");
    try {
        read_project(file, dir.path() / "installed");
    } catch (const ConfigError& e) {
        std::string message = e.what();
        return message.substr(dir.path().string().size() + 1);
    }
    return "no error";
}

}  // namespace

TEST_CASE("the contract's brand file reads") {
    // tests/data/contract-brand.xml is the complete example of docs/brand-file.md, verbatim.
    Brand brand = test::read_brand_file(test::source_dir() / "tests" / "data" / "contract-brand.xml");
    CHECK(brand.name == "Riverbend Health");
    CHECK(brand.locale == "en-US");
    CHECK(brand.promise == "Compassionate care that treats you like family.");
    // The plugins' elements, with their places, and the words their plugins publish.
    REQUIRE(brand.elements_named("pillar").size() == 2);
    CHECK(brand.elements_named("pillar")[1]->children[2].text == "close to home");
    CHECK(brand.vocabulary.themes == std::vector<std::string>{"compassion", "compassionate", "comfort", "listen",
                                                              "family", "neighbor", "close to home"});
    REQUIRE(brand.vocabulary.names.size() == 2);
    CHECK(brand.vocabulary.names[0].variants == std::vector<std::string>{"Riverbend Hospital", "RBH"});
    REQUIRE(brand.elements_named("prefer").size() == 2);
    CHECK(brand.vocabulary.preferred == std::vector<std::string>{"patient", "care team"});
    CHECK(brand.elements_named("prefer")[1]->channels().ids == std::vector<std::string>{"marketing", "script"});
    REQUIRE(brand.elements_named("avoid").size() == 3);
    CHECK(brand.elements_named("avoid")[1]->severity(Severity::warning) == Severity::error);
    CHECK(brand.elements_named("avoid")[2]->value("pattern") == "\\bno[ -]wait(ing)?\\b");
    CHECK(brand.elements_named("avoid")[2]->where_is("pattern").line == brand.elements_named("avoid")[2]->where.line);
    CHECK(brand.elements_named("fact").size() == 3);
    CHECK(brand.vocabulary.accepted == std::vector<std::string>{"telehealth"});
    REQUIRE(brand.channel("marketing"));
    CHECK(brand.channel("marketing")->max_grade == 8.0);
    CHECK(brand.channel("signage")->max_words == 8);
}

TEST_CASE("brand file faults name the place and say what is wrong") {
    CHECK(brand_error("<pilar id=\"x\"/>") ==
          "brand.xml:2:1: unknown element <pilar> in <brand>; expected promise, fact, pillar, accept, name, prefer, avoid, channel or report");
    CHECK(brand_error("  <avoid term=\"cheap\" sevrity=\"error\"/>") ==
          "brand.xml:2:23: <avoid> has no attribute 'sevrity'; it takes: term, pattern, severity, reason, suggest, channels, case, lang");
    CHECK(brand_error("<prefer term=\"patient\"/>") == "brand.xml:2:1: <prefer> needs a 'instead-of' attribute");
    CHECK(brand_error("<prefer term=\"patient\" instead-of=\"customer||client\"/>") ==
          "brand.xml:2:24: 'instead-of' has an empty alternative; separate words with a single '|'");
    CHECK(brand_error("<pillar id=\"a\"><term> </term></pillar>") == "brand.xml:2:16: <term> is empty");
    CHECK(brand_error("<pillar id=\"a\"><term>care</term></pillar>\n<pillar id=\"a\"><term>x</term></pillar>") ==
          "brand.xml:3:1: duplicate pillar 'a'; the first is at line 2");
    CHECK(brand_error("<avoid pattern=\"(no wait\"/>") ==
          "brand.xml:2:8: the pattern '(no wait' is not a valid regular expression: unbalanced parenthesis at character 9");
    CHECK(brand_error("<avoid term=\"cheap\" severity=\"fatal\"/>") ==
          "brand.xml:2:21: severity 'fatal' is not one of error, warning, suggestion");
    CHECK(brand_error("<avoid term=\"x\" pattern=\"y\"/>") ==
          "brand.xml:2:1: <avoid> needs either a 'term' or a 'pattern' attribute, not both");
    CHECK(brand_error("<avoid term=\"--\"/>") == "brand.xml:2:8: the term '--' has no word in it");
    CHECK(brand_error("<fact id=\"p\" kind=\"phone\" value=\"555-0100\"/>") ==
          "brand.xml:2:27: phone fact 'p' needs ten digits, like (918) 555-0100");
    CHECK(brand_error("<fact id=\"e\" kind=\"email\" value=\"info at acme.org\"/>") ==
          "brand.xml:2:27: 'info at acme.org' is not an e-mail address");
    CHECK(brand_error("<fact id=\"w\" kind=\"url\" value=\"acme dot org\"/>") ==
          "brand.xml:2:25: 'acme dot org' is not a URL or domain");
    CHECK(brand_error("<fact id=\"p\" kind=\"fax\" value=\"1\"/>") ==
          "brand.xml:2:14: fact kind 'fax' is not one of phone, email, url");
    CHECK(brand_error("<channel id=\"signage\" max-words=\"many\"/>") ==
          "brand.xml:2:23: max-words 'many' is not a whole number of at least 1");
    CHECK(brand_error("<channel id=\"a\" max-grade=\"-2\"/>") == "brand.xml:2:17: max-grade '-2' is not a positive number");
    CHECK(brand_error("<prefer term=\"patient\" instead-of=\"client\"/>\n<avoid term=\"Client\"/>") ==
          "brand.xml:3:8: 'Client' is already listed at line 2; a word may be flagged by one rule only");
    CHECK(brand_error("<avoid term=\"cheap\" channels=\"\"/>") ==
          "brand.xml:2:21: 'channels' is empty; leave it out to apply to all channels");
    CHECK(brand_error("<promise>a</promise><promise>b</promise>") == "brand.xml:2:21: the brand has a second <promise>; it takes one");
    CHECK(brand_error("stray text") == "brand.xml:2:1: <brand> takes elements, not text");
    CHECK(brand_error("<accept/>", R"(name="Acme")") == "brand.xml:2:1: <accept> is empty");
    CHECK(brand_error("", R"(name="Acme" locale="english")") ==
          "brand.xml:1:20: locale 'english' is not a language tag like en-US");
    CHECK(brand_error("", R"(name="Acme" locale="en-us")") ==
          "brand.xml:1:20: locale 'en-us' is not a language tag like en-US");
    CHECK(brand_error("", R"(title="Acme")") == "brand.xml:1:8: <brand> has no attribute 'title'; it takes: name, locale, languages");
    CHECK(brand_error("<name canonical=\"Acme\"><variant>ACME Inc</variant><alias>x</alias></name>") ==
          "brand.xml:2:51: <name> takes <variant> elements, not <alias>");
}

TEST_CASE("what pugixml would let pass is refused too, at its place") {
    CHECK(brand_error("<avoid term=\"cheap\" term=\"x\"/>") == "brand.xml:2:1: <avoid> has the attribute 'term' twice");
    CHECK(brand_error("<avoid term=\"a&nbsp;b\"/>") ==
          "brand.xml:2:15: '&nbsp;' is no XML entity; write the character itself (or &amp;nbsp; for the text)");
    CHECK(brand_error("<avoid term=\"R&D\"/>") == "brand.xml:2:15: a bare '&' is not XML; write &amp;");
    CHECK(brand_error("<avoid term=\"R&amp;D &#233; &#xE9;\"/>\n<!-- & in a comment -->") == "no error");
    CHECK(brand_error("", R"(name="A")", "</brand>\n<brand name=\"B\">") ==
          "brand.xml:4:1: a second root element <brand>; the file takes one");
    CHECK(brand_error("<avoid reason=\"a > b\" sevrity=\"error\" term=\"cheap\"/>") ==
          "brand.xml:2:23: <avoid> has no attribute 'sevrity'; it takes: term, pattern, severity, reason, suggest, channels, case, lang");
    CHECK(brand_error("<channel id=\"a b\"/>") == "brand.xml:2:10: channel id 'a b' is not a simple name: letters, digits, '-', '_' and '.'");
    CHECK(brand_error("<channel id=\"&lt;img&gt;\"/>").find("is not a simple name") != std::string::npos);
    ScratchDir dir;
    auto doctype = dir.write("brand.xml", "<!DOCTYPE brand [<!ENTITY e \"x\">]>\n<brand name=\"A\"/>\n");
    CHECK_THROWS_WITH(test::read_brand_file(doctype), doctype.string() + ":1:1: a configuration file takes no DOCTYPE");
    auto latin = dir.write("latin.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<brand name=\"A\"/>\n");
    CHECK_THROWS_WITH(test::read_brand_file(latin),
                      Catch::Contains("declares encoding 'ISO-8859-1'; configuration files are UTF-8"));
    auto trailing = dir.write("trailing.xml", "<brand name=\"A\"/>\n  trailing\n");
    CHECK_THROWS_WITH(test::read_brand_file(trailing), trailing.string() + ":2:3: text outside the root element");
    auto cr = dir.write("cr.xml", "<brand name=\"A\">\r  <avoid term=\"x\" sevrity=\"error\"/>\r</brand>\r");
    CHECK_THROWS_WITH(test::read_brand_file(cr), Catch::StartsWith(cr.string() + ":2:19: <avoid> has no attribute 'sevrity'"));
}

TEST_CASE("terminology refuses rules that contradict each other") {
    CHECK(brand_error("<prefer term=\"patient\" instead-of=\"customer\"><variant>client</variant></prefer>") ==
          "brand.xml:2:46: <prefer> takes no <variant> element");
    CHECK(brand_error("<prefer term=\"cheap\" instead-of=\"budget\"/>\n<avoid term=\"Cheap\"/>") ==
          "brand.xml:3:8: 'Cheap' is both preferred and avoided (the other is at line 2); keep one of the two");
    CHECK(brand_error("<name canonical=\"Riverbend Health\"/>\n<name canonical=\"riverbend health\"/>") ==
          "brand.xml:3:7: 'riverbend health' is already listed at line 2; a word may be flagged by one rule only");
    CHECK(brand_error("<name canonical=\"Riverbend Health\"/>\n<prefer term=\"us\" instead-of=\"Riverbend Health\"/>") ==
          "brand.xml:3:19: 'Riverbend Health' is already listed at line 2; a word may be flagged by one rule only");
    CHECK(brand_error("<name canonical=\"Acme\"><variant>ACME</variant></name>") ==
          "brand.xml:2:24: 'ACME' is already listed at line 2; a word may be flagged by one rule only");
    CHECK(brand_error("<avoid reason=\"x\"/>") == "brand.xml:2:1: <avoid> needs a 'term' or a 'pattern' attribute");
}

TEST_CASE("malformed XML is refused with its place") {
    ScratchDir dir;
    auto file = dir.write("brand.xml", "<brand name=\"Acme\">\n  <avoid term=\"cheap\">\n</brand>\n");
    try {
        read_brand(file);
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()) == file.string() + ":3:3: this is not well-formed XML: Start-end tags mismatch");
    }
}

TEST_CASE("project file faults name the place and say what is wrong") {
    CHECK(project_error("<brand file=\"missing.xml\"/>") == "touchpoint.xml:2:8: brand file 'missing.xml' does not exist");
    CHECK(project_error("<chanel id=\"x\" include=\"**\"/>") ==
          "touchpoint.xml:2:1: unknown element <chanel> in <touchpoint>; expected brand, channel, front-matter, ignore, pack, plugins, rule, schedule or speakers");
    CHECK(project_error("<channel id=\"x\"/>") == "touchpoint.xml:2:1: <channel> needs a 'include' attribute");
    CHECK(project_error("<channel id=\"x\" include=\"a/**\"/><channel id=\"x\" include=\"b/**\"/>") ==
          "touchpoint.xml:2:33: duplicate channel 'x'; the first is at line 2 (list several globs in one include, separated by spaces)");
    CHECK(project_error("<ignore></ignore>") == "touchpoint.xml:2:1: <ignore> is empty");
    CHECK_THAT(project_error("<pack id=\"nope\"/>"),
               Catch::StartsWith("touchpoint.xml:2:7: no rule pack 'nope' in the project's rules/ folder or in "));
    CHECK(project_error("<plugins dir=\"nowhere\"/>") == "touchpoint.xml:2:10: plugin folder 'nowhere' does not exist");
}

TEST_CASE("the project file assigns channels by the first matching glob and ignores") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"/>)");
    auto file = dir.write("touchpoint.xml", R"(<touchpoint>
  <brand file="brand.xml"/>
  <channel id="signage" include="signage/** lobby/*.txt"/>
  <channel id="script" include="scripts/**"/>
  <ignore>archive/**</ignore>
  <ignore>*.draft.md</ignore>
</touchpoint>)");
    Project project = read_project(file, dir.path());
    CHECK(channel_for(&project, "signage/a.txt") == "signage");
    CHECK(channel_for(&project, "lobby/b.txt") == "signage");
    CHECK(channel_for(&project, "scripts/x/y.md") == "script");
    CHECK(channel_for(&project, "web/index.md") == "marketing");
    CHECK(project.ignored("archive/old.md"));
    CHECK(project.ignored("web/new.draft.md"));
    CHECK_FALSE(project.ignored("web/new.md"));
    CHECK(project.brand_file == dir.path() / "brand.xml");
}

TEST_CASE("without a project file, files are marketing and only 'script' holds staff scripts") {
    CHECK(channel_for(nullptr, "signage/a.txt") == "marketing");
    CHECK(is_script_channel(nullptr, "script"));
    CHECK_FALSE(is_script_channel(nullptr, "signage"));
}

TEST_CASE("a project's kind=\"script\" makes a channel hold staff scripts, and can unmake 'script'") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"/>)");
    auto file = dir.write("touchpoint.xml", R"(<touchpoint>
  <brand file="brand.xml"/>
  <channel id="phone" include="calls/**" kind="script"/>
  <channel id="script" include="scripts/**" kind="prose"/>
</touchpoint>)");
    Project project = read_project(file, dir.path());
    CHECK(is_script_channel(&project, "phone"));
    CHECK_FALSE(is_script_channel(&project, "script"));
    CHECK_FALSE(is_script_channel(&project, "marketing"));
}

TEST_CASE("lists split at any separator, trimmed, without empty items") {
    using V = std::vector<std::string>;
    CHECK(split_list("Staff, Nurse ,,Doctor,", ",") == V{"Staff", "Nurse", "Doctor"});
    CHECK(split_list("  signage\tscript\n marketing ", " \t\r\n") == V{"signage", "script", "marketing"});
    CHECK(split_list("", ",").empty());
    CHECK(split_list(" , ", ",").empty());
}

TEST_CASE("the project file is found by looking upward") {
    ScratchDir dir;
    dir.write("touchpoint.xml", "<touchpoint/>");
    dir.write("a/b/c/file.md", "x");
    auto found = find_project(dir.path() / "a" / "b" / "c");
    REQUIRE(found);
    CHECK(*found == dir.path() / "touchpoint.xml");
}

TEST_CASE("brand languages and lang are validated at their place") {
    const std::string both = R"(name="Acme" locale="en-US" languages="en-US es-US")";
    CHECK(brand_error("", R"(name="Acme" languages="en-US es-US es-MX")") ==
          "brand.xml:1:20: 'languages' lists es twice");
    CHECK_THAT(brand_error("", R"(name="Acme" locale="en-US" languages="es-US")"),
               Catch::Contains("'languages' does not list the locale en-US"));
    CHECK_THAT(brand_error("", R"(name="Acme" locale="en-US" languages="es-US en-US")"),
               Catch::Contains("'languages' lists the locale en-US after es-US; the locale, the default language, comes first"));
    CHECK_THAT(brand_error("<prefer lang=\"fr\" term=\"patient\" instead-of=\"client\"/>", both),
               Catch::Contains("brand.xml:2:9: lang 'fr' is not one of the brand's languages (en-US es-US)"));
    CHECK_THAT(brand_error("<channel id=\"signage\" languages=\"en en\"/>", both), Catch::Contains("'languages' lists en twice"));
    CHECK_THAT(brand_error("<name lang=\"es\" canonical=\"Acme\"/>", both), Catch::Contains("<name> has no attribute 'lang'"));
    CHECK(brand_error("<prefer lang=\"es\" term=\"paciente\" instead-of=\"cliente\"/><prefer term=\"patient\" instead-of=\"client\"/>", both) ==
          "no error");
}

TEST_CASE("the bilingual brand file of docs/languages.md (the contract's) reads as it says") {
    std::string page = test::read_file(test::source_dir() / "docs" / "languages.md");
    size_t start = page.find("```xml\n<brand ");
    REQUIRE(start != std::string::npos);
    start += 7;
    ScratchDir dir;
    auto file = dir.write("brand.xml", page.substr(start, page.find("```", start) - start));
    Brand brand = test::read_brand_file(file);
    CHECK(brand.locale == "en-US");
    CHECK(brand.languages == std::vector<std::string>{"en-US", "es-US"});
    CHECK(brand.promise_in("es") == "Atención compasiva que lo trata como familia.");
    REQUIRE(brand.channel("signage"));
    CHECK(brand.channel("signage")->languages == std::vector<std::string>{"en", "es"});
    int spanish = 0;
    for (const BrandElement& element : brand.elements) spanish += element.lang == "es";
    CHECK(spanish == 3);  // the Spanish prefer, avoid and accept
}
