// Terminology suggestions end to end: what `touchpoint fix` writes from them, and what
// the JSON report says of a span two rules report.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
using test::run_touchpoint;
using test::ScratchDir;

namespace {

void write_brand(const ScratchDir& dir, const std::string& body) {
    dir.write("brand.xml", "<brand name=\"Acme\">" + body + "</brand>");
    dir.write("touchpoint.xml", "<touchpoint><brand file=\"brand.xml\"/></touchpoint>");
}

}  // namespace

TEST_CASE("fix leaves a suggestion with no known inflection to a person, and says so") {
    ScratchDir dir;
    write_brand(dir, R"(<prefer term="run" instead-of="execute"/><avoid term="drill" suggest="treatment"/>)"
                     R"(<prefer term="patient" instead-of="customer"/>)");
    dir.write("a.md", "The job executed. No drilling. Customers wait.\n");
    auto report = run_touchpoint({"check", "a.md", "--format", "json"}, dir.path());
    CHECK(report.out.find("\"suggestions\": [\"run\"], \"fixable\": false") != std::string::npos);
    CHECK(report.out.find("\"suggestions\": [\"Patients\"],\n") != std::string::npos);
    auto fix = run_touchpoint({"fix", "a.md"}, dir.path());
    CHECK(fix.exit_code == 0);
    CHECK(test::read_file(dir.path() / "a.md") == "The job executed. No drilling. Patients wait.\n");
    CHECK(fix.err.find("left a.md:1:9 'executed' as it is: put 'run' in its form by hand") != std::string::npos);
    CHECK(fix.err.find("left a.md:1:22 'drilling' as it is: put 'treatment' in its form by hand") != std::string::npos);
    CHECK(fix.err.find("fixed 1 finding in 1 file") != std::string::npos);
}

TEST_CASE("fix replaces a term with punctuation whole") {
    ScratchDir dir;
    write_brand(dir, R"(<avoid term="e.g." suggest="for example"/><avoid term="and/or" suggest="or"/>)");
    dir.write("a.md", "Bring a card, e.g., your ID, and/or a letter.\n");
    auto fix = run_touchpoint({"fix", "a.md"}, dir.path());
    CHECK(fix.exit_code == 0);
    CHECK(test::read_file(dir.path() / "a.md") == "Bring a card, for example, your ID, or a letter.\n");
}

TEST_CASE("a span a brand rule and a pack rule both report is one finding, the brand's, naming the other") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="guarantee" reason="Outcomes cannot be promised."/></brand>)");
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/><pack id="healthcare-claims"/></touchpoint>)");
    dir.write("a.txt", "We guarantee it.\n");
    auto json = run_touchpoint({"check", "a.txt", "--format", "json"}, dir.path());
    CHECK(json.out.find("\"rule\": \"terminology.avoid\"") != std::string::npos);
    CHECK(json.out.find("\"rule\": \"healthcare-claims.guarantee\"") == std::string::npos);
    CHECK(json.out.find("\"channel\": \"marketing\", \"lang\": \"en\",\n      \"also\": [\"healthcare-claims.guarantee\"]") != std::string::npos);
    CHECK(json.out.find("\"summary\": { \"files\": 1, \"findings\": 1,") != std::string::npos);
    auto text = run_touchpoint({"check", "a.txt"}, dir.path());
    CHECK(text.out.find("[terminology.avoid] (also: healthcare-claims.guarantee)") != std::string::npos);
    auto sarif = run_touchpoint({"check", "a.txt", "--format", "sarif"}, dir.path());
    CHECK(sarif.out.find(R"("also": ["healthcare-claims.guarantee"])") != std::string::npos);
    // With --isolate the child's report carries it too.
    auto isolated = run_touchpoint({"check", "a.txt", "--format", "json", "--isolate"}, dir.path());
    CHECK(isolated.out == json.out);
    // A pack finding overlapping the brand's is the same mistake: one finding.
    dir.write("b.txt", "Guaranteed results.\n");
    auto overlapping = run_touchpoint({"check", "b.txt", "--format", "json"}, dir.path());
    CHECK(overlapping.out.find("\"match\": \"Guaranteed\"") != std::string::npos);
    CHECK(overlapping.out.find("\"rule\": \"healthcare-claims.guarantee\"") == std::string::npos);
    CHECK(overlapping.out.find("\"also\": [\"healthcare-claims.guarantee\"]") != std::string::npos);
    CHECK(overlapping.out.find("\"findings\": 1,") != std::string::npos);
    // The finding kept takes the higher severity: a brand warning never hides a pack's error.
    dir.write("brand.xml", R"(<brand name="Acme"><avoid term="miracle" suggest="wonder"/></brand>)");
    dir.write("d.txt", "A miracle cure for you.\n");
    auto hidden = run_touchpoint({"check", "d.txt", "--format", "json"}, dir.path());
    CHECK(hidden.exit_code == 1);
    CHECK(hidden.out.find("\"severity\": \"error\"") != std::string::npos);
    CHECK(hidden.out.find("\"also\": [\"healthcare-claims.cure\"]") != std::string::npos);
    // A pack rule alone on a span stays as it is.
    dir.write("c.txt", "It is 100% effective.\n");
    auto pack_only = run_touchpoint({"check", "c.txt", "--format", "json"}, dir.path());
    CHECK(pack_only.out.find("\"rule\": \"healthcare-claims.guarantee\"") != std::string::npos);
}

TEST_CASE("an unknown word inside a brand rule's finding is that finding's, named in its also") {
    ScratchDir dir;
    write_brand(dir, R"(<prefer term="username" instead-of="usrname"/><avoid pattern="\bcheapo\b" reason="Cheap."/>)"
                     R"(<name canonical="St. Mary's Hospital"/><name canonical="Riverbend Health"><variant>RBH</variant></name>)"
                     R"(<fact id="mail" kind="email" value="info@acme.org"/>)");
    dir.write("a.md", "Your usrname. A cheapo deal. Visit St. Marys Hospital. Ask RBHs.\n\n"
                      "Mail <mailto:billing@acme.org> or <info@acme.com>. Thier care.\n");
    auto json = run_touchpoint({"check", "a.md", "--format", "json"}, dir.path());
    CHECK(json.out.find("\"summary\": { \"files\": 1, \"findings\": 7,") != std::string::npos);
    for (std::string rule : {"terminology.prefer", "terminology.avoid", "terminology.name", "facts.email"})
        CHECK(json.out.find("\"rule\": \"" + rule + "\"") != std::string::npos);
    // Only the misspelling no other rule reports is a spelling finding.
    CHECK(json.out.find("\"match\": \"Thier\"") != std::string::npos);
    size_t spelling = 0;
    for (size_t at = json.out.find("\"rule\": \"spelling.unknown-word\""); at != std::string::npos;
         at = json.out.find("\"rule\": \"spelling.unknown-word\"", at + 1))
        ++spelling;
    CHECK(spelling == 1);
    CHECK(json.out.find("\"also\": [\"spelling.unknown-word\"]") != std::string::npos);
    // The "mailto:" link and the address it shows are one mistake.
    CHECK(json.out.find("\"match\": \"mailto:billing@acme.org\"") != std::string::npos);
    CHECK(json.out.find("\"match\": \"billing@acme.org\"") == std::string::npos);
    CHECK(json.out.find("'info@acme.com' looks like the brand's address but acme.com is not its domain") != std::string::npos);
    auto isolated = run_touchpoint({"check", "a.md", "--format", "json", "--isolate"}, dir.path());
    CHECK(isolated.out == json.out);
    // A phrase flagged for a person to reword keeps its misspellings as findings of their own.
    write_brand(dir, R"(<avoid pattern="free .* today" reason="No free offers."/>)");
    dir.write("b.md", "Get a free chekup and a flu shott today.\n");
    auto phrase = run_touchpoint({"check", "b.md", "--format", "json"}, dir.path());
    CHECK(phrase.out.find("\"summary\": { \"files\": 1, \"findings\": 3,") != std::string::npos);
    CHECK(phrase.out.find("\"also\"") == std::string::npos);
}

TEST_CASE("fix settles in one run when one preferred term is replaced by another, and names whole-document findings") {
    ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><promise>Care.</promise><pillar id="care" label="Care"><term>care</term></pillar>)"
                           R"(<prefer term="client" instead-of="buyer"/><prefer term="patient" instead-of="client"/>)"
                           R"(<channel id="marketing" min-pillars="1"/></brand>)");
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/></touchpoint>)");
    dir.write("a.md", "Every buyer and every client matters.\n");
    auto fix = run_touchpoint({"fix", "a.md"}, dir.path());
    CHECK(fix.exit_code == 0);
    CHECK(test::read_file(dir.path() / "a.md") == "Every patient and every patient matters.\n");
    CHECK(fix.err.find("left a.md (pillars.coverage, the whole document) as it is: it is about the whole document; "
                       "work 'Care' in where it fits by hand") != std::string::npos);
    auto again = run_touchpoint({"fix", "a.md"}, dir.path());
    CHECK(test::read_file(dir.path() / "a.md") == "Every patient and every patient matters.\n");
    CHECK(again.err.find("fixed 0 findings") != std::string::npos);
}
