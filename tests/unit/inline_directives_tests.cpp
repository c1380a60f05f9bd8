// Inline control, directive by directive: what each one suppresses (next line, a range,
// named rules or all), its reason, and what is no directive at all. (inline_control_tests.cpp
// has the comment syntax per format.)
#include "engine/inline_control.hpp"
#include "formats/formats.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

// The directives of a source as loading finds them: in the prose its format's reader extracts.
std::vector<Directive> directives_of(const std::string& source, Format format = Format::markdown) {
    Extracted extracted = extract(format, source);
    return find_directives(source, format, extracted.text, extracted.raw_html);
}

Suppressions suppressions_of(const std::string& source, Format format = Format::markdown) {
    return Suppressions(directives_of(source, format), source);
}

}  // namespace

TEST_CASE("inline directives: disable-next-line covers the next line only, for the rules it names", "[inline]") {
    Suppressions s = suppressions_of(
        "<!-- touchpoint-disable-next-line terminology -->\n"
        "Cheap care.\n"
        "Cheap again.\n");
    CHECK(s.reason("terminology.avoid", 2) == "");  // a plugin's name covers its rules
    CHECK(s.reason("terminology.prefer", 2) == "");
    CHECK_FALSE(s.reason("terminology.avoid", 3));
    CHECK_FALSE(s.reason("spelling.unknown-word", 2));
    CHECK_FALSE(s.reason("terminology.avoid", 1));
}

TEST_CASE("inline directives: a rule name covers that rule and its own, not names it begins", "[inline]") {
    Suppressions s = suppressions_of("<!-- touchpoint-disable term, terminology.avoid -->\nText.\n");
    CHECK(s.reason("terminology.avoid", 2));
    CHECK(s.reason("term.x", 2));
    CHECK_FALSE(s.reason("terminology.avoidance", 2));
    CHECK_FALSE(s.reason("terminology.prefer", 2));  // "term" is no prefix of "terminology"
}

TEST_CASE("inline directives: a range runs from its directive's line to the enable's", "[inline]") {
    Suppressions s = suppressions_of(
        "Before.\n"                                                   // 1
        "<!-- touchpoint-disable terminology.avoid, spelling -->\n"   // 2
        "Inside.\n"                                                   // 3
        "Inside.\n"                                                   // 4
        "<!-- touchpoint-enable terminology.avoid, spelling -->\n"    // 5
        "After.\n");                                                  // 6
    CHECK_FALSE(s.reason("terminology.avoid", 1));
    for (int line : {2, 3, 4}) {
        CHECK(s.reason("terminology.avoid", line) == "");
        CHECK(s.reason("spelling.unknown-word", line) == "");
        CHECK_FALSE(s.reason("pillars.missing", line));
    }
    CHECK_FALSE(s.reason("terminology.avoid", 5));
    CHECK_FALSE(s.reason("spelling.unknown-word", 6));
}

TEST_CASE("inline directives: a range never closed runs to the end of the document", "[inline]") {
    Suppressions s = suppressions_of("Text.\n<!-- touchpoint-disable -- legacy page -->\nText.\n");
    CHECK_FALSE(s.reason("terminology.avoid", 1));
    CHECK(s.reason("terminology.avoid", 3) == "legacy page");
    CHECK(s.reason("anything.at-all", 100000) == "legacy page");
}

TEST_CASE("inline directives: enabling one rule inside a disable of all keeps the others off", "[inline]") {
    Suppressions s = suppressions_of(
        "<!-- touchpoint-disable -->\n"
        "<!-- touchpoint-enable spelling -->\n"
        "Text.\n"
        "<!-- touchpoint-enable -->\n"
        "Text.\n");
    CHECK(s.reason("terminology.avoid", 3));
    CHECK_FALSE(s.reason("spelling.unknown-word", 3));
    CHECK_FALSE(s.reason("terminology.avoid", 5));
    // And the reverse: an enable of all ends a named disable.
    Suppressions t = suppressions_of("<!-- touchpoint-disable spelling -->\n<!-- touchpoint-enable -->\nText.\n");
    CHECK_FALSE(t.reason("spelling.unknown-word", 3));
}

TEST_CASE("inline directives: the reason is what follows the first --, trimmed", "[inline]") {
    std::vector<Directive> d = directives_of(
        "<!-- touchpoint-disable-next-line terminology.avoid --   quoting a patient -- verbatim  -->\n"
        "<!--touchpoint-disable-next-line-->\n"
        "<!-- touchpoint-disable -- -->\n");
    REQUIRE(d.size() == 3);
    CHECK(d[0].reason == "quoting a patient -- verbatim");
    CHECK(d[0].rules == std::vector<std::string>{"terminology.avoid"});
    CHECK(d[1].kind == Directive::disable_next_line);
    CHECK(d[1].rules.empty());
    CHECK(d[1].reason.empty());
    CHECK(d[2].kind == Directive::disable);
    CHECK(d[2].rules.empty());  // "--" with no reason: still every rule
}

TEST_CASE("inline directives: the last directive before a line decides its reason", "[inline]") {
    Suppressions s = suppressions_of(
        "<!-- touchpoint-disable -- whole section -->\n"
        "<!-- touchpoint-disable-next-line terminology -- a quotation -->\n"
        "Text.\n"
        "Text.\n");
    CHECK(s.reason("terminology.avoid", 3) == "a quotation");
    CHECK(s.reason("spelling.unknown-word", 3) == "whole section");
    CHECK(s.reason("terminology.avoid", 4) == "whole section");
}

TEST_CASE("inline directives: a directive over several lines counts from its last", "[inline]") {
    std::vector<Directive> d = directives_of("<!--\n  touchpoint-disable-next-line\n-->\nText.\nText.\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].first_line == 1);
    CHECK(d[0].line == 3);
    Suppressions s = suppressions_of("<!--\n  touchpoint-disable-next-line\n-->\nText.\nText.\n");
    CHECK(s.reason("x.y", 4));
    CHECK_FALSE(s.reason("x.y", 5));
}

TEST_CASE("inline directives: disable-next-line on the last line covers nothing", "[inline]") {
    Suppressions s = suppressions_of("Text.\n<!-- touchpoint-disable-next-line -->");
    for (int line : {1, 2}) CHECK_FALSE(s.reason("x.y", line));
    CHECK_FALSE(s.empty());
}

TEST_CASE("inline directives: unknown directives and unclosed comments are no directives", "[inline]") {
    for (const char* source : {"<!-- touchpoint-disabled -->\n", "<!-- touchpoint-ignore terminology -->\n",
                               "<!-- touchpoint-disable-next-lines -->\n", "<!-- touchpoint-disable-file -->\n",
                               "<!-- touchpoint-enable-all -->\n", "<!-- please touchpoint-disable -->\n",
                               "<!-- TOUCHPOINT-DISABLE -->\n", "Text.\n<!-- touchpoint-disable\nText.\n"}) {
        INFO(source);
        CHECK(directives_of(source).empty());
        CHECK(suppressions_of(source).empty());
        CHECK_FALSE(suppressions_of(source).reason("terminology.avoid", 2));
    }
}

TEST_CASE("inline directives: HTML and SVG take comments; plain text takes # and // lines", "[inline]") {
    CHECK(suppressions_of("<p>a</p>\n<!-- touchpoint-disable-next-line -->\n<p>b</p>\n", Format::html).reason("x.y", 3));
    CHECK(suppressions_of("<svg>\n<!-- touchpoint-disable -->\n<text>b</text></svg>\n", Format::svg).reason("x.y", 3));
    std::string source = "  // touchpoint-disable-next-line spelling -- names\r\nZyx Qwv.\r\n";
    std::string text = source;
    std::vector<Directive> d = find_directives(source, Format::plain_text, text);
    REQUIRE(d.size() == 1);
    CHECK(d[0].reason == "names");
    // The directive line is blanked, its CR kept, so offsets and line endings hold.
    CHECK(text == std::string(source.find('\r'), ' ') + "\r\nZyx Qwv.\r\n");
    Suppressions s(std::move(d), source);
    CHECK(s.reason("spelling.unknown-word", 2) == "names");
    // In plain text an HTML comment is prose.
    CHECK(directives_of("<!-- touchpoint-disable -->\n", Format::plain_text).empty());
}

// A fenced code block is not a comment: Markdown that documents the directives (a style
// guide, this project's own docs) must not switch rules off for the rest of the page.
TEST_CASE("inline directives: a comment shown in a Markdown code block is no directive", "[inline]") {
    std::string source =
        "To silence a rule, write:\n"
        "\n"
        "```html\n"
        "<!-- touchpoint-disable -->\n"
        "```\n"
        "\n"
        "We guarantee results.\n";
    CHECK(directives_of(source).empty());
    CHECK_FALSE(suppressions_of(source).reason("terminology.avoid", 7));
    // Nor in a code span; a comment of the page itself still is one.
    CHECK(directives_of("Write `<!-- touchpoint-disable -->` to silence rules.\n").empty());
    CHECK(directives_of("Text <!-- touchpoint-disable-next-line --> here.\n").size() == 1);
    CHECK(directives_of("    <!-- touchpoint-disable -->\n").empty());  // an indented code block
}
