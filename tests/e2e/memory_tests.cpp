// Memory grows with the largest document and the number of findings, never with their
// product (docs/reliability.md, "Bounded"): a finding keeps a window of its line, not the line.
#include "support.hpp"

#include <catch2/catch.hpp>

namespace touchpoint {
namespace {

// A project whose brand flags 'customers' (prefer) and 'cheap' (avoid).
void write_project(const test::ScratchDir& dir) {
    dir.write("brand.xml", R"(<brand name="Riverbend Health" locale="en-US">
  <prefer term="patient" instead-of="customer"/>
  <avoid term="cheap" reason="Conflicts with our quality positioning." suggest="affordable"/>
</brand>)");
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/></touchpoint>)");
}

constexpr std::string_view sentence = "Our customers get cheap care. ";  // two findings in 30 bytes

// `bytes` of text with a line break after every `per_line` sentences (0: one line).
std::string text_of(size_t bytes, size_t per_line) {
    std::string text;
    text.reserve(bytes + bytes / 30);
    for (size_t n = 1; text.size() < bytes; ++n) {
        text += sentence;
        if (per_line && n % per_line == 0) text.back() = '\n';
    }
    text += '\n';
    return text;
}

size_t count(const std::string& text, std::string_view what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("memory: the same findings on one 2 MB line cost no more than on short lines", "[.][memory]") {
    test::ScratchDir dir;
    write_project(dir);
    // Lines of 16 sentences (480 bytes) are kept whole in each finding's excerpt; one long
    // line is kept as a window around each match, so it must cost no more.
    dir.write("short-lines.md", text_of(2'000'000, 16));
    dir.write("one-line.md", text_of(2'000'000, 0));
    auto short_lines = test::run_touchpoint({"check", "--format", "json", "short-lines.md"}, dir.path());
    auto one_line = test::run_touchpoint({"check", "--format", "json", "one-line.md"}, dir.path());
    REQUIRE(short_lines.exit_code == 0);
    REQUIRE(one_line.exit_code == 0);
    size_t findings = count(one_line.out, "\"rule\": \"terminology.");
    CHECK(findings == 2 * 66'667);
    CHECK(count(short_lines.out, "\"rule\": \"terminology.") == findings);
    INFO("peak memory: short lines " << short_lines.peak_kib << " KiB, one line " << one_line.peak_kib << " KiB");
    CHECK(one_line.peak_kib < short_lines.peak_kib * 11 / 10);
}

TEST_CASE("memory: --isolate hands 133,000 findings back costing no more than a plain run", "[.][memory]") {
    test::ScratchDir dir;
    write_project(dir);
    dir.write("one-line.md", text_of(2'000'000, 0));
    auto plain = test::run_touchpoint({"check", "--format", "json", "one-line.md"}, dir.path());
    auto isolated = test::run_touchpoint({"check", "--format", "json", "--isolate", "one-line.md"}, dir.path());
    REQUIRE(isolated.exit_code == 0);
    CHECK(isolated.out == plain.out);
    // The child's report is read one record at a time (it was a tree of JSON objects).
    INFO("peak memory: plain " << plain.peak_kib << " KiB, isolated " << isolated.peak_kib << " KiB");
    CHECK(isolated.peak_kib < plain.peak_kib * 12 / 10);
}

#if !defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer each allocation carries its red zones: the bound below is the
// plain build's.
TEST_CASE("memory: a 10 MB single-line file with a finding every three words stays under 1.25 GiB", "[.][memory]") {
    test::ScratchDir dir;
    write_project(dir);
    dir.write("minified.md", text_of(10'000'000, 0));
    auto result = test::run_touchpoint({"check", "--format", "json", "minified.md"}, dir.path());
    REQUIRE(result.exit_code == 0);
    CHECK(count(result.out, "\"rule\": \"terminology.") == 2 * 333'334);
    // Each finding holds at most ~330 code points of its line: 667,000 findings of this
    // line would take 6.7 TB as copies of it.
    INFO("peak memory " << result.peak_kib << " KiB");
    CHECK(result.peak_kib < 1280 * 1024);
}
#endif

}  // namespace touchpoint
