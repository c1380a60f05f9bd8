// touchpoint lsp's parts that need no client: positions in the three encodings, edits,
// framing, the accept-list writer.
#include "actions/accept_word.hpp"
#include "config/config_error.hpp"
#include "lsp/json_rpc.hpp"
#include "lsp/text_buffer.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

using namespace touchpoint;
using namespace touchpoint::lsp;

namespace {

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("an LSP position counts UTF-16 units, bytes or code points as agreed") {
    const std::string text = "Café 😀 x\nnext";  // é: 2 bytes, 1 unit; 😀: 4 bytes, 2 UTF-16 units, 1 code point
    size_t x = text.find('x');
    CHECK(position_of(text, x, Encoding::utf16).character == 8);
    CHECK(position_of(text, x, Encoding::utf8).character == 11);
    CHECK(position_of(text, x, Encoding::utf32).character == 7);
    for (Encoding encoding : {Encoding::utf8, Encoding::utf16, Encoding::utf32})
        CHECK(offset_of(text, position_of(text, x, encoding), encoding) == x);
    CHECK(offset_of(text, {1, 2}, Encoding::utf16) == text.find("xt"));
}

TEST_CASE("a position past a line's end stands at its end, before the line break") {
    const std::string text = "ab\r\ncd";
    CHECK(offset_of(text, {0, 99}, Encoding::utf16) == 2);
    CHECK(offset_of(text, {7, 0}, Encoding::utf16) == text.size());
}

TEST_CASE("a position inside a code point stands at its start") {
    const std::string text = "😀z";
    CHECK(offset_of(text, {0, 1}, Encoding::utf16) == 0);  // between the surrogates
    CHECK(offset_of(text, {0, 2}, Encoding::utf16) == 4);
}

TEST_CASE("incremental edits replace their range, however it is given") {
    std::string text = "Our customers\nwait.";
    replace_range(text, {0, 4}, {0, 13}, "patients", Encoding::utf16);
    CHECK(text == "Our patients\nwait.");
    replace_range(text, {1, 4}, {1, 2}, "!", Encoding::utf16);  // end before start: an insertion
    CHECK(text == "Our patients\nwait!.");
    replace_range(text, {5, 0}, {9, 9}, " Thanks.", Encoding::utf16);  // past the end: appended
    CHECK(text == "Our patients\nwait!. Thanks.");
}

TEST_CASE("frames are read by Content-Length, and a bad header is named") {
    std::istringstream in("Content-Length: 2\r\nContent-Type: x\r\n\r\n{}content-length:3\r\n\r\n[1]"
                          "Content-Length: nine\r\n\r\nContent-Length: 5\r\n\r\n{\"a\"");
    std::string fault;
    CHECK(read_frame(in, fault) == std::optional<std::string>("{}"));
    CHECK(read_frame(in, fault) == std::optional<std::string>("[1]"));
    CHECK(read_frame(in, fault) == std::optional<std::string>(""));
    CHECK(fault.find("not a number") != std::string::npos);
    CHECK(!read_frame(in, fault));  // cut off: the end of the stream
}

TEST_CASE("a lone surrogate escape becomes U+FFFD; pairs and other escapes stay") {
    CHECK(replace_lone_surrogates(R"({"t":"a\ud800b"})") == R"({"t":"a\uFFFDb"})");
    CHECK(replace_lone_surrogates(R"({"t":"\ud83d\ude00"})") == R"({"t":"\ud83d\ude00"})");
    CHECK(replace_lone_surrogates(R"({"t":"\\ud800"})") == R"({"t":"\\ud800"})");  // an escaped backslash, then text
    CHECK(replace_lone_surrogates(R"({"t":"\udc00\u00e9"})") == R"({"t":"\uFFFD\u00e9"})");
}

TEST_CASE("a message over the limit is skipped, not allocated") {
    std::istringstream in("Content-Length: 999999999999\r\n\r\n");
    std::string fault;
    std::optional<std::string> body = read_frame(in, fault);
    CHECK((!body || body->empty()));
    CHECK(fault.find("over the limit") != std::string::npos);
}

TEST_CASE("accept_word adds an <accept> line as the file indents, once") {
    test::ScratchDir dir;
    dir.write("brand.xml", "<brand name=\"A\">\n    <accept>telehealth</accept>\n</brand>\n");
    std::string file = (dir.path() / "brand.xml").string();
    CHECK(accept_word(file, "R&D"));
    CHECK(read_all(file) == "<brand name=\"A\">\n    <accept>telehealth</accept>\n    <accept>R&amp;D</accept>\n</brand>\n");
    CHECK_FALSE(accept_word(file, "R&D"));
    CHECK_THROWS_AS(accept_word(file, "two\nlines"), std::invalid_argument);
    CHECK_THROWS_AS(accept_word(file, "\x01"), std::invalid_argument);  // escape_xml would drop it: an empty <accept>
    CHECK_THROWS_AS(accept_word(file, "ctl\x7Fx"), std::invalid_argument);
    dir.write("broken.xml", "<brand name=\"A\">");
    CHECK_THROWS_AS(accept_word((dir.path() / "broken.xml").string(), "word"), ConfigError);
}

TEST_CASE("accept_word on a brand written on one line keeps it one line") {
    test::ScratchDir dir;
    dir.write("brand.xml", "<brand name=\"A\"><prefer term=\"x\" instead-of=\"y\"/></brand>");
    std::string file = (dir.path() / "brand.xml").string();
    CHECK(accept_word(file, "zyx"));
    CHECK(read_all(file) == "<brand name=\"A\"><prefer term=\"x\" instead-of=\"y\"/><accept>zyx</accept></brand>");
}
