// Positions: every byte of extracted text maps back to the original line and column.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
using touchpoint::test::make_document;

namespace {
// Line and column of the first occurrence of `needle` in the document's text.
Location where(const Document& document, std::string_view needle, int nth = 0) {
    size_t at = document.text().find(needle);
    while (nth-- > 0) at = document.text().find(needle, at + 1);
    REQUIRE(at != std::string_view::npos);
    return document.locate(uint32_t(at));
}
}  // namespace

TEST_CASE("plain text positions count code points, not bytes") {
    Document d = make_document("héllo wörld\n\tcafé cheap\n");
    Location l = where(d, "cheap");
    CHECK(l.line == 2);
    CHECK(l.column == 7);
    CHECK(where(d, "wörld").column == 7);
}

TEST_CASE("CRLF line endings keep lines and columns right") {
    Document d = make_document("one\r\ntwo cheap\r\nthree");
    CHECK(where(d, "cheap").line == 2);
    CHECK(where(d, "cheap").column == 5);
    CHECK(d.source_line(2) == "two cheap");
}

TEST_CASE("Markdown: only prose is extracted") {
    Document d = make_document(
        "---\nlayout: cheap\n---\n# Heading cheap\n\nText `code cheap` and [link](http://cheap.example) "
        "<!-- cheap --> {{ cheap }} {% cheap %}.\n\n```\ncheap\n```\n\n    cheap indented\n",
        Format::markdown);
    std::string_view text = d.text();
    CHECK(text.find("Heading cheap") != std::string_view::npos);
    CHECK(text.find("link") != std::string_view::npos);
    size_t count = 0;
    for (size_t at = text.find("cheap"); at != std::string_view::npos; at = text.find("cheap", at + 1)) ++count;
    CHECK(count == 1);
    REQUIRE(d.links().size() == 1);
    CHECK(d.links()[0].destination == "http://cheap.example");
}

TEST_CASE("Markdown positions stay exact after markup, entities and escapes") {
    std::string source = "# Title\n\nSome **bold** text &amp; \\*more\\* caf&eacute; cheap\nsecond *line* here\n";
    Document d = make_document(source, Format::markdown);
    CHECK(d.text().find("bold text & *more* café cheap") != std::string_view::npos);
    Location cheap = where(d, "cheap");
    CHECK(cheap.line == 3);
    CHECK(cheap.column == 1 + int(std::string("Some **bold** text &amp; \\*more\\* caf&eacute; ").size()));
    Location line = where(d, "line");
    CHECK(line.line == 4);
    CHECK(line.column == 9);
    // A decoded entity maps to its whole source range.
    size_t amp = d.text().find('&');
    CHECK(d.locate(uint32_t(amp)).column == 20);
    CHECK(d.locate_source(d.source_offset(uint32_t(amp), true)).column == 24);
}

TEST_CASE("Markdown blocks are separated by a blank line only where the source has one") {
    Document d = make_document("# Sign one\nfirst line\n\nSign two\n\n- item a\n- item b\n", Format::markdown);
    CHECK(d.text() == "Sign one\nfirst line\n\nSign two\n\nitem a\nitem b");
}

TEST_CASE("Markdown front matter names the channel") {
    Extracted e = extract_markdown("---\ntitle: x\nchannel: signage\n---\nText\n");
    CHECK(e.channel == "signage");
    CHECK(e.text == "x\n\nText");  // the title is prose
    CHECK(extract_markdown("---\nchannel: signage\nno closing line\n").channel.empty());
}

TEST_CASE("decoding drops a byte-order mark, converts UTF-16 and refuses binary and non-UTF-8") {
    std::string why;
    CHECK(decode("\xEF\xBB\xBFhello", why) == "hello");
    CHECK(decode(std::string("\xFF\xFEh\0i\0", 6), why) == "hi");
    CHECK(decode(std::string("\xFE\xFF\0h\0i", 6), why) == "hi");
    CHECK_FALSE(decode(std::string("ab\0cd", 5), why));
    CHECK(why == "a binary file");
    CHECK_FALSE(decode("line\nbad \xE9t\xE9", why));
    CHECK(why == "not UTF-8 (byte 0xE9 at line 2, column 5)");
}

TEST_CASE("possessive endings are not part of a word; URLs and e-mail addresses are literals") {
    Document d = make_document("The family's room, the Smiths' car, www.cheap.example and a@b.org now.");
    auto words = d.words();
    REQUIRE(words.size() >= 2);
    CHECK(d.text().substr(words[1].begin, words[1].end - words[1].begin) == "family");
    CHECK(d.key(words[1]) == "family");
    int literal = 0;
    for (const Word& w : words) literal += w.in_literal;
    CHECK(literal == 2);  // www.cheap.example, a@b.org
}
