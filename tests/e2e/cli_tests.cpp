// End-to-end: the built touchpoint command on real files, as a user and a CI job run it.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace touchpoint;
using test::run_touchpoint;
using test::ScratchDir;
namespace fs = std::filesystem;

namespace {

const std::string brand = R"(<brand name="Acme Care">
  <prefer term="patient" instead-of="customer"/>
  <avoid term="guarantee" severity="error" reason="Outcomes cannot be guaranteed."/>
  <avoid term="cheap" severity="suggestion" reason="Say affordable." suggest="affordable"/>
</brand>
)";

size_t count_lines(const std::string& text) { return size_t(std::count(text.begin(), text.end(), '\n')); }

// The brand above, and the project plugin folder of the test plugin that misbehaves on
// purpose (tests/plugins/faulty.cpp).
void write_faulty_project(const ScratchDir& dir) {
    dir.write("brand.xml", brand);
    dir.write("touchpoint.xml", "<touchpoint>\n  <brand file=\"brand.xml\"/>\n  <plugins dir=\"" +
                                    (test::binary_dir() / "test-plugins" / "faulty").string() + "\"/>\n</touchpoint>\n");
}

}  // namespace

TEST_CASE("the samples give the reviewed findings") {
    auto result = run_touchpoint({"check", "samples/", "--format", "json"}, test::source_dir());
    CHECK(result.err.empty());
    CHECK(result.exit_code == 1);
    CHECK(result.out == test::read_file(test::source_dir() / "tests" / "e2e" / "samples.expected.json"));
}

TEST_CASE("the report is byte-identical whatever --jobs is") {
    auto one = run_touchpoint({"check", "samples", "--format", "json", "--jobs", "1"}, test::source_dir());
    auto eight = run_touchpoint({"check", "samples", "--format", "json", "--jobs", "8"}, test::source_dir());
    CHECK(one.exit_code == 1);
    CHECK(one.out == eight.out);
    auto text_one = run_touchpoint({"check", "samples", "-j", "1"}, test::source_dir());
    auto text_eight = run_touchpoint({"check", "samples", "-j", "8"}, test::source_dir());
    CHECK(text_one.out == text_eight.out);
}

TEST_CASE("text reports are compiler style with the line, a caret and a summary") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("copy.md", "# Hello\n\nOur customers are\nlovely.\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "copy.md"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out ==
          "copy.md:3:5: warning: Use 'patients' instead of 'customers'. [terminology.prefer]\n"
          " 3 | Our customers are\n"
          "   |     ^~~~~~~~~\n"
          "   = suggestion: 'patients'\n"
          "1 file checked: 1 finding (0 errors, 1 warning, 0 suggestions).\n"
          "On-promise score 95 (pass mark 80): every touchpoint passes.\n");
    CHECK(result.out.find('\033') == std::string::npos);
    auto colored = run_touchpoint({"check", "--brand", "brand.xml", "copy.md", "--color", "always"}, dir.path());
    CHECK(colored.out.find("\033[1;33mwarning:\033[0m") != std::string::npos);
}

TEST_CASE("exit codes: 0 without error findings, 1 with, 2 when the run fails") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("ok.txt", "A fine sentence for every patient.\n");
    dir.write("bad.txt", "We guarantee it.\n");
    CHECK(run_touchpoint({"check", "--brand", "brand.xml", "ok.txt"}, dir.path()).exit_code == 0);
    CHECK(run_touchpoint({"check", "--brand", "brand.xml", "bad.txt"}, dir.path()).exit_code == 1);
    CHECK(run_touchpoint({"check", "--brand", "brand.xml", "bad.txt", "--min-severity", "error"}, dir.path()).exit_code == 1);

    auto bad_option = run_touchpoint({"check", "--brand", "brand.xml", "--formats", "json"}, dir.path());
    CHECK(bad_option.exit_code == 2);
    CHECK(bad_option.out.empty());
    CHECK(bad_option.err == "touchpoint: error: unknown option '--formats'; see 'touchpoint check --help'\n");
    auto misplaced = run_touchpoint({"fix", "--format", "json"}, dir.path());
    CHECK(misplaced.exit_code == 2);
    CHECK(misplaced.err == "touchpoint: error: --format goes with 'touchpoint check'\n");
    CHECK(run_touchpoint({"check", "--jobs"}, dir.path()).err == "touchpoint: error: option --jobs needs a value\n");
    CHECK(run_touchpoint({"chek"}, dir.path()).err ==
          "touchpoint: error: unknown command 'chek'; the commands are check, fix, baseline, init, import, serve, lsp, rules and version\n");

    // Every command takes --help, whatever else the line says, and lists its own options.
    std::map<std::string, std::string> own_option = {{"check", "--format FORMAT"}, {"fix", "--dry-run"},
                                                      {"baseline", "--output FILE"}, {"serve", "--port PORT"},
                                                      {"rules", "--config FILE"}, {"version", "--help"}};
    for (const auto& [command, option] : own_option) {
        auto help = run_touchpoint({command, "--brand", "missing.xml", "--help"}, dir.path());
        INFO(command);
        CHECK(help.exit_code == 0);
        CHECK(help.out.find("Usage: touchpoint " + command + " [OPTIONS]") != std::string::npos);
        CHECK(help.out.find(option) != std::string::npos);
        CHECK(help.err.empty());
    }
    auto overview = run_touchpoint({"--help"}, dir.path());
    CHECK(overview.exit_code == 0);
    for (const auto& [command, option] : own_option) CHECK(overview.out.find("\n  " + command + " ") != std::string::npos);

    auto bad_format = run_touchpoint({"check", "--brand", "brand.xml", "--format", "yaml"}, dir.path());
    CHECK(bad_format.exit_code == 2);
    CHECK(bad_format.out.empty());
    CHECK(count_lines(bad_format.err) == 1);

    auto missing = run_touchpoint({"check", "--brand", "brand.xml", "nowhere.md"}, dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK(missing.err == "touchpoint: error: cannot read 'nowhere.md': no such file or folder\n");

    dir.write("broken.xml", "<brand name=\"X\">\n  <avoid term=\"cheap\" severity=\"fatal\"/>\n</brand>\n");
    auto broken = run_touchpoint({"check", "--brand", "broken.xml", "ok.txt"}, dir.path());
    CHECK(broken.exit_code == 2);
    CHECK(broken.out.empty());
    CHECK(broken.err == "touchpoint: error: broken.xml:2:23: severity 'fatal' is not one of error, warning, suggestion\n");

    auto no_brand = run_touchpoint({"check", "ok.txt"}, dir.path());
    CHECK(no_brand.exit_code == 2);
    CHECK(no_brand.err.find("no brand file") != std::string::npos);
}

TEST_CASE("the gate: --fail-on, --fail-under and the score; --quiet; --exclude") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("warned.md", "Our customers are lovely.\n");  // one warning: score 95
    dir.write("drafts/bad.md", "We guarantee it.\n");       // one error: score 80, and it does not pass
    auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"check", "--brand", "brand.xml"});
        return run_touchpoint(args, dir.path());
    };
    CHECK(run({"warned.md"}).exit_code == 0);
    CHECK(run({"warned.md", "--fail-on", "warning"}).exit_code == 1);
    CHECK(run({"warned.md", "--fail-on", "suggestion"}).exit_code == 1);
    CHECK(run({"warned.md", "--fail-under", "95"}).exit_code == 0);
    auto under = run({"warned.md", "--fail-under", "96"});
    CHECK(under.exit_code == 1);
    CHECK(under.err == "touchpoint: the on-promise score 95 is below --fail-under 96\n");
    CHECK(run({"warned.md", "--fail-under", "101"}).err ==
          "touchpoint: error: --fail-under takes a score from 0 to 100, not '101'\n");
    CHECK(run({"warned.md", "--fail-on", "never"}).exit_code == 2);

    auto both = run({".", "--format", "json"});
    CHECK(both.exit_code == 1);
    CHECK(both.out.find("\"score\": 80, \"passes\": false") != std::string::npos);  // an error never passes
    CHECK(both.out.find("\"score\": 95, \"passes\": true") != std::string::npos);
    CHECK(both.out.find("\"score\": 87, \"pass_mark\": 80, \"below_pass_mark\": 1 }") != std::string::npos);
    CHECK(run({"."}).out.ends_with("On-promise score 87 (pass mark 80): 1 of 2 touchpoints below it.\n"));

    auto quiet = run({".", "--quiet"});
    CHECK(quiet.out.find("checked") == std::string::npos);
    CHECK(quiet.out.find("[terminology.avoid]") != std::string::npos);

    auto excluded = run({".", "--exclude", "drafts/**", "--exclude", "nothing/*"});
    CHECK(excluded.exit_code == 0);
    CHECK(excluded.out.find("1 file checked") != std::string::npos);
}

TEST_CASE("standard input is checked with 'check -'") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    auto result = run_touchpoint({"check", "-", "--brand", "brand.xml", "--format", "json"}, dir.path(),
                                 "Line one.\nCheap customers.\n");
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("\"file\": \"<stdin>\",\n      \"line\": 2, \"column\": 1, \"end_line\": 2, \"end_column\": 5") !=
          std::string::npos);
    CHECK(result.out.find("\"summary\": { \"files\": 1, \"findings\": 2, \"errors\": 0, \"warnings\": 1, \"suggestions\": 1, \"suppressed\": 0, \"skipped\": 0, ") !=
          std::string::npos);
    auto named = run_touchpoint({"check", "-", "--brand", "brand.xml", "--stdin-filename", "draft.md"}, dir.path(),
                                "`cheap` code only\n");
    CHECK(named.out == "1 file checked: no findings.\nOn-promise score 100 (pass mark 80): every touchpoint passes.\n");
}

TEST_CASE("--min-severity, --channel and --output") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme">
  <prefer term="care team" instead-of="staff" channels="marketing"/>
  <avoid term="cheap" severity="suggestion"/>
  <channel id="signage"/>
</brand>)");
    dir.write("a.txt", "Cheap staff.\n");
    auto all = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--format", "json"}, dir.path());
    CHECK(all.out.find("\"findings\": 2") != std::string::npos);
    auto warnings = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--format", "json", "--min-severity", "warning"}, dir.path());
    CHECK(warnings.out.find("\"findings\": 1, \"errors\": 0, \"warnings\": 1, \"suggestions\": 0") != std::string::npos);
    auto signage = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--format", "json", "--channel", "signage"}, dir.path());
    CHECK(signage.out.find("\"findings\": 1, \"errors\": 0, \"warnings\": 0, \"suggestions\": 1") != std::string::npos);
    CHECK(signage.out.find("\"channel\": \"signage\"") != std::string::npos);
    auto unknown = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--channel", "radio"}, dir.path());
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "touchpoint: error: unknown channel 'radio' for --channel; known channels: marketing, script, signage\n");
    auto to_file = run_touchpoint({"check", "--brand", "brand.xml", "a.txt", "--format", "json", "--output", "report.json"}, dir.path());
    CHECK(to_file.out.empty());
    CHECK(test::read_file(dir.path() / "report.json") == all.out);
}

TEST_CASE("a project: channels by glob and front matter, ignores, hidden folders, own files") {
    ScratchDir dir;
    dir.write("site/brand.xml", R"(<brand name="Acme">
  <prefer term="care team" instead-of="staff" channels="marketing"/>
  <channel id="signage"/>
</brand>)");
    dir.write("site/touchpoint.xml", R"(<touchpoint>
  <brand file="brand.xml"/>
  <channel id="signage" include="signs/**"/>
  <ignore>old/**</ignore>
</touchpoint>)");
    dir.write("site/web/page.md", "Our staff.\n");
    dir.write("site/web/poster.md", "---\nchannel: signage\n---\nOur staff.\n");
    dir.write("site/signs/door.txt", "Staff only\n");
    dir.write("site/old/page.md", "Our staff.\n");
    dir.write("site/.drafts/page.md", "Our staff.\n");
    dir.write("site/web/notes.rst", "Our staff.\n");
    // From inside the project (upward search) and from outside it (found from the path).
    for (auto [cwd, path, prefix] : {std::tuple{dir.path() / "site" / "web", std::string("."), std::string("")},
                                     std::tuple{dir.path(), std::string("site"), std::string("site/web/")}}) {
        auto result = run_touchpoint({"check", path, "--format", "json"}, cwd);
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("\"file\": \"" + prefix + "page.md\"") != std::string::npos);
        CHECK(result.out.find("\"summary\": { \"files\": " + std::string(prefix.empty() ? "2" : "3") + ", \"findings\": 1,") !=
              std::string::npos);
    }
}

TEST_CASE("binary and non-UTF-8 files are skipped with a warning; the run goes on") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.md", std::string("cheap\0\1\2", 8));
    dir.write("b.md", "caf\xE9 cheap\n");
    dir.write("c.md", "cheap\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", ".", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err == "touchpoint: warning: skipped a.md: a binary file\n"
                        "touchpoint: warning: skipped b.md: not UTF-8 (byte 0xE9 at line 1, column 4)\n");
    CHECK(result.out.find("\"file\": \"c.md\"") != std::string::npos);
    CHECK(result.out.find("\"files\": 1,") != std::string::npos);
}

TEST_CASE("UTF-16 with a byte-order mark is read; an empty file is checked") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("Caf\xE9 for every customer.\n")) {
        utf16 += c;
        utf16 += '\0';
    }
    dir.write("wide.txt", utf16);
    dir.write("empty.md", "");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", ".", "--format", "json"}, dir.path());
    CHECK(result.err.empty());
    CHECK(result.out.find("\"file\": \"wide.txt\",\n      \"line\": 1, \"column\": 16,") != std::string::npos);
    CHECK(result.out.find("\"files\": 2,") != std::string::npos);
}

TEST_CASE("a rule that throws is reported with plugin, rule and file; the rest of the run completes") {
    ScratchDir dir;
    write_faulty_project(dir);
    dir.write("a.txt", "boom\n");
    dir.write("b.txt", "hello customer\n");
    auto result = run_touchpoint({"check", "--allow-project-plugins", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "touchpoint: error: plugin 'faulty' (rule faulty.hello) failed on a.txt: boom went the rule\n");
    CHECK(result.out.find("\"rule\": \"faulty.hello\"") != std::string::npos);
    CHECK(result.out.find("\"rule\": \"terminology.prefer\"") != std::string::npos);

    dir.write("a.txt", "outside and undeclared\n");
    auto misreport = run_touchpoint({"check", "--allow-project-plugins", "--format", "json"}, dir.path());
    CHECK(misreport.exit_code == 2);
    CHECK(misreport.err ==
          "touchpoint: error: plugin 'faulty' (rule faulty.hello) failed on a.txt: it reported a position outside the document\n"
          "touchpoint: error: plugin 'faulty' (rule faulty.hello) failed on a.txt: it reported a finding for rule 'mystery', which it does not declare\n");
}

TEST_CASE("a rule's findings in one document stop at a million, with a warning; the run completes") {
    ScratchDir dir;
    write_faulty_project(dir);
    dir.write("a.txt", "flood\n");
    dir.write("b.txt", "hello customer\n");
    auto result = run_touchpoint({"check", "--allow-project-plugins", "--format", "json"}, dir.path());
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("a.txt: plugin 'faulty' (rule faulty.hello) found more than 1000000 mistakes; 5 more are not reported") !=
          std::string::npos);
    CHECK(result.out.find("\"message\": \"Flood.\"") != std::string::npos);  // the same finding a million times is one
    CHECK(result.out.find("\"rule\": \"terminology.prefer\"") != std::string::npos);
}

TEST_CASE("a rule that never ends is given up after the time limit; the rest of the run completes") {
    ScratchDir dir;
    write_faulty_project(dir);
    dir.write("a.txt", "forever and ever\n");
    dir.write("b.txt", "hello customer\n");
    dir.write("c.txt", "a cheap one\n");
    auto result = run_touchpoint({"check", "--allow-project-plugins", "--format", "json", "--rule-timeout", "0.5", "--jobs", "1"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err ==
          "touchpoint: error: plugin 'faulty' (rule faulty.hello) ran over the time limit of 0.5 s on a.txt; it was abandoned (--rule-timeout)\n"
          "touchpoint: warning: skipped a.txt: a rule ran over the time limit\n");
    CHECK(result.out.find("\"file\": \"b.txt\"") != std::string::npos);
    CHECK(result.out.find("\"file\": \"c.txt\"") != std::string::npos);
}

TEST_CASE("--isolate: a plugin that crashes takes down only the check of that file") {
    ScratchDir dir;
    write_faulty_project(dir);
    dir.write("a.txt", "a segfault here\n");
    dir.write("b.txt", "hello customer\n");
    auto result = run_touchpoint({"check", "--allow-project-plugins", "--format", "json", "--isolate"}, dir.path());
    CHECK(result.exit_code == 2);
    // (Under AddressSanitizer the child reports the crash itself and exits 1.)
    CHECK_THAT(result.err, Catch::Contains("touchpoint: error: a plugin crashed on a.txt ("));
    CHECK_THAT(result.err, Catch::EndsWith("); the file was skipped (--isolate)\n"));
    if (result.err.find("AddressSanitizer") == std::string::npos)
        CHECK(result.err == "touchpoint: error: a plugin crashed on a.txt (signal 11, Segmentation fault); the file was skipped (--isolate)\n");
    CHECK(result.out.find("\"rule\": \"faulty.hello\"") != std::string::npos);
    CHECK(result.out.find("\"rule\": \"terminology.prefer\"") != std::string::npos);
    // The same report as without isolation, where nothing crashes.
    dir.write("a.txt", "a quiet file\n");
    auto isolated = run_touchpoint({"check", "--allow-project-plugins", "--format", "json", "--isolate"}, dir.path());
    auto direct = run_touchpoint({"check", "--allow-project-plugins", "--format", "json"}, dir.path());
    CHECK(isolated.out == direct.out);
    CHECK(isolated.exit_code == direct.exit_code);
}

TEST_CASE("a plugin folder holding something that is not a plugin stops the run before checking") {
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("a.txt", "customer\n");
    fs::create_directories(dir.path() / "plugins");
    fs::copy_file(test::binary_dir() / "test-plugins" / "other_version" / "other_version.so",
                  dir.path() / "plugins" / "other_version.so");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "a.txt"}, dir.path(), "",
                                 {{"TOUCHPOINT_PLUGIN_PATH", (dir.path() / "plugins").string()}});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::StartsWith("touchpoint: error: refused " + (dir.path() / "plugins" / "other_version.so").string() +
                                             ": it was built for plugin API version"));
}

TEST_CASE("rules and version") {
    auto rules = run_touchpoint({"rules"}, test::source_dir() / "samples");
    CHECK(rules.exit_code == 0);
    CHECK(rules.out.find("terminology.prefer") != std::string::npos);
    CHECK(rules.out.find("terminology.avoid") != std::string::npos);
    CHECK(rules.out.find("terminology.name") != std::string::npos);
    // The formats check reads, the designers' files among them.
    CHECK(rules.out.find("\n    Markdown  .md .markdown  (fix rewrites these)\n") != std::string::npos);
    for (std::string row : {"PowerPoint  .pptx\n", "InDesign  .idml\n", "PDF  .pdf\n"})
        CHECK(rules.out.find("\n    " + row) != std::string::npos);
    auto help = run_touchpoint({"check", "--help"}, test::source_dir());
    CHECK(help.out.find(".pptx .idml .pdf") != std::string::npos);
    auto version = run_touchpoint({"version"}, test::source_dir());
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::StartsWith("touchpoint 0.1.0 (plugin API "));
}

TEST_CASE("the brand locale picks the dictionary; a missing one names the Debian package") {
    ScratchDir dir;
    dir.write("es.xml", R"(<brand name="Clínica Riverbend" locale="es-US"><avoid term="barato"/></brand>)");
    dir.write("anuncio.txt", "Bienvenidos a nuestra clínica. Atención médica para toda la famila, nada barata.\n");
    auto spanish = run_touchpoint({"check", "--brand", "es.xml", "anuncio.txt", "--format", "json"}, dir.path());
    CHECK(spanish.err.empty());
    CHECK(spanish.out.find("\"match\": \"famila\"") != std::string::npos);
    CHECK(spanish.out.find("'famila' is not in the es-US dictionary.") != std::string::npos);
    // Spanish inflection: the avoided "barato" in its feminine form.
    CHECK(spanish.out.find("\"match\": \"barata\"") != std::string::npos);
    CHECK(spanish.out.find("\"findings\": 2,") != std::string::npos);

    dir.write("xx.xml", R"(<brand name="X" locale="xx-YY"/>)");
    auto missing = run_touchpoint({"check", "--brand", "xx.xml", "anuncio.txt"}, dir.path());
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK_THAT(missing.err, Catch::Contains("no Hunspell dictionary for locale 'xx-YY'"));
    CHECK_THAT(missing.err, Catch::Contains("install Debian's hunspell-xx package"));
}

TEST_CASE("init writes a first brand and project file from the content, and check works right after") {
    ScratchDir dir;
    dir.write("site/about.md", "Acme Care serves Elm County. Call (918) 555-0100 or write to info@acmecare.org.\n\n"
                               "Visit www.acmecare.org. Acme Care is here. ACME Care too.\n");
    dir.write("site/news.md", "Acme Care opens a clinic. AcmeCare app is new. Acme Care again.\n");
    dir.write("signage/lobby.md", "Welcome to Acme Care\n");
    dir.write("call-scripts/intake.txt", "Staff: Thank you for calling Acme Care.\n");
    dir.write("scripts/triage.txt", "Staff: Acme Care, how can I help?\n");
    dir.write("my signs/door.md", "Acme Care entrance\n");
    auto init = run_touchpoint({"init"}, dir.path());
    CHECK(init.exit_code == 0);
    CHECK(init.err.find("wrote ./brand.xml and ./touchpoint.xml from 6 files") != std::string::npos);
    CHECK(init.err.find("note: the folder 'my signs' looks like signage, but a glob cannot name it") != std::string::npos);
    std::string brand = test::read_file(dir.path() / "brand.xml");
    CHECK(brand.find("<brand name=\"Acme Care\"") != std::string::npos);
    CHECK(brand.find("<name canonical=\"Acme Care\">") != std::string::npos);
    CHECK(brand.find("<variant>AcmeCare</variant>") != std::string::npos);  // written otherwise
    CHECK(brand.find("kind=\"phone\" value=\"(918) 555-0100\"") != std::string::npos);
    CHECK(brand.find("kind=\"email\" value=\"info@acmecare.org\"") != std::string::npos);
    CHECK(brand.find("kind=\"url\" value=\"www.acmecare.org\"") != std::string::npos);
    std::string project = test::read_file(dir.path() / "touchpoint.xml");
    CHECK(project.find("<channel id=\"signage\" include=\"signage/**\"/>") != std::string::npos);
    CHECK(project.find("<channel id=\"script\" include=\"call-scripts/** scripts/**\"/>") != std::string::npos);

    auto check = run_touchpoint({"check"}, dir.path());
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());
    CHECK(check.out.find("6 files checked") != std::string::npos);
    CHECK(check.out.find("'AcmeCare'") != std::string::npos);  // the variant is now a finding

    auto again = run_touchpoint({"init"}, dir.path());
    CHECK(again.exit_code == 2);
    CHECK(again.err == "touchpoint: error: ./brand.xml already exists; init writes nothing over it\n");
    CHECK(test::read_file(dir.path() / "brand.xml") == brand);
}

TEST_CASE("getting-started's brand file reads, and its report example is what the samples give") {
    std::string guide = test::read_file(test::source_dir() / "docs" / "getting-started.md");
    size_t start = guide.find("```xml\n<brand ");
    REQUIRE(start != std::string::npos);
    start += 7;
    std::string brand = guide.substr(start, guide.find("```", start) - start);
    ScratchDir dir;
    dir.write("brand.xml", brand);
    dir.write("ad.md", "Our customers get compassion. We guarantee it: no waiting. Call (918) 555-0199.\n");
    auto result = run_touchpoint({"check", "--brand", "brand.xml", "ad.md"}, dir.path());
    CHECK(result.err.empty());
    CHECK(result.exit_code == 1);
    for (std::string rule : {"terminology.prefer", "terminology.avoid", "facts.phone"}) CHECK(result.out.find(rule) != std::string::npos);
    // The report excerpt of the guide, as the command prints it on the samples.
    size_t shown = guide.find("samples/campaigns/spring-checkup.md:");
    REQUIRE(shown != std::string::npos);
    std::string excerpt = guide.substr(shown, guide.find("\n", guide.find("= suggestion", shown)) + 1 - shown);
    auto samples = run_touchpoint({"check", "samples/"}, test::source_dir());
    CHECK(samples.out.find(excerpt) != std::string::npos);
    size_t summary = guide.find("29 files checked");
    std::string last_lines = guide.substr(summary, guide.find("```", summary) - summary);
    CHECK(samples.out.ends_with(last_lines));
}

TEST_CASE("import vale turns a Vale style's rules and vocabulary into brand elements, and says what it left") {
    auto imported = run_touchpoint({"import", "vale", "tests/data/vale"}, test::source_dir());
    CHECK(imported.exit_code == 0);
    const std::string& out = imported.out;
    CHECK(out.find("<prefer term=\"patient\" instead-of=\"customer|client\" severity=\"warning\"/>  <!-- Vale: Acme/Terms.yml -->") !=
          std::string::npos);
    CHECK(out.find("<avoid pattern=\"\\b(?:(?:mobile|smart) ?phone)\\b\" suggest=\"phone\" severity=\"warning\"/>") != std::string::npos);
    CHECK(out.find("<avoid term=\"guarantee\" severity=\"error\" reason=\"Don't use 'guarantee'.\" case=\"exact\"/>") != std::string::npos);
    CHECK(out.find("reason=\"Don't use this wording.\"") != std::string::npos);
    CHECK(out.find("<accept>telehealth</accept>") != std::string::npos);
    CHECK(out.find("<avoid term=\"synergy\"/>") != std::string::npos);
    CHECK(imported.err.find("left Acme/Spacing.yml: a Vale 'occurrence' rule has no brand-file counterpart") != std::string::npos);
    CHECK(imported.err.find("left Acme/Terms.yml: 'robots?' -> 'bot(s)': the replacement is no word to suggest") != std::string::npos);
    CHECK(imported.err.find("'[Oo]penAPI' is a regular expression") != std::string::npos);
    CHECK(imported.err.find("converted 4 files; left 3") != std::string::npos);

    // Pasted into a brand file, the elements work as the Vale rules did.
    ScratchDir dir;
    dir.write("brand.xml", "<brand name=\"Acme\">\n" + out + "</brand>\n");
    dir.write("ad.md", "Our customer can log-in on a smart phone. We guarantee world-class synergy.\n");
    auto check = run_touchpoint({"check", "--brand", "brand.xml", "ad.md", "--format", "json"}, dir.path());
    CHECK(check.err.empty());
    CHECK(check.exit_code == 1);
    for (std::string match : {"customer", "log-in", "smart phone", "guarantee", "world-class", "synergy"})
        CHECK(check.out.find("\"match\": \"" + match + "\"") != std::string::npos);

    auto missing = run_touchpoint({"import", "vale", "nowhere"}, test::source_dir());
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "touchpoint: error: cannot read 'nowhere': no such file or folder\n");
    CHECK(run_touchpoint({"import", "textlint", "x"}, test::source_dir()).exit_code == 2);
}

TEST_CASE("a corpus table follows --min-severity: a rule that reports nothing shows no table") {
    auto all = run_touchpoint({"check", "samples/"}, test::source_dir());
    CHECK(all.out.find("\nconsistency:\n") != std::string::npos);
    auto errors = run_touchpoint({"check", "samples/", "--min-severity", "error"}, test::source_dir());
    CHECK(errors.out.find("consistency:") == std::string::npos);
    auto json = run_touchpoint({"check", "samples/", "--min-severity", "error", "--format", "json"}, test::source_dir());
    CHECK(json.out.find("\"consistency\": [") == std::string::npos);
}
