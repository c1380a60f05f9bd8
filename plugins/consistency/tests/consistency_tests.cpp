// Variant sets across a corpus: joined, hyphenated, spaced and case forms.
#include "../consistency.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

struct Run {
    std::vector<std::vector<std::string>> findings;  // per document: "match->suggestion"
    std::vector<std::vector<std::pair<std::string, double>>> table;
};

Run run(const std::vector<std::string>& texts) {
    test::TestContext context(test::brand_from_xml(R"(<brand name="Riverbend Health"><name canonical="MyRiverbend"/></brand>)"));
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
        std::vector<std::string> found;
        for (const Finding& f : reporter.findings)
            found.push_back(std::string(d.text().substr(f.begin, f.end - f.begin)) + "->" + f.suggestions.at(0));
        result.findings.push_back(found);
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

TEST_CASE("letter case of a multi-word name, not at a sentence start or in a heading") {
    Run r = run({"Visit our Urgent Care when the clinic is closed. Our Urgent Care team is ready.", "Please go to urgent care tonight if the fever rises.",
                 "Urgent care opens at nine."});
    CHECK(r.findings[1] == V{"urgent care->Urgent Care"});
    CHECK(r.findings[2] == V{});  // sentence start: the case tells nothing
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
