// Variant sets across a corpus: joined, hyphenated, spaced and case forms.
#include "../consistency.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

struct Run {
    std::vector<std::vector<std::string>> findings;  // per document: "match->suggestion"
    std::vector<std::vector<std::string>> messages;  // per document
    std::vector<std::vector<std::pair<std::string, double>>> table;
};

const char* default_brand = R"(<brand name="Riverbend Health"><name canonical="MyRiverbend"/></brand>)";

Run run(const std::vector<std::string>& texts, const std::string& brand_xml = default_brand) {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto check = consistency::ConsistencyPlugin().compile(context);
    std::vector<Document> documents;
    for (const std::string& text : texts) documents.push_back(test::make_document(text));
    for (int pass = 1; pass <= check->observation_passes(); ++pass) {
        for (const Document& d : documents) check->observe(pass, d);
        check->end_pass(pass);
    }
    Run result;
    for (const Document& d : documents) {
        test::CollectingReporter reporter;
        check->check(d, reporter);
        std::vector<std::string> found, messages;
        for (const Finding& f : reporter.findings) {
            found.push_back(std::string(d.text().substr(f.begin, f.end - f.begin)) + "->" + f.suggestions.at(0));
            messages.push_back(f.message);
        }
        result.findings.push_back(found);
        result.messages.push_back(messages);
    }
    class Table : public CorpusReporter {
    public:
        explicit Table(Run& r) : r_(r) {}
        void row(std::string_view, std::vector<std::pair<std::string, double>> cells) override { r_.table.push_back(cells); }
        Run& r_;
    } table(result);
    check->summarize(table);
    return result;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("joined, hyphenated and spaced forms across files: the minority is a finding") {
    Run r = run({"We email you. Please email us.", "Send an e-mail to us.", "Our email is open."});
    CHECK(r.findings[0] == V{});
    CHECK(r.findings[1] == V{"e-mail->email"});
    REQUIRE(r.table.size() == 1);
    CHECK(r.table[0] == std::vector<std::pair<std::string, double>>{{"email", 3}, {"e-mail", 1}});
}

TEST_CASE("two words against one: health care and healthcare, check-in and checkin") {
    Run r = run({"We give good healthcare. Your healthcare matters.", "Quality health care for all.",
                 "Use the check-in desk. Online check-in is fast. The checkin kiosk."});
    CHECK(r.findings[1] == V{"health care->healthcare"});
    CHECK(r.findings[2] == V{"checkin->check-in"});
}

TEST_CASE("letter case of a multi-word name, not in a heading") {
    Run r = run({"Visit our Urgent Care when the clinic is closed. Our Urgent Care team is ready. The Urgent Care desk helps.",
                 "Please go to urgent care tonight if the fever rises.", "Urgent care opens at nine.",
                 "# Urgent Care Hours And Services\n\nCall first."});
    CHECK(r.findings[1] == V{"urgent care->Urgent Care"});
    // A sentence start owes it only its first capital: written `Urgent care`, it is `urgent care`.
    CHECK(r.findings[2] == V{"Urgent care->Urgent Care"});
    CHECK(r.findings[3] == V{});  // a heading: the case tells nothing
}

TEST_CASE("a sentence-initial capital counts toward the lower-case form in the tallies and messages") {
    Run r = run({"Urgent care is open late.", "Urgent care is near. Urgent care helps.", "Visit our Urgent Care today. Our Urgent Care team helps."});
    CHECK(r.findings[2] == V{"Urgent Care->urgent care", "Urgent Care->urgent care"});
    REQUIRE(r.table.size() == 1);
    CHECK(r.table[0] == std::vector<std::pair<std::string, double>>{{"urgent care", 3}, {"Urgent Care", 2}});
    CHECK(r.messages[2].at(0) == "Write 'urgent care' as elsewhere (3 times), not 'Urgent Care' (2).");
    // Capitals after the first at a sentence start leave the case unknown: no vote either way.
    Run unknown = run({"Use NTP here. Use NTP there. Use NTP now.", "Then use NTP.", "Please use NTP."});
    for (const auto& f : unknown.findings) CHECK(f == V{});
}

TEST_CASE("grammar is no variant: hyphen against space, function words, dictionary words' case") {
    Run r = run({"Please check in at the desk. Check in early. Then check in again.", "The check-in desk.",
                 "Walk in to the lobby, walk in to the clinic.", "Come into the room.", "In May we may open. may may."});
    for (const auto& f : r.findings) CHECK(f == V{});
    CHECK(r.table.empty());
}

TEST_CASE("ties and single occurrences decide nothing; the brand's names are terminology's") {
    Run r = run({"We email you.", "Send an e-mail."});
    CHECK(r.table.empty());
    Run names = run({"Use MyRiverbend. Use MyRiverbend.", "Use my Riverbend."});
    CHECK(names.table.empty());
}

TEST_CASE("consistency never argues with a name: the name's words and text inside a name are terminology's") {
    const std::string brand = R"(<brand name="Bayside Smiles &amp; Urgent Care">
      <name canonical="Bayside Smiles &amp; Urgent Care"><variant>Bayside Urgent Care Center</variant></name></brand>)";
    Run r = run({"Welcome to Bayside Smiles & Urgent Care. Bayside Smiles & Urgent Care is open.",
                 "Come to urgent care tonight. Our urgent care team helps. Find urgent care near you.",
                 "Visit bayside smiles & urgent care or Bayside Urgent Care Center today."},
                brand);
    for (const auto& f : r.findings) CHECK(f == V{});
    CHECK(r.table.empty());
}

TEST_CASE("the brand's preferred terms and accepted words win their variant set") {
    const std::string brand = R"(<brand name="Riverbend Health">
      <prefer term="check-in" instead-of="registration"/><accept>telehealth</accept></brand>)";
    Run r = run({"Use the checkin kiosk. The checkin desk. Online checkin.", "Quick check-in.",
                 "Try tele-health. Our tele-health visits.", "Book telehealth."},
                brand);
    CHECK(r.findings[0] == V{"checkin->check-in", "checkin->check-in", "checkin->check-in"});
    CHECK(r.findings[1] == V{});
    CHECK(r.findings[2] == V{"tele-health->telehealth", "tele-health->telehealth"});
    CHECK(r.findings[3] == V{});
    CHECK(r.messages[0].at(0) == "Write 'check-in' as the brand file does, not 'checkin' (3).");
}

TEST_CASE("terms that terminology reports (replaced or avoided) make no variant set") {
    const std::string brand = R"(<brand name="Riverbend Health">
      <prefer term="health care" instead-of="healthcare"/><avoid term="e-mail" reason="Say email."/></brand>)";
    Run r = run({"We give good healthcare. Your healthcare matters.", "Quality health care for all.",
                 "We email you. Please email us.", "Send an e-mail to us."},
                brand);
    for (const auto& f : r.findings) CHECK(f == V{});
    CHECK(r.table.empty());
}
