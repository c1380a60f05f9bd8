// The HTML report of the samples, rendered by a real browser (Debian's Chromium):
// the scorecard, the heatmap and a finding are visible to a reader.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

using namespace touchpoint;

namespace {
std::string run(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char buffer[4096];
    while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
    return out;
}
}  // namespace

TEST_CASE("the HTML report reads at a glance in a browser") {
    test::ScratchDir dir;
    auto report = dir.path() / "report.html";
    auto result = test::run_touchpoint({"check", "samples", "--format", "html", "--output", report.string()}, test::source_dir());
    CHECK(result.exit_code == 1);
    std::string html = test::read_file(report);
    CHECK(html.find("Compassionate care that treats you like family.") != std::string::npos);
    CHECK(html.find("<section id=\"heatmap\">") != std::string::npos);
    CHECK(html.find("<mark>customers</mark>") != std::string::npos);
    // Self-contained: no outside scripts, styles or images.
    CHECK(html.find("<script src") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
    REQUIRE(std::filesystem::exists("/usr/bin/chromium"));
    std::string dom = run("timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking "
                          "--disable-component-update --disable-sync --no-first-run --user-data-dir=" +
                          (dir.path() / "profile").string() + " --dump-dom file://" + report.string() + " 2>/dev/null");
    CHECK(dom.find("data-visible=\"heatmap scorecard finding\"") != std::string::npos);
}

TEST_CASE("the HTML report of a bilingual brand shows each promise and pillar coverage per language") {
    test::ScratchDir dir;
    auto report = dir.path() / "report.html";
    auto result = test::run_touchpoint({"check", "samples", "--format", "html", "--output", report.string()}, test::source_dir());
    REQUIRE(result.exit_code == 1);
    std::string html = test::read_file(report);
    CHECK(html.find("<p class=\"promise\" lang=\"es\">\u201cAtenci\u00f3n compasiva que lo trata como familia.\u201d</p>") !=
          std::string::npos);
    CHECK(html.find("Pillars (en) by touchpoint") != std::string::npos);
    size_t spanish = html.find("Pillars (es) by touchpoint");
    REQUIRE(spanish != std::string::npos);
    // The Spanish page carries both pillars in Spanish: its row in the Spanish heatmap.
    size_t row = html.find("samples/web/es/telesalud.html", spanish);
    REQUIRE(row != std::string::npos);
    CHECK(html.substr(row, 300).find("title=\"2 mentions\"") != std::string::npos);
}
