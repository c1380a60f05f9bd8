// The words flagged are Hunspell's, less the brand's own; suggestions come with them.
#include "../spelling.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <set>

using namespace touchpoint;

namespace {

const char* brand_xml = R"(<brand name="Riverbend Health">
  <pillar id="family" label="Family"><term>family</term></pillar>
  <name canonical="MyRiverbend"/>
  <accept>telehealth</accept>
  <accept>Hartley</accept>
</brand>)";

const std::string text =
    "Welcome to Riverbend Health. Our nurses recieve every patient with care, and our docters listen.\n"
    "Book a telehealth visit in MyRiverbend, or visit the Hartley Heart Center for an echocardiogram.\n"
    "Our comittee meets weekly; the pharmacy is open untill nine. Thier families are welcome.\n";

std::set<std::string> flagged_by_touchpoint(test::CollectingReporter& reporter) {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = spelling::SpellingPlugin().compile(context);
    Document document = test::make_document(text);
    compiled->check(document, reporter);
    std::set<std::string> words;
    for (const Finding& f : reporter.findings) words.insert(std::string(document.text().substr(f.begin, f.end - f.begin)));
    return words;
}

std::set<std::string> flagged_by_hunspell() {
    test::ScratchDir dir;
    auto file = dir.write("text.txt", text);
    // The same dictionaries the plugin loads: en_US and Debian's medical word list.
    std::string command = "hunspell -d en_US,en_med_glut -l " + file.string();
    std::set<std::string> words;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    char line[256];
    while (std::fgets(line, sizeof line, pipe)) {
        std::string word(line);
        while (!word.empty() && (word.back() == '\n' || word.back() == '\r')) word.pop_back();
        words.insert(word);
    }
    REQUIRE(pclose(pipe) == 0);
    return words;
}

}  // namespace

TEST_CASE("the words flagged equal hunspell -l on the text, less the accepted ones") {
    test::CollectingReporter reporter;
    std::set<std::string> ours = flagged_by_touchpoint(reporter);
    std::set<std::string> theirs = flagged_by_hunspell();
    for (const char* brand_word : {"Riverbend", "telehealth", "MyRiverbend", "Hartley"}) theirs.erase(brand_word);
    CHECK(ours == theirs);
    CHECK(ours == std::set<std::string>{"recieve", "docters", "comittee", "untill", "Thier"});
}

TEST_CASE("each misspelling carries Hunspell's suggestions and is a suggestion by default") {
    test::CollectingReporter reporter;
    flagged_by_touchpoint(reporter);
    REQUIRE_FALSE(reporter.findings.empty());
    const Finding& recieve = reporter.findings.front();
    CHECK(recieve.rule == "unknown-word");
    CHECK(recieve.severity == Severity::suggestion);
    CHECK(recieve.message == "'recieve' is not in the en-US dictionary.");
    REQUIRE_FALSE(recieve.suggestions.empty());
    CHECK(recieve.suggestions.front() == "receive");
}

TEST_CASE("suggestions are the close spellings only, and a word with none gets none") {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = spelling::SpellingPlugin().compile(context);
    test::CollectingReporter reporter;
    compiled->check(test::make_document("We seperate the Kubernetes pods."), reporter);
    REQUIRE(reporter.findings.size() == 2);
    // Hunspell's n-gram pass would add far-fetched ones: perseverate, desperate; Rubbernecks.
    CHECK(reporter.findings[0].suggestions == std::vector<std::string>{"separate"});
    CHECK(reporter.findings[1].suggestions.empty());
}

TEST_CASE("numbers, acronyms, identifiers, URLs, e-mail addresses and file names are not spell-checked") {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = spelling::SpellingPlugin().compile(context);
    test::CollectingReporter reporter;
    compiled->check(test::make_document("Call 24/7 or 3rd floor. MRI and ECG at www.rvbhlth.org, "
                                        "mail xqzt@rvbhlth.org, open setup_config.yaml now. "
                                        "Set parseLat in DistSender on your iPhone."),
                    reporter);
    CHECK(reporter.findings.empty());
}

TEST_CASE("an unknown word yields to a brand rule reporting the same words: one mistake, one finding") {
    test::TestContext context(test::brand_from_xml(R"(<brand name="Acme" locale="en-US">
  <prefer term="username" instead-of="usrname"/></brand>)"));
    auto compiled = spelling::SpellingPlugin().compile(context);
    test::CollectingReporter reporter;
    Document document = test::make_document("Your usrname, not the username. Thier care.");
    compiled->check(document, reporter);
    std::vector<std::string> words;
    for (const Finding& finding : reporter.findings) {
        words.emplace_back(document.text().substr(finding.begin, finding.end - finding.begin));
        CHECK(finding.claim == Claim::yields);  // the report folds it into the brand rule's finding
    }
    CHECK(words == std::vector<std::string>{"usrname", "Thier"});
}
