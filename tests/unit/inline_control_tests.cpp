// Inline control directives in each format's comment syntax, and what they suppress.
#include "engine/inline_control.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

TEST_CASE("inline control: Markdown comments disable rules by line, with a reason") {
    std::string source =
        "Line one.\n"
        "<!-- touchpoint-disable terminology.avoid -- quoting a patient -->\n"
        "We guarantee it.\n"
        "<!-- touchpoint-enable terminology.avoid -->\n"
        "<!-- touchpoint-disable-next-line -->\n"
        "\n"
        "Cheap care.\n"
        "Cheap again.\n";
    std::string text = source;
    std::vector<Directive> directives = find_directives(source, Format::markdown, text);
    REQUIRE(directives.size() == 3);
    CHECK(directives[0].kind == Directive::disable);
    CHECK(directives[0].rules == std::vector<std::string>{"terminology.avoid"});
    CHECK(directives[0].reason == "quoting a patient");
    Suppressions suppressions(std::move(directives), source);
    CHECK(suppressions.reason("terminology.avoid", 3) == "quoting a patient");
    CHECK_FALSE(suppressions.reason("terminology.prefer", 3));  // another rule
    CHECK_FALSE(suppressions.reason("terminology.avoid", 1));   // before it
    CHECK_FALSE(suppressions.reason("terminology.avoid", 8));   // after enable
    // disable-next-line covers the next line with content, past the blank one, any rule.
    CHECK(suppressions.reason("terminology.avoid", 7) == "");
    CHECK(suppressions.reason("spelling.unknown-word", 7) == "");
    CHECK_FALSE(suppressions.reason("terminology.avoid", 8));
}

TEST_CASE("inline control: a plain-text directive line is blanked in the prose, keeping every offset") {
    std::string source = "# touchpoint-disable-next-line terminology.prefer\nOur customers.\n";
    std::string text = source;
    std::vector<Directive> directives = find_directives(source, Format::plain_text, text);
    REQUIRE(directives.size() == 1);
    CHECK(text.size() == source.size());
    CHECK(text.find("touchpoint") == std::string::npos);
    CHECK(text.substr(text.find('\n') + 1) == "Our customers.\n");
    Suppressions suppressions(std::move(directives), source);
    CHECK(suppressions.reason("terminology.prefer", 2) == "");
}

TEST_CASE("inline control: formats without comments take none, and text that only mentions a directive is none") {
    std::string csv = "id,message\nA1,touchpoint-disable\n";
    std::string text = csv;
    CHECK(find_directives(csv, Format::csv, text).empty());
    std::string prose = "Write touchpoint-disable in a comment to silence a rule.\n";
    std::string prose_text = prose;
    CHECK(find_directives(prose, Format::markdown, prose_text).empty());
}
