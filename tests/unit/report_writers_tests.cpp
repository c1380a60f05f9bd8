// The report writers on reports built by hand: each format's real output, parsed back
// where it is JSON or XML, so an escape that breaks the format fails here.
#include "report/report.hpp"
#include "support.hpp"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <cmath>
#include <sstream>

using namespace touchpoint;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// Everything a format has to escape somewhere: quotes, markup, a newline, é, an emoji.
const std::string tricky = "Don't say \"guarantee\" <b> & co.\nReally: caf\u00e9 \U0001F600";

using test::checked_file;

// "We guarantee it." with "guarantee" at 2:4-2:12, an error with one fixable suggestion.
ReportedFinding guarantee() {
    ReportedFinding f;
    f.file = "docs/a b.md";
    f.begin = {2, 4};
    f.end = {2, 12};
    f.rule = "terminology.avoid";
    f.plugin = "terminology";
    f.severity = Severity::error;
    f.message = tricky;
    f.match = "guarantee";
    f.suggestions = {"promise"};
    f.channel = "marketing";
    f.begin_utf16 = 4, f.begin_byte = 4, f.end_utf16 = 13, f.end_byte = 13;
    f.excerpt = {"We guarantee it.", 1, false, false};
    f.source_begin = 20, f.source_end = 29;
    f.exact = true;
    return f;
}

// A suggestion about the whole document: no columns, no suggestion to apply.
ReportedFinding long_document() {
    ReportedFinding f;
    f.file = "docs/a b.md";
    f.rule = "readability.grade";
    f.plugin = "readability";
    f.severity = Severity::suggestion;
    f.message = "Grade 14; aim for 8.";
    f.channel = "marketing";
    f.whole_document = true;
    return f;
}

ReportedFinding cheap() {
    ReportedFinding f = guarantee();
    f.begin = {4, 1};
    f.end = {4, 5};
    f.match = "cheap";
    f.message = "Avoid 'cheap'.";
    f.suggestions = {};
    return f;
}

FileReport checked() {
    FileReport report;
    report.path = "docs/a b.md";
    report.channel = "marketing";
    report.findings = {guarantee(), long_document()};
    report.suppressed = {{cheap(), "quoting a \"patient\""}};
    report.measures["pillars"] = {{"care", 2}, {"speed", 0.5}};
    report.lines = 7;
    return report;
}

FileReport skipped() {
    FileReport report = checked_file("b.docx", "");
    report.warnings = {"b.docx: not a zip archive"};
    return report;
}
FileReport clean() { return checked_file("c.md", "web"); }

Summary summary() {
    Summary s;
    s.files = 3;
    s.skipped = 1;
    s.findings = 2;
    s.errors = 1;
    s.suggestions = 1;
    s.suppressed = 1;
    s.score_total = 79 + 100 + 100;  // the error and the suggestion cost 21
    s.below_pass_mark = 1;           // a touchpoint with an error never passes
    return s;
}

// The summary the command makes of these reports.
Summary summary_of(const std::vector<FileReport>& reports) {
    Summary s;
    for (const FileReport& report : reports) s.add_file(report);
    return s;
}

std::string render(std::string_view format, const std::vector<FileReport>& reports, const Summary& s,
                   const RunInfo& run = {}, bool color = false) {
    std::ostringstream out;
    std::unique_ptr<ReportWriter> writer = make_writer(format, out, color, run);
    REQUIRE(writer);
    for (const FileReport& report : reports) writer->file(report);
    writer->finish(s);
    return out.str();
}

std::string render_all(std::string_view format, const RunInfo& run = {}) {
    return render(format, {checked(), skipped(), clean()}, summary(), run);
}

Object::Ptr parse_json(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Object::Ptr>();
}

pugi::xml_document parse_xml(const std::string& text) {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_string(text.c_str());
    INFO(parsed.description() << " at " << parsed.offset);
    REQUIRE(parsed);
    return doc;
}

}  // namespace

TEST_CASE("writers: the formats are registered by name, in their order", "[report]") {
    CHECK(report_formats() == "text, json, sarif, junit, checkstyle, github, rdjson, html");
    CHECK(is_report_format("sarif"));
    CHECK_FALSE(is_report_format("SARIF"));
    std::ostringstream out;
    CHECK(make_writer("yaml", out, false, RunInfo{}) == nullptr);
}

TEST_CASE("text: a finding with its excerpt, caret and suggestion, without colour", "[report]") {
    std::string out = render_all("text");
    CHECK(out.find('\033') == std::string::npos);
    CHECK(out.starts_with("docs/a b.md:2:4: error: " + tricky + " [terminology.avoid]\n"
                          " 2 | We guarantee it.\n"
                          "   |    ^~~~~~~~~\n"
                          "   = suggestion: 'promise'\n"));
    // The whole-document finding has no excerpt; suppressed ones are only counted.
    CHECK(out.find("docs/a b.md:1:1: suggestion: Grade 14; aim for 8. [readability.grade]\n3 files") != std::string::npos);
    CHECK(out.find("cheap") == std::string::npos);
    CHECK(out.ends_with("3 files checked, 1 skipped: 2 findings (1 error, 0 warnings, 1 suggestion). "
                        "1 suppressed by inline control.\nOn-promise score 93 (pass mark 80): 1 of 3 touchpoints below it.\n"));
}

TEST_CASE("text: the caret counts terminal cells and stays on the match's first line", "[report]") {
    ReportedFinding wide = cheap();
    wide.begin = {1, 4}, wide.end = {1, 8};
    wide.excerpt = {"\U0001F600\U0001F600 cheap \u6F22\u5B57", 1, false, false};
    ReportedFinding wrapped = cheap();
    wrapped.begin = {2, 1}, wrapped.end = {3, 4};
    wrapped.match = "risk\nfree";
    wrapped.excerpt = {"risk", 1, false, false};
    std::string out = render("text", {checked_file("a.txt", "marketing", {wide, wrapped})}, summary_of({clean()}));
    CHECK(out.find(" 1 | \U0001F600\U0001F600 cheap \u6F22\u5B57\n   |      ^~~~~\n") != std::string::npos);
    CHECK(out.find(" 2 | risk\n   | ^~~~\n") != std::string::npos);
}

TEST_CASE("text: colour only when asked for", "[report]") {
    std::string out = render("text", {checked()}, summary(), {}, true);
    CHECK(out.find("\033[1;31merror:\033[0m") != std::string::npos);
    CHECK(out.find("\033[1;36msuggestion:\033[0m") != std::string::npos);
}

TEST_CASE("text: a clean run, the pack rules beside a finding, a context line", "[report]") {
    CHECK(render("text", {clean()}, summary_of({clean()})) ==
          "1 file checked: no findings.\nOn-promise score 100 (pass mark 80): every touchpoint passes.\n");
    FileReport report = checked();
    report.findings.resize(1);
    report.findings[0].also = {"healthcare-claims.guarantee", "legal.promise"};
    report.findings[0].context = "sign L2-07 at Lobby";
    std::string out = render("text", {report}, summary());
    CHECK(out.find(" [terminology.avoid] (also: healthcare-claims.guarantee, legal.promise)\n"
                   "   = at: sign L2-07 at Lobby\n") != std::string::npos);
}

TEST_CASE("text: a match far along a long line is shown in a window, cut with ellipses", "[report]") {
    ReportedFinding f = guarantee();
    f.excerpt.text = std::string(200, 'x') + " guarantee " + std::string(200, 'y');
    f.begin = {2, 202};
    f.end = {2, 210};
    std::string out = render("text", {checked_file("a.md", "web", {f})}, summary_of({clean()}));
    std::string shown = " 2 | \u2026" + std::string(29, 'x') + " guarantee " + std::string(60, 'y') + "\u2026\n";
    CHECK(out.find(shown) != std::string::npos);
    // The caret stays under the match: a space for the ellipsis, for 29 x's and a space.
    CHECK(out.find("   | " + std::string(31, ' ') + "^~~~~~~~~\n") != std::string::npos);
}

TEST_CASE("json: valid JSON, every string back as it was", "[report]") {
    RunInfo run;
    run.corpus["names"] = {{{"Acme Care", 3}, {"ACME care", 1}}};
    Object::Ptr root = parse_json(render_all("json", run));
    Array::Ptr findings = root->getArray("findings");
    REQUIRE(findings->size() == 2);
    Object::Ptr f = findings->getObject(0);
    CHECK(f->getValue<std::string>("file") == "docs/a b.md");
    CHECK(f->getValue<int>("line") == 2);
    CHECK(f->getValue<int>("column") == 4);
    CHECK(f->getValue<int>("end_line") == 2);
    CHECK(f->getValue<int>("end_column") == 12);
    CHECK(f->getValue<std::string>("severity") == "error");
    CHECK(f->getValue<std::string>("message") == tricky);
    CHECK(f->getArray("suggestions")->getElement<std::string>(0) == "promise");
    CHECK_FALSE(f->has("fixable"));  // only the exception is written
    CHECK_FALSE(f->has("also"));
    CHECK_FALSE(f->has("context"));
    // The skipped file is no document; the clean one is, with no findings.
    Array::Ptr documents = root->getArray("documents");
    REQUIRE(documents->size() == 2);
    CHECK(documents->getObject(0)->getObject("pillars")->getValue<double>("speed") == 0.5);
    CHECK(documents->getObject(1)->getValue<std::string>("file") == "c.md");
    CHECK(documents->getObject(1)->getValue<int>("findings") == 0);
    Array::Ptr suppressed = root->getArray("suppressed");
    REQUIRE(suppressed->size() == 1);
    CHECK(suppressed->getObject(0)->getValue<std::string>("reason") == "quoting a \"patient\"");
    CHECK(suppressed->getObject(0)->getValue<int>("line") == 4);
    CHECK(root->getObject("corpus")->getArray("names")->getObject(0)->getValue<int>("ACME care") == 1);
    Object::Ptr s = root->getObject("summary");
    CHECK(s->getValue<int>("files") == 3);
    CHECK(s->getValue<int>("skipped") == 1);
    CHECK(s->getValue<int>("suppressed") == 1);
}

TEST_CASE("json: control characters, backslashes, an unfixable finding, also and context", "[report]") {
    ReportedFinding f = guarantee();
    f.message = std::string("tab\there, bell\x07, back\\slash, cr\r");
    f.fixable = false;
    f.also = {"healthcare-claims.guarantee"};
    f.context = "header";
    std::string text = render("json", {checked_file("a.md", "web", {f})}, summary_of({clean()}));
    CHECK(text.find("\\u0007") != std::string::npos);
    Object::Ptr g = parse_json(text)->getArray("findings")->getObject(0);
    CHECK(g->getValue<std::string>("message") == f.message);
    CHECK(g->getValue<bool>("fixable") == false);
    CHECK(g->getArray("also")->getElement<std::string>(0) == "healthcare-claims.guarantee");
    CHECK(g->getValue<std::string>("context") == "header");
}

TEST_CASE("json: an empty run is still valid JSON", "[report]") {
    Object::Ptr root = parse_json(render("json", {}, Summary{}));
    CHECK(root->getArray("findings")->size() == 0);
    CHECK(root->getArray("documents")->size() == 0);
    CHECK(root->getValue<int>("version") == 1);
}

TEST_CASE("json: measures are numbers as JSON writes them", "[report]") {
    FileReport report = checked_file("a.md", "web");
    report.measures["m"] = {{"whole", 42}, {"negative", -3}, {"half", 0.5}, {"rounded", 1.239}, {"big", 3e9}};
    std::string text = render("json", {report}, summary_of({clean()}));
    CHECK(text.find("\"whole\": 42 }") != std::string::npos);  // not 42.00
    Object::Ptr m = parse_json(text)->getArray("documents")->getObject(0)->getObject("m");
    CHECK(m->getValue<double>("negative") == -3);
    CHECK(m->getValue<double>("half") == 0.5);
    CHECK(m->getValue<double>("rounded") == 1.24);  // two decimals at most
    CHECK(m->getValue<double>("big") == 3e9);
}

// Reporter::measure takes any double from any plugin; JSON has no NaN or infinity, and
// the writer prints them with %.2f ("nan", "inf"), after an int64_t cast that is
// undefined for them: the whole report stops being JSON.
TEST_CASE("json: a measure that is not finite still leaves valid JSON", "[report]") {
    FileReport report = checked_file("a.md", "web");
    report.measures["m"] = {{"nan", std::nan("")}, {"inf", HUGE_VAL}};
    std::string text = render("json", {report}, summary_of({clean()}));
    CHECK_NOTHROW(parse_json(text));
}

TEST_CASE("sarif: results with code-point regions, exclusive end columns and fixes", "[report]") {
    RunInfo run;
    run.version = "1.2.3";
    run.rules = {{"terminology.avoid", "Words the brand avoids"}, {"spelling.unknown-word", "Unknown words"},
                 {"readability.grade", "Reading grade"}};
    run.list_all_rules = false;
    Object::Ptr root = parse_json(render_all("sarif", run));
    CHECK(root->getValue<std::string>("version") == "2.1.0");
    Object::Ptr r = root->getArray("runs")->getObject(0);
    CHECK(r->getValue<std::string>("columnKind") == "unicodeCodePoints");
    Object::Ptr driver = r->getObject("tool")->getObject("driver");
    CHECK(driver->getValue<std::string>("version") == "1.2.3");
    // Only the rules used, since list_all_rules is off.
    Array::Ptr rules = driver->getArray("rules");
    REQUIRE(rules->size() == 2);
    CHECK(rules->getObject(0)->getValue<std::string>("id") == "readability.grade");
    Array::Ptr results = r->getArray("results");
    REQUIRE(results->size() == 2);  // not the suppressed finding
    Object::Ptr first = results->getObject(0);
    CHECK(first->getValue<std::string>("level") == "error");
    CHECK(first->getObject("message")->getValue<std::string>("text") == tricky);
    Object::Ptr location = first->getArray("locations")->getObject(0)->getObject("physicalLocation");
    CHECK(location->getObject("artifactLocation")->getValue<std::string>("uri") == "docs/a%20b.md");
    Object::Ptr region = location->getObject("region");
    CHECK(region->getValue<int>("startColumn") == 4);
    CHECK(region->getValue<int>("endColumn") == 13);
    Object::Ptr replacement = first->getArray("fixes")->getObject(0)->getArray("artifactChanges")->getObject(0)
                                  ->getArray("replacements")->getObject(0);
    CHECK(replacement->getObject("insertedContent")->getValue<std::string>("text") == "promise");
    CHECK(replacement->getObject("deletedRegion")->getValue<int>("endColumn") == 13);
    CHECK(first->getObject("properties")->getValue<std::string>("channel") == "marketing");
    // The whole document: lines 1 to the file's last, a note, no fix.
    Object::Ptr second = results->getObject(1);
    CHECK(second->getValue<std::string>("level") == "note");
    Object::Ptr whole = second->getArray("locations")->getObject(0)->getObject("physicalLocation")->getObject("region");
    CHECK(whole->getValue<int>("endLine") == 7);
    CHECK_FALSE(whole->has("startColumn"));
    CHECK_FALSE(second->has("fixes"));
}

TEST_CASE("sarif: no fix for a suggestion that is not a fix as written", "[report]") {
    ReportedFinding inexact = guarantee(), unfixable = guarantee();
    inexact.exact = false;
    unfixable.fixable = false;
    Object::Ptr root = parse_json(render("sarif", {checked_file("a.md", "web", {inexact, unfixable})}, summary_of({clean()})));
    Array::Ptr results = root->getArray("runs")->getObject(0)->getArray("results");
    REQUIRE(results->size() == 2);
    for (size_t i = 0; i < 2; ++i) {
        CHECK_FALSE(results->getObject(i)->has("fixes"));
        CHECK(results->getObject(i)->getObject("properties")->getArray("suggestions")->size() == 1);
    }
}

TEST_CASE("rdjson: byte columns, reviewdog severities, a suggestion only where it is a fix", "[report]") {
    ReportedFinding wide = guarantee();
    wide.begin_byte = 6, wide.end_byte = 15;  // two bytes of é before it
    Object::Ptr root = parse_json(render("rdjson", {checked_file("a.md", "web", {wide, long_document()})}, summary_of({clean()})));
    Array::Ptr diagnostics = root->getArray("diagnostics");
    REQUIRE(diagnostics->size() == 2);
    Object::Ptr d = diagnostics->getObject(0);
    CHECK(d->getValue<std::string>("message") == tricky);
    CHECK(d->getValue<std::string>("severity") == "ERROR");
    CHECK(d->getObject("code")->getValue<std::string>("value") == "terminology.avoid");
    Object::Ptr range = d->getObject("location")->getObject("range");
    CHECK(range->getObject("start")->getValue<int>("column") == 6);
    CHECK(range->getObject("end")->getValue<int>("column") == 15);
    CHECK(d->getArray("suggestions")->getObject(0)->getValue<std::string>("text") == "promise");
    Object::Ptr whole = diagnostics->getObject(1);
    CHECK(whole->getValue<std::string>("severity") == "INFO");
    CHECK_FALSE(whole->getObject("location")->has("range"));
    CHECK_FALSE(whole->has("suggestions"));
    CHECK(parse_json(render("rdjson", {}, Summary{}))->getArray("diagnostics")->size() == 0);
}

TEST_CASE("junit: a suite per checked file, attributes and text escaped", "[report]") {
    pugi::xml_document doc = parse_xml(render_all("junit"));
    pugi::xml_node suites = doc.child("testsuites");
    CHECK(suites.attribute("tests").as_int() == 3);  // two findings and the clean file's case
    CHECK(suites.attribute("failures").as_int() == 1);  // the error; a suggestion is advice
    std::vector<std::string> names;
    for (pugi::xml_node suite : suites.children("testsuite")) names.push_back(suite.attribute("name").value());
    CHECK(names == std::vector<std::string>{"docs/a b.md", "c.md"});  // not the skipped file
    pugi::xml_node failing = suites.child("testsuite").child("testcase");
    CHECK(std::string(failing.attribute("name").value()) == "terminology.avoid at 2:4");
    pugi::xml_node failure = failing.child("failure");
    CHECK(failure.attribute("message").value() == tricky);  // the newline kept as &#10;
    CHECK(std::string(failure.attribute("type").value()) == "error");
    CHECK(failure.text().get() == "docs/a b.md:2:4: error: " + tricky + " ('guarantee')");
    pugi::xml_node passing = suites.find_child_by_attribute("testsuite", "name", "c.md").child("testcase");
    CHECK(std::string(passing.attribute("name").value()) == "keeps the brand promise");
    CHECK_FALSE(passing.child("failure"));
}

TEST_CASE("junit and checkstyle: characters XML 1.0 forbids are dropped, not written", "[report]") {
    ReportedFinding f = guarantee();
    f.message = std::string("a\x01" "b\x1F" "c 'd'");
    for (const char* format : {"junit", "checkstyle"}) {
        INFO(format);
        std::string text = render(format, {checked_file("a.md", "web", {f})}, summary_of({clean()}));
        CHECK(text.find('\x01') == std::string::npos);
        pugi::xml_document doc = parse_xml(text);
        pugi::xpath_node error = doc.select_node("//failure | //error");
        REQUIRE(error);
        CHECK(std::string(error.node().attribute("message").value()) == "abc 'd'");
    }
}

TEST_CASE("checkstyle: a file element per checked file, severities as checkstyle names them", "[report]") {
    pugi::xml_document doc = parse_xml(render_all("checkstyle"));
    pugi::xml_node root = doc.child("checkstyle");
    CHECK(std::distance(root.children("file").begin(), root.children("file").end()) == 2);
    pugi::xml_node file = root.child("file");
    CHECK(std::string(file.attribute("name").value()) == "docs/a b.md");
    pugi::xml_node error = file.child("error");
    CHECK(error.attribute("line").as_int() == 2);
    CHECK(error.attribute("column").as_int() == 4);
    CHECK(std::string(error.attribute("severity").value()) == "error");
    CHECK(error.attribute("message").value() == tricky);
    CHECK(std::string(error.attribute("source").value()) == "terminology.avoid");
    CHECK(std::string(error.next_sibling("error").attribute("severity").value()) == "info");
    CHECK_FALSE(root.find_child_by_attribute("file", "name", "c.md").child("error"));
}

TEST_CASE("github: workflow commands with escaped data and properties, UTF-16 columns", "[report]") {
    ReportedFinding f = guarantee();
    f.file = "docs/a,b:c%.md";
    f.rule = "pack:x,y";
    f.message = "100% sure,\r\nreally: yes";
    f.begin_utf16 = 5, f.end_utf16 = 14;  // an emoji before it counts two
    ReportedFinding warning = long_document();
    warning.severity = Severity::warning;
    std::string out = render("github", {checked_file("a.md", "web", {f, warning})}, summary());
    CHECK(out ==
          "::error file=docs/a%2Cb%3Ac%25.md,line=2,col=5,endLine=2,endColumn=13,title=pack%3Ax%2Cy"
          "::100%25 sure,%0D%0Areally: yes Suggestion: promise\n"
          "::warning file=docs/a b.md,line=1,title=readability.grade::Grade 14; aim for 8.\n"
          "touchpoint: 3 files checked, 1 skipped: 2 findings (1 error, 0 warnings, 1 suggestion). 1 suppressed by inline "
          "control. On-promise score 93 (pass mark 80): 1 of 3 touchpoints below it.\n");
    ReportedFinding note = long_document();
    CHECK(render("github", {checked_file("a.md", "web", {note})}, summary_of({clean()})).starts_with("::notice "));
}

TEST_CASE("html: one page, every text escaped, the match marked, skipped files left out", "[report]") {
    RunInfo run;
    run.brand = "Acme <Care> & Co";
    run.promise = "Care \"you\" can trust";
    run.measures = {{"pillars", "Pillars", {{"care", "Care"}, {"speed", "Speed"}}}};
    std::string page = render_all("html", run);
    CHECK(page.starts_with("<!DOCTYPE html>"));
    CHECK(page.find("<title>Touchpoint report: Acme &lt;Care&gt; &amp; Co</title>") != std::string::npos);
    CHECK(page.find("\u201cCare &quot;you&quot; can trust\u201d") != std::string::npos);
    CHECK(page.find("Don&apos;t say &quot;guarantee&quot; &lt;b&gt; &amp; co.&#10;Really: caf\u00e9 \U0001F600") !=
          std::string::npos);
    CHECK(page.find("<b> & co") == std::string::npos);
    CHECK(page.find("We <mark>guarantee</mark> it.") != std::string::npos);
    CHECK(page.find("<span class=\"fix\">promise</span>") != std::string::npos);
    CHECK(page.find("b.docx") == std::string::npos);
    // 100 less 20 for the error and 1 for the suggestion: below the pass mark of 80.
    CHECK(page.find("docs/a b.md \u00b7 marketing \u00b7 2 findings \u00b7 score 79") != std::string::npos);
    CHECK(page.find("<td class=\"hit h2\" title=\"2 mentions\">2</td>") != std::string::npos);
    CHECK(page.find("<b class=\"pass\">89</b>") != std::string::npos);  // overall: (79 + 100) / 2
}

TEST_CASE("sarif and html: the page of a PDF finding (its context) is shown with its place", "[report]") {
    ReportedFinding on_page = guarantee(), plain = guarantee();
    on_page.context = "page 3, line 5";
    FileReport file = checked_file("proof.pdf", "signage", {on_page, plain});
    Object::Ptr root = parse_json(render("sarif", {file}, summary_of({clean()})));
    Array::Ptr results = root->getArray("runs")->getObject(0)->getArray("results");
    REQUIRE(results->size() == 2);
    Object::Ptr located = results->getObject(0)->getArray("locations")->getObject(0);
    CHECK(located->getObject("message")->getValue<std::string>("text") == "page 3, line 5");
    CHECK(results->getObject(0)->getObject("properties")->getValue<std::string>("context") == "page 3, line 5");
    CHECK_FALSE(results->getObject(1)->getArray("locations")->getObject(0)->has("message"));
    CHECK_FALSE(results->getObject(1)->getObject("properties")->has("context"));
    std::string html = render("html", {file}, summary_of({file}));
    CHECK(html.find("page 3, line 5") != std::string::npos);
}

TEST_CASE("text: control characters from a file are shown, never sent to the terminal", "[report]") {
    ReportedFinding f = guarantee();
    f.excerpt.text = "We \x1b]0;pwned\x07guarantee it";
    f.message = "Avoid '\x1b[31mguarantee'.";
    f.context = "page 1\x1b[2J";
    std::string out = render("text", {checked_file("a.txt", "marketing", {f})}, summary_of({clean()}));
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find("We \xEF\xBF\xBD]0;pwned\xEF\xBF\xBDguarantee it") != std::string::npos);
    CHECK(out.find("page 1\xEF\xBF\xBD[2J") != std::string::npos);
}
