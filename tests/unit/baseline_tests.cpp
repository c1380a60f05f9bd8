// Baselines: a finding is known by its file, rule, match and trimmed source line, never by
// its line number; each recorded finding absorbs one finding of a later run.
#include "actions/baseline.hpp"
#include "support.hpp"

#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

using namespace touchpoint;
using test::ScratchDir;

namespace {

ReportedFinding cheap_on_line(int line) {
    ReportedFinding f;
    f.file = "docs/a.md";
    f.begin = {line, 10};
    f.end = {line, 14};
    f.rule = "terminology.avoid";
    f.match = "cheap";
    f.message = "Avoid 'cheap'.";
    f.excerpt = {"We offer cheap care.", 1, false, false};
    return f;
}

// The baseline written to a file and read back, as `touchpoint baseline` and `check --baseline` do.
Baseline round_trip(const Baseline& baseline) {
    ScratchDir dir;
    return Baseline::load(dir.write("baseline.json", baseline.json()).string());
}

}  // namespace

TEST_CASE("baseline: a finding that moved to another line or column is still the same finding", "[baseline]") {
    Baseline baseline;
    baseline.add(cheap_on_line(3));
    ReportedFinding moved = cheap_on_line(40);
    moved.begin.column = 2;  // and the line's indentation changed
    moved.excerpt.text = "\t  We offer cheap care.  \r";
    moved.severity = Severity::error;  // severity and message are no part of it either
    moved.message = "Reworded message.";
    CHECK(fingerprint(moved) == fingerprint(cheap_on_line(3)));
    CHECK(baseline.absorbs(moved));
}

TEST_CASE("baseline: another file, rule, match or line text is a new finding", "[baseline]") {
    Baseline baseline;
    baseline.add(cheap_on_line(3));
    ReportedFinding other_file = cheap_on_line(3), other_rule = other_file, other_match = other_file,
                    edited_line = other_file;
    other_file.file = "docs/b.md";
    other_rule.rule = "healthcare-claims.cheap";
    other_match.match = "Cheap";
    edited_line.excerpt.text = "We offer cheap care, now.";
    for (const ReportedFinding& f : {other_file, other_rule, other_match, edited_line}) CHECK_FALSE(baseline.absorbs(f));
    CHECK(baseline.size() == 1);  // nothing used up
    CHECK(baseline.absorbs(cheap_on_line(3)));
}

TEST_CASE("baseline: a whole-document finding is known without its excerpt", "[baseline]") {
    ReportedFinding a = cheap_on_line(1), b = cheap_on_line(1);
    a.whole_document = b.whole_document = true;
    b.excerpt.text = "Something else entirely.";
    CHECK(fingerprint(a) == fingerprint(b));
}

TEST_CASE("baseline: parts are kept apart, so shifting text between them changes the fingerprint", "[baseline]") {
    ReportedFinding a = cheap_on_line(1), b = cheap_on_line(1);
    a.file = "docs/a";
    a.rule = "b.rule";
    b.file = "docs/ab";
    b.rule = ".rule";
    CHECK(fingerprint(a) != fingerprint(b));
    CHECK(fingerprint(a).size() == 16);
}

TEST_CASE("baseline: each recorded occurrence absorbs one finding, no more", "[baseline]") {
    Baseline baseline;
    baseline.add(cheap_on_line(3));
    baseline.add(cheap_on_line(9));  // the same line twice in the file
    CHECK(baseline.size() == 2);
    CHECK(baseline.absorbs(cheap_on_line(3)));
    CHECK(baseline.absorbs(cheap_on_line(5)));
    CHECK_FALSE(baseline.absorbs(cheap_on_line(9)));  // a third one is new
    CHECK(baseline.size() == 0);
}

TEST_CASE("baseline: json() is loaded back with the same counts", "[baseline]") {
    Baseline baseline;
    baseline.add(cheap_on_line(3));
    baseline.add(cheap_on_line(4));
    ReportedFinding other = cheap_on_line(7);
    other.match = "guarantee";
    baseline.add(other);
    std::string json = baseline.json();
    auto root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    CHECK(root->getValue<int>("version") == 1);
    auto prints = root->getObject("fingerprints");
    REQUIRE(prints->size() == 2);
    CHECK(prints->getValue<int>(fingerprint(cheap_on_line(1))) == 2);
    Baseline loaded = round_trip(baseline);
    CHECK(loaded.size() == 3);
    CHECK(loaded.json() == json);
    CHECK(loaded.absorbs(other));
    CHECK_FALSE(loaded.absorbs(other));
    CHECK(loaded.absorbs(cheap_on_line(1)));
    CHECK(loaded.absorbs(cheap_on_line(2)));
    CHECK_FALSE(loaded.absorbs(cheap_on_line(3)));
}

TEST_CASE("baseline: an empty baseline is valid JSON that absorbs nothing", "[baseline]") {
    Baseline empty;
    CHECK(empty.json() == "{\n  \"version\": 1,\n  \"fingerprints\": {}\n}\n");
    Baseline loaded = round_trip(empty);
    CHECK(loaded.size() == 0);
    CHECK_FALSE(loaded.absorbs(cheap_on_line(1)));
}

TEST_CASE("baseline: a missing, malformed or foreign file is refused, naming it", "[baseline]") {
    ScratchDir dir;
    std::string missing = (dir.path() / "none.json").string();
    CHECK_THROWS_WITH(Baseline::load(missing), "cannot read the baseline '" + missing + "'");
    std::string broken = dir.write("broken.json", "{\"fingerprints\": {\"ab\": 1").string();
    CHECK_THROWS_WITH(Baseline::load(broken), Catch::StartsWith("the baseline '" + broken + "' is not valid JSON: "));
    std::string foreign = dir.write("report.json", "{\"version\": 1, \"findings\": []}").string();
    CHECK_THROWS_WITH(Baseline::load(foreign), "the baseline '" + foreign +
                                                   "' has no \"fingerprints\"; make it with 'touchpoint baseline'");
    std::string wrong_count = dir.write("count.json", "{\"fingerprints\": {\"ab\": \"many\"}}").string();
    CHECK_THROWS_AS(Baseline::load(wrong_count), RunError);
}
