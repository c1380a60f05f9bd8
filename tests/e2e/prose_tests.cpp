// What the reader reads: code, inline HTML, entities and raw HTML blocks in Markdown, as
// the checks see them, each finding at its place in the original file.
#include "support.hpp"

#include <Poco/JSON/Parser.h>

#include <catch2/catch.hpp>

using namespace touchpoint;
using test::run_touchpoint;
using test::ScratchDir;

namespace {

const std::string brand = R"(<brand name="Riverbend Health">
  <name canonical="Riverbend Health"/>
  <prefer term="patient" instead-of="customer"/>
  <avoid term="see below" reason="Link to it."/>
</brand>
)";

struct Found {
    std::string rule, match;
    int line, column;
};

std::vector<Found> check(const std::string& markdown) {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("copy.md", markdown);
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "copy.md", "--format", "json"}, dir.path());
    REQUIRE(result.exit_code <= 1);
    Poco::JSON::Parser parser;
    auto findings = parser.parse(result.out).extract<Poco::JSON::Object::Ptr>()->getArray("findings");
    std::vector<Found> found;
    for (size_t i = 0; i < findings->size(); ++i) {
        auto f = findings->getObject(unsigned(i));
        found.push_back({f->getValue<std::string>("rule"), f->getValue<std::string>("match"), f->getValue<int>("line"),
                         f->getValue<int>("column")});
    }
    return found;
}

bool any_match(const std::vector<Found>& found, std::string_view text) {
    return std::any_of(found.begin(), found.end(), [&](const Found& f) { return f.match.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("Markdown: an inline code span separates the words either side") {
    auto found = check("See `x` below.\n\nRiverbend `x` Health and Riverbend``Health``.\n");
    CHECK(found.empty());
    CHECK_FALSE(any_match(found, "`"));
}

TEST_CASE("Markdown: a line-breaking HTML tag separates words; an inline one does not") {
    auto found = check("Hello<br>customer and N/A<br/>Note.\n\nOur cust<b>om</b>er.\n");
    REQUIRE(found.size() == 2);
    CHECK(found[0].match == "customer");
    CHECK(found[0].line == 1);
    CHECK(found[0].column == 10);
    CHECK(found[1].match == "customer");
    CHECK(found[1].line == 3);
    CHECK(found[1].column == 5);
    CHECK_FALSE(any_match(found, "ANote"));
    CHECK_FALSE(any_match(found, "Hellocustomer"));
}

TEST_CASE("Markdown: every HTML5 named character reference is decoded before spelling") {
    auto found = check("Next &rarr; back &larr; more &raquo; &hearts; &NotGreaterFullEqual;\n");
    CHECK(found.empty());
}

TEST_CASE("Markdown: raw HTML blocks read like an HTML file, at their places") {
    auto found = check("# Title\n\n<p>Our customer</p>\n\n> <div class=\"note\">\n> Dear customer,\n> <code>customer</code>\n"
                       "> </div>\n\n<img alt=\"A customer smiles\">\n\n<script>customer = 1;</script>\n\nAfter customer.\n");
    REQUIRE(found.size() == 4);
    CHECK((found[0].line == 3 && found[0].column == 8));
    CHECK((found[1].line == 6 && found[1].column == 8));
    CHECK((found[2].line == 10 && found[2].column == 13));
    CHECK((found[3].line == 14 && found[3].column == 7));
}

TEST_CASE("front matter: the project file's prose keys are checked, at their places; others are not") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("touchpoint.xml", "<touchpoint>\n  <brand file=\"brand.xml\"/>\n  <front-matter prose=\"title lede\"/>\n</touchpoint>\n");
    dir.write("page.md", "---\ntitle: \"For every customer\"\ndescription: A customer page\nlede: >\n  Dear\n  customer\n---\nBody.\n");
    auto result = run_touchpoint({"check", "page.md"}, dir.path());
    CHECK(result.out.find("page.md:2:19: warning: Use 'patient' instead of 'customer'.") != std::string::npos);
    CHECK(result.out.find("page.md:6:3: warning: Use 'patient' instead of 'customer'.") != std::string::npos);
    CHECK(result.out.find("page.md:3:") == std::string::npos);
    CHECK(result.out.find("2 findings") != std::string::npos);
}

TEST_CASE("Markdown: the text after inline <code> is read") {
    auto found = check("Use <a href=\"x.html\"><code>customer</code></a> for every customer.\n");
    REQUIRE(found.size() == 1);
    CHECK((found[0].line == 1 && found[0].column == 58));
}

TEST_CASE("Markdown: inline <img alt>, title and aria-label are read where the tag stands") {
    auto found = check("See <img src=\"a.png\" alt=\"A customer smiles\"> and <abbr title=\"our customer\">OC</abbr>.\n");
    REQUIRE(found.size() == 2);
    CHECK((found[0].line == 1 && found[0].column == 29));
    CHECK((found[1].line == 1 && found[1].column == 68));
}
