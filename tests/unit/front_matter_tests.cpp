// Markdown front matter: the values of prose keys are read at their places; other keys,
// lists and maps are not; the project file can name the keys.
#include "config/project.hpp"
#include "support.hpp"
#include "config/xml_file.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
using test::ScratchDir;

namespace {

Location where(const Document& d, std::string_view phrase) {
    size_t at = d.text().find(phrase);
    REQUIRE(at != std::string_view::npos);
    return d.locate(uint32_t(at));
}

Document markdown(const std::string& source, const ProseKeys& keys = default_prose_keys()) {
    Extracted e = extract_markdown(source, keys);
    return Document("x.md", "marketing", source, e.text, e.runs, e.links);
}

}  // namespace

TEST_CASE("front matter: title, description, summary, subtitle and excerpt are prose, at their places", "[front-matter]") {
    std::string source =
        "---\n"
        "layout: customer\n"
        "title: Our customer page # a comment\n"
        "description: \"Dear \\\"customer\\\" caf\\u00e9\"\n"
        "summary: 'it''s a customer'\n"
        "tags: [customer]\n"
        "subtitle: >-\n"
        "  Folded customer\n"
        "  text\n"
        "excerpt: |\n"
        "  Literal\n"
        "  customer\n"
        "channel: signage\n"
        "---\n"
        "Body customer.\n";
    Extracted e = extract_markdown(source);
    CHECK(e.channel == "signage");
    CHECK(e.text == "Our customer page\n\nDear \"customer\" caf\u00e9\n\nit's a customer\n\nFolded customer text\n\n"
                    "Literal\ncustomer\n\nBody customer.");
    Document d = markdown(source);
    CHECK((where(d, "customer page").line == 3 && where(d, "customer page").column == 12));
    CHECK((where(d, "customer\"").line == 4 && where(d, "customer\"").column == 22));
    CHECK((where(d, "customer\"").line == 4 && d.locate(uint32_t(d.text().find("caf\u00e9") + 3)).column == 36));
    CHECK((where(d, "a customer").line == 5 && where(d, "a customer").column == 17));
    CHECK((where(d, "Folded").line == 8 && where(d, "Folded").column == 3));
    CHECK((where(d, "customer\n\nBody").line == 12 && where(d, "customer\n\nBody").column == 3));
    CHECK(where(d, "Body").line == 15);
}

TEST_CASE("front matter: other keys, lists, maps and invalid values are not read", "[front-matter]") {
    Extracted e = extract_markdown("---\nlayout: customer\ntitle:\n  - customer\ndescription: \"Our customers\" is what\n"
                                   "summary:\n  nested: customer\nexcerpt: \"never closed\n---\nBody.\n");
    CHECK(e.text == "Body.");
    CHECK(extract_markdown("---\ntitle: customer\nno closing line\n").text == "title: customer no closing line");
    CHECK(extract_markdown("--- \ntitle: Trailing\n---  \nBody.\n").text == "Trailing\n\nBody.");  // as Jekyll reads it
}

TEST_CASE("front matter: the prose keys are the project's when it names them", "[front-matter]") {
    CHECK(extract_markdown("---\ntitle: One\nlede: Two\n---\nBody.\n", {"lede"}).text == "Two\n\nBody.");
    CHECK(extract_markdown("---\ntitle: One\n---\nBody.\n", {}).text == "Body.");
    ScratchDir dir;
    auto file = dir.write("touchpoint.xml", "<touchpoint>\n  <front-matter prose=\"title lede\"/>\n</touchpoint>\n");
    CHECK(read_project(file, dir.path()).prose_keys == ProseKeys{"title", "lede"});
    auto bad = dir.write("bad.xml", "<touchpoint>\n  <front-matter prose=\"title [x]\"/>\n</touchpoint>\n");
    try {
        read_project(bad, dir.path());
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK_THAT(e.what(), Catch::EndsWith("bad.xml:2:17: '[x]' is not a front matter key; list keys such as title "
                                             "description, separated by spaces"));
    }
    CHECK_FALSE(read_project(dir.write("none.xml", "<touchpoint/>\n"), dir.path()).prose_keys);
}

TEST_CASE("front matter: TOML (Hugo's +++) top-level strings", "[front-matter]") {
    std::string source = "+++\ntitle = \"Our \\\"customer\\\"\"\ndescription = 'A customer page'\ndraft = false\n"
                         "summary = \"\"\"\nlong\n\"\"\"\nchannel = \"signage\"\n[params]\nexcerpt = \"not top-level\"\n+++\nBody.\n";
    Extracted e = extract_markdown(source);
    CHECK(e.text == "Our \"customer\"\n\nA customer page\n\nBody.");
    CHECK(e.channel == "signage");
    Document d = markdown(source);
    CHECK((where(d, "customer\"").line == 2 && where(d, "customer\"").column == 16));
    CHECK((where(d, "A customer").line == 3 && where(d, "A customer").column == 16));
}
