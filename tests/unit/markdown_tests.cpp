// Markdown as CommonMark reads it, where Debian 12's md4c 0.4.8 misreads real documents.
#include "formats/md4c_input.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

Location where(const Document& d, std::string_view phrase) {
    size_t at = d.text().find(phrase);
    REQUIRE(at != std::string_view::npos);
    return d.locate(uint32_t(at));
}

}  // namespace

TEST_CASE("Markdown: a closing fence followed by a tab closes the code (md4c issue 292)", "[markdown]") {
    std::string source = "~~~\ncode\n~~~\t\n\nProse after.\n";
    Document d = test::make_document(source, Format::markdown);
    CHECK(d.text() == "Prose after.");
    CHECK(where(d, "after").line == 5);
    CHECK(md4c_input(source, 0) == "~~~\ncode\n~~~ \n\nProse after.\n");
}

TEST_CASE("Markdown: a fence indented four columns after a paragraph line is text of it (md4c issue 189)", "[markdown]") {
    std::string source = "Para line\n    ~~~\nStill para.\n\n1. Item\n       ~~~\n   still item\n\nProse after.\n";
    Document d = test::make_document(source, Format::markdown);
    CHECK(d.text() == "Para line ~~~ Still para.\n\nItem ~~~ still item\n\nProse after.");
    CHECK((where(d, "~~~").line == 2 && where(d, "~~~").column == 5));
    CHECK(where(d, "Still").line == 3);
    CHECK(where(d, "after").line == 9);
}

TEST_CASE("Markdown: fences of list items are left alone", "[markdown]") {
    std::string source = "1. Step:\n\n    {% include x %}\n    ~~~ sql\n    SELECT 1;\n    ~~~\n\n    Done.\n";
    CHECK(md4c_input(source, 0).empty());
    CHECK(test::make_document(source, Format::markdown).text().find("SELECT") == std::string_view::npos);
}

TEST_CASE("Markdown: where md4c loses a list in a long document, what follows is still prose", "[markdown]") {
    std::string source = test::read_file(test::source_dir() / "tests" / "data" / "md4c-lost-list.md");
    Document d = test::make_document(source, Format::markdown);
    Location returns = where(d, "The query returns successfully.");
    CHECK(returns.line == 138);
    CHECK(returns.column == 5);
    CHECK(d.text().find("0_explain_theory_something") == std::string_view::npos);  // code stays code
    CHECK(d.text().find("Start the demo cluster with 3 nodes:") != std::string_view::npos);
}

TEST_CASE("Markdown: a line left of a list item's code ends it; a fence after it is paragraph text", "[markdown]") {
    std::string source = "1. Run:\n\n    ~~~ sql\n    SELECT 1;\nALTER TABLE x;\n    ~~~\n\n## See also\n";
    Document d = test::make_document(source, Format::markdown);
    CHECK(d.text().find("See also") != std::string_view::npos);
    CHECK(where(d, "See also").line == 8);
}

TEST_CASE("Markdown: a | inside a template tag does not split a table cell", "[markdown]") {
    std::string source = "Kind | Advice\n-----|-------\nCPU | {{ minimum | strip }} Use larger VMs.\n";
    Document d = test::make_document(source, Format::markdown);
    CHECK((where(d, "Use larger").line == 3 && where(d, "Use larger").column == 29));
}

TEST_CASE("Markdown: raw HTML nested too deeply is refused, as in an HTML file", "[markdown]") {
    std::string deep = "Text.\n\n";
    for (int i = 0; i < 5000; ++i) deep += "<div>";
    CHECK_THROWS_WITH(extract_markdown(deep + "\n"), "its elements nest deeper than 4096 levels");
}

TEST_CASE("Markdown: a Liquid comment is blanked with its content", "[markdown]") {
    std::string source = "Before {% comment %}Customer note{% endcomment %} after {{ x }} end.\n";
    Document d = test::make_document(source, Format::markdown);
    CHECK(d.text().find("Customer") == std::string_view::npos);
    CHECK((where(d, "after").line == 1 && where(d, "after").column == 51));
    CHECK(where(d, "end").column == 65);
}
