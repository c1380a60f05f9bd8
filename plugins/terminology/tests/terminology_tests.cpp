// The terminology plugin's matching semantics (docs/brand-file.md), on real sentences.
#include "../regex.hpp"
#include "../terminology.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

namespace {

using test::TestContext;
using Collect = test::CollectingReporter;

const char* riverbend_elements = R"(
  <prefer term="patient" instead-of="customer|client"/>
  <prefer term="care team" instead-of="staff|personnel" channels="marketing script"/>
  <avoid term="cheap" reason="Conflicts with our quality positioning." suggest="affordable"/>
  <avoid term="guarantee" severity="error" reason="Health outcomes cannot be guaranteed."/>
  <avoid pattern="\bno[ -]wait(ing)?\b" severity="error"/>
  <name canonical="Riverbend Health"><variant>Riverbend Hospital</variant><variant>RBH</variant></name>
  <name canonical="MyRiverbend"/>
)";

// Riverbend's terminology, and any more elements.
Brand riverbend(const std::string& more = "") {
    return test::brand_from_xml(std::string("<brand name=\"Riverbend Health\">") + riverbend_elements + more + "</brand>");
}

// "rule:match" for each finding, in order.
std::vector<std::string> check(const std::string& text, const std::string& channel = "marketing",
                               Format format = Format::plain_text) {
    TestContext context(riverbend());
    auto compiled = terminology::TerminologyPlugin().compile(context);
    Document document = test::make_document(text, format, channel);
    Collect collect;
    compiled->check(document, collect);
    std::vector<std::string> out;
    for (const Finding& f : collect.findings)
        out.push_back(f.rule + ":" + std::string(document.text().substr(f.begin, f.end - f.begin)));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Finding> findings(const std::string& text) {
    TestContext context(riverbend());
    auto compiled = terminology::TerminologyPlugin().compile(context);
    Document document = test::make_document(text);
    Collect collect;
    compiled->check(document, collect);
    return collect.findings;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("inflected forms match; derived words do not") {
    CHECK(check("customers and Clients") == V{"prefer:Clients", "prefer:customers"});
    CHECK(check("guaranteed, guarantees, guaranteeing") ==
          V{"avoid:guaranteed", "avoid:guaranteeing", "avoid:guarantees"});
    CHECK(check("cheaper and cheapest") == V{"avoid:cheaper", "avoid:cheapest"});
    CHECK(check("a guarantor, comfortable chairs, the staffer, customary fees") == V{});
}

TEST_CASE("whole words only, at Unicode word boundaries") {
    CHECK(check("cheapskate, cheapness, customerservice") == V{});
    CHECK(check("“cheap” (cheap) cheap.") == V{"avoid:cheap", "avoid:cheap", "avoid:cheap"});
    CHECK(check("non-cheap") == V{"avoid:cheap"});
    CHECK(check("www.cheap.example and info@cheap.example") == V{});
}

TEST_CASE("matching is case-insensitive by Unicode case folding, after NFC") {
    CHECK(check("CUSTOMER Customer cUsToMeR") == V{"prefer:CUSTOMER", "prefer:Customer", "prefer:cUsToMeR"});
    TestContext context(riverbend(R"(<avoid term="café"/>)"));
    auto compiled = terminology::TerminologyPlugin().compile(context);
    Document document = test::make_document("CAFE\u0301 and Café");  // decomposed, then composed
    Collect collect;
    compiled->check(document, collect);
    CHECK(collect.findings.size() == 2);
}

TEST_CASE("a possessive ending is not part of the word") {
    CHECK(check("the customer's file, the client’s file, the customers' files") ==
          V{"prefer:client", "prefer:customer", "prefer:customers"});
}

TEST_CASE("hyphen, space and line break are equal inside multi-word terms") {
    CHECK(check("our care team") == V{});
    CHECK(check("Riverbend-Hospital and Riverbend\nHospital") ==
          V{"name:Riverbend\nHospital", "name:Riverbend-Hospital"});
    CHECK(check("Riverbend,\nHospital") == V{});
    CHECK(check("Riverbend\n\nHospital") == V{});
}

TEST_CASE("overlapping terms: the longest at the leftmost start wins") {
    CHECK(check("Riverbend Hospital staff") == V{"name:Riverbend Hospital", "prefer:staff"});
}

TEST_CASE("rules limited to channels apply only there") {
    CHECK(check("staff only", "signage") == V{});
    CHECK(check("staff only", "script") == V{"prefer:staff"});
}

TEST_CASE("names: any other capitalisation, spacing or hyphenation of the canonical form") {
    CHECK(check("Riverbend Health") == V{});
    CHECK(check("RiverBend Health") == V{"name:RiverBend Health"});
    CHECK(check("Riverbend health") == V{"name:Riverbend health"});
    CHECK(check("River bend Health") == V{"name:River bend Health"});
    CHECK(check("Riverbend-Health") == V{"name:Riverbend-Health"});
    CHECK(check("RiverbendHealth") == V{"name:RiverbendHealth"});
    CHECK(check("Riverbend\nHealth") == V{});
    CHECK(check("Riverbend\u00A0Health") == V{});
    CHECK(check("Riverbend Health's clinics") == V{});
    CHECK(check("rbh") == V{"name:rbh"});
    CHECK(check("MyRiverbend, My Riverbend, myriverbend") == V{"name:My Riverbend", "name:myriverbend"});
    // A correct name wins over a misspelt one overlapping it.
    CHECK(check("Visit my Riverbend Health account") == V{});
}

TEST_CASE("avoid patterns are ICU regular expressions, case-insensitive") {
    CHECK(check("No-wait clinic, no waiting room, nowait") == V{"avoid:No-wait", "avoid:no waiting"});
}

TEST_CASE("pattern matches map to exact byte offsets after accented letters and emoji") {
    // é is two bytes and one UTF-16 unit, 😀 four bytes and two units.
    std::string text = "Caf\u00e9 \U0001F600 \u2014 No-wait clinic, ni\u00f1os \U0001F600 no waiting.";
    auto f = findings(text);
    REQUIRE(f.size() == 2);
    CHECK(text.substr(f[0].begin, f[0].end - f[0].begin) == "No-wait");
    CHECK(f[0].begin == text.find("No-wait"));
    CHECK(text.substr(f[1].begin, f[1].end - f[1].begin) == "no waiting");
    CHECK(f[1].begin == text.find("no waiting"));
}

TEST_CASE("suggestions keep the original's capitalisation and number; messages say why") {
    auto f = findings("Customers love it. The cheap option. Staff. RBH.");
    REQUIRE(f.size() == 4);
    CHECK(f[0].message == "Use 'Patients' instead of 'Customers'.");
    CHECK(f[0].suggestions == V{"Patients"});
    CHECK(f[1].message == "Conflicts with our quality positioning.");
    CHECK(f[1].suggestions == V{"affordable"});
    CHECK(f[2].suggestions == V{"Care team"});
    CHECK(f[3].rule == "name");
    CHECK(f[3].message == "Write the name as 'Riverbend Health', not 'RBH'.");
    CHECK(f[3].suggestions == V{"Riverbend Health"});
}

TEST_CASE("Markdown: markup between words does not hide a term, code does") {
    CHECK(check("Our **care** *team* and `cheap` code", "marketing", Format::markdown) == V{});
    CHECK(check("Riverbend **Hospital** and [staff](https://cheap.example)", "marketing", Format::markdown) ==
          V{"name:Riverbend Hospital", "prefer:staff"});
}

namespace {

// What a brand's terminology check reports on a text: rule, match, suggestions, and
// whether `touchpoint fix` may apply the suggestion.
struct Seen {
    std::string rule, match;
    V suggestions;
    bool fixable;
    bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& s) {
    out << s.rule << ":" << s.match << " ->";
    for (const std::string& suggestion : s.suggestions) out << " '" << suggestion << "'";
    return out << (s.fixable ? "" : " (not fixable)");
}

std::vector<Seen> seen(const std::string& brand_body, const std::string& text, Format format = Format::plain_text) {
    TestContext context(test::brand_from_xml("<brand name=\"Acme\">" + brand_body + "</brand>"));
    auto compiled = terminology::TerminologyPlugin().compile(context);
    Document document = test::make_document(text, format);
    Collect collect;
    compiled->check(document, collect);
    std::vector<Seen> out;
    for (const Finding& f : collect.findings)
        out.push_back({f.rule, std::string(document.text().substr(f.begin, f.end - f.begin)), f.suggestions, f.fixable});
    return out;
}

using S = std::vector<Seen>;

}  // namespace

TEST_CASE("an inflected suggestion is offered only in a spelling the dictionary or the brand knows") {
    CHECK(seen(R"(<prefer term="run" instead-of="execute"/>)", "The job executed.") ==
          S{{"prefer", "executed", {"run"}, false}});
    CHECK(seen(R"(<prefer term="get" instead-of="obtain"/>)", "We obtained it.") == S{{"prefer", "obtained", {"get"}, false}});
    CHECK(seen(R"(<avoid term="drilling" suggest="treatment"/>)", "Drilling hurts.") ==
          S{{"avoid", "Drilling", {"Treatment"}, true}});
    CHECK(seen(R"(<avoid term="drill" suggest="treatment"/>)", "No drilling today.") ==
          S{{"avoid", "drilling", {"treatment"}, false}});
    CHECK(seen(R"(<prefer term="username" instead-of="user name"/>)", "a user named Ann") ==
          S{{"prefer", "user named", {"username"}, false}});
    // Spellings the dictionary confirms are still given, and fixable.
    CHECK(seen(R"(<prefer term="patient" instead-of="customer"/>)", "Customers came.") ==
          S{{"prefer", "Customers", {"Patients"}, true}});
    CHECK(seen(R"(<prefer term="stop" instead-of="halt"/>)", "It halted.") == S{{"prefer", "halted", {"stopped"}, true}});
    // A form the brand itself spells counts as known.
    CHECK(seen(R"(<prefer term="televisit" instead-of="appointment"/><accept>televisits</accept>)", "two appointments") ==
          S{{"prefer", "appointments", {"televisits"}, true}});
}

TEST_CASE("a rule never fires on its own preferred form, and a term keeps its declared case") {
    CHECK(seen(R"(<prefer term="on-premises" instead-of="on-premise"/>)", "Our on-premises clinic.").empty());
    CHECK(seen(R"(<prefer term="on-premises" instead-of="on-premise"/>)", "An on-premise clinic.") ==
          S{{"prefer", "on-premise", {"on-premises"}, true}});
    CHECK(seen(R"(<avoid term="premise" suggest="premises"/>)", "The premises are open.").empty());
    CHECK(seen(R"(<prefer term="health care team" instead-of="care team"/>)", "Our health care team.").empty());
    CHECK(seen(R"(<prefer term="macOS" instead-of="Mac OS X"/>)", "Mac OS X runs it. It runs on mac os x.") ==
          S{{"prefer", "Mac OS X", {"macOS"}, true}, {"prefer", "mac os x", {"macOS"}, true}});
    CHECK(seen(R"(<prefer term="CareLink" instead-of="portal"/>)", "Portal news.") == S{{"prefer", "Portal", {"CareLink"}, true}});
    // The preferred form holds its words only as declared: a miscapitalised name is still one.
    CHECK(seen(R"(<prefer term="CareLink" instead-of="portal"/><name canonical="CareLink"/>)", "Open carelink.") ==
          S{{"name", "carelink", {"CareLink"}, true}});
}

TEST_CASE("terms with punctuation match whole, with their punctuation") {
    std::string brand = R"(<avoid term="and/or" suggest="or"/><avoid term="e.g." suggest="for example"/>)"
                        R"(<avoid term="24/7" suggest="around the clock"/><avoid term="Q&amp;A" suggest="questions"/>)"
                        R"(<avoid term="C++" suggest="C"/><avoid term="rock 'n' roll" suggest="music"/>)";
    CHECK(seen(brand, "Call and/or write, e.g., open 24/7.") ==
          S{{"avoid", "and/or", {"or"}, true}, {"avoid", "e.g.", {"for example"}, true}, {"avoid", "24/7", {"around the clock"}, true}});
    CHECK(seen(brand, "A Q&A on C++ and rock \u2019n\u2019 roll.") ==
          S{{"avoid", "Q&A", {"questions"}, true}, {"avoid", "C++", {"C"}, true}, {"avoid", "rock \u2019n\u2019 roll", {"music"}, true}});
    // Other punctuation, or none, is another text.
    CHECK(seen(brand, "and or; and, or; e.g; C and C#; Q, A; 24 7", Format::plain_text).empty());
    CHECK(seen(brand, "this and `x` or that", Format::markdown).empty());
    // A punctuated term is a whole token: not the start of a longer one.
    CHECK(seen(brand, "Open 24/7/365 and 365/24/7. Use C++11 and Q&As.").empty());
    CHECK(seen(brand, "C++'s users (24/7).") ==
          S{{"avoid", "C++", {"C"}, true}, {"avoid", "24/7", {"around the clock"}, true}});
    // Its full stop ending a paragraph is the sentence's too: the replacement keeps it.
    // Before a capital it may end a sentence or go on to a name: a person decides.
    CHECK(seen(brand, "See the list, e.g.\n\nOr this, e.g. Then that, e.g. and so on, e.g.\nmore.") ==
          S{{"avoid", "e.g.", {"for example."}, true}, {"avoid", "e.g.", {"for example"}, false},
            {"avoid", "e.g.", {"for example"}, true}, {"avoid", "e.g.", {"for example"}, true}});
    CHECK(seen(brand, "Some, e.g. Dr. Smith, treat it.") == S{{"avoid", "e.g.", {"for example"}, false}});
    // A list item's or a table cell's end is a paragraph's.
    CHECK(seen(brand, "- Bring things, e.g.\n- next item\n\n1. Numbered e.g.\n2. Two\n\n| a | b |\n|---|---|\n| cell e.g. | x |\n",
               Format::markdown) ==
          S{{"avoid", "e.g.", {"for example."}, true}, {"avoid", "e.g.", {"for example."}, true}, {"avoid", "e.g.", {"for example."}, true}});
    // Another mark joins two tokens; the term's own mark goes on with its token.
    CHECK(seen(brand, "Our Q&A/FAQ page, C++-based, open 24/7-ish.") ==
          S{{"avoid", "Q&A", {"questions"}, true}, {"avoid", "C++", {"C"}, true}, {"avoid", "24/7", {"around the clock"}, true}});
}

TEST_CASE("a preferred term another rule replaces is replaced by that rule's term") {
    std::string brand = R"(<prefer term="client" instead-of="buyer"/><prefer term="patient" instead-of="client|customer"/>)";
    CHECK(seen(brand, "Every buyer and client.") ==
          S{{"prefer", "buyer", {"patient"}, true}, {"prefer", "client", {"patient"}, true}});
    // Only into a rule that applies wherever this one does.
    CHECK(seen(R"(<prefer term="client" instead-of="buyer"/><prefer term="patient" instead-of="client" channels="script"/>)",
               "A buyer came.") == S{{"prefer", "buyer", {"client"}, true}});
    // A loop of preferences flags neither word: fix never swaps them back and forth.
    CHECK(seen(R"(<prefer term="a1" instead-of="b1"/><prefer term="b1" instead-of="a1"/>)", "b1 and a1.").empty());
}

TEST_CASE("a compound noun of three words takes its last word's plural") {
    std::string brand = R"(<prefer term="care team member" instead-of="staff member"/>)"
                        R"(<prefer term="person with diabetes" instead-of="diabetic"/>)";
    CHECK(seen(brand, "Staff members and a staff member.") ==
          S{{"prefer", "Staff members", {"Care team members"}, true}, {"prefer", "staff member", {"care team member"}, true}});
    CHECK(seen(brand, "Diabetics wait.") == S{{"prefer", "Diabetics", {"Person with diabetes"}, false}});
}

TEST_CASE("names: the longest match wins and each word belongs to one term") {
    CHECK(seen(R"(<name canonical="CareLink"><variant>Care Link App</variant></name>)", "Download the Care Link App") ==
          S{{"name", "Care Link App", {"CareLink"}, true}});
    std::string bayside = R"(<name canonical="Bayside Smiles &amp; Urgent Care"/><name canonical="Bayside Smiles"/>)";
    CHECK(seen(bayside, "Visit Bayside smiles & urgent care today.") ==
          S{{"name", "Bayside smiles & urgent care", {"Bayside Smiles & Urgent Care"}, true}});
    CHECK(seen(bayside, "Visit Bayside Smiles & Urgent Care or Bayside Smiles.").empty());
    CHECK(seen(bayside, "Visit bayside smiles, then go.") == S{{"name", "bayside smiles", {"Bayside Smiles"}, true}});
    // A possessive ends a name: its urgent care is not the longer name misspelt.
    CHECK(seen(bayside, "Bayside Smiles's urgent care is open.").empty());
    CHECK(seen(bayside, "bayside smiles's urgent care is open.") == S{{"name", "bayside smiles", {"Bayside Smiles"}, true}});
    CHECK(seen(R"(<name canonical="St. Mary's Hospital"/>)", "Visit St. Mary's hospital.") ==
          S{{"name", "St. Mary's hospital", {"St. Mary's Hospital"}, true}});
    // A variant ending in a possessive is matched with it, and only with it.
    CHECK(seen(R"(<name canonical="St. Mary's Hospital"><variant>St. Mary's</variant></name>)",
               "We visit St. Mary's. St. Mary is here. St. Mary's Hospital too.") ==
          S{{"name", "St. Mary's", {"St. Mary's Hospital"}, true}});
    // A possessive without its apostrophe is the name misspelt.
    CHECK(seen(R"(<name canonical="St. Mary's Hospital"/>)", "Visit St. Marys Hospital or St Marys Hospital.") ==
          S{{"name", "St. Marys Hospital", {"St. Mary's Hospital"}, true}, {"name", "St Marys Hospital", {"St. Mary's Hospital"}, true}});
    // A variant inflects like any term; the name does not, so that fix is for a person.
    CHECK(seen(R"(<name canonical="Riverbend Health"><variant>Riverbend Hospital</variant></name>)", "Both Riverbend Hospitals.") ==
          S{{"name", "Riverbend Hospitals", {"Riverbend Health"}, false}});
    CHECK(seen(R"(<name canonical="CareLink"><variant>Care Link App</variant></name><prefer term="application" instead-of="app"/>)",
               "The Care Link Apps.") == S{{"name", "Care Link Apps", {"CareLink"}, false}});
    // A name written right holds its words against other rules too.
    CHECK(seen(R"(<name canonical="CareLink App"/><prefer term="application" instead-of="app"/>)", "Open the CareLink App.").empty());
}

TEST_CASE("case=\"exact\": a term matches in its declared letter case only") {
    std::string brand = R"(<prefer term="emergency room" instead-of="ER" case="exact"/>)";
    CHECK(seen(brand, "Er, I mean the er.").empty());
    CHECK(seen(brand, "Go to the ER. Both ERs are open.") ==
          S{{"prefer", "ER", {"emergency room"}, true}, {"prefer", "ERs", {"emergency rooms"}, true}});
    // A sentence's first word may take a capital declared lower-case, never lose one.
    CHECK(seen(R"(<avoid term="party" case="exact"/>)", "Parties and parties. A Party.") ==
          S{{"avoid", "Parties", {}, true}, {"avoid", "parties", {}, true}});
    CHECK(seen(R"(<prefer term="the" instead-of="teh" case="exact"/>)", "Teh end of teh TEH.") ==
          S{{"prefer", "Teh", {"The"}, true}, {"prefer", "teh", {"the"}, true}});
    // An abbreviation's full stop starts no sentence.
    CHECK(seen(R"(<prefer term="the" instead-of="teh" case="exact"/>)", "Ask Dr. Teh today. Fine. Teh end.") ==
          S{{"prefer", "Teh", {"The"}, true}});
    // A list item, a table cell and a plain-text line start a sentence too.
    std::string both = R"(<prefer term="the" instead-of="teh" case="exact"/><prefer term="emergency room" instead-of="ER" case="exact"/>)";
    CHECK(seen(both, "- Teh one\n- Teh two\n\n| A | B |\n|---|---|\n| Teh cell | ER here |\n", Format::markdown) ==
          S{{"prefer", "Teh", {"The"}, true}, {"prefer", "Teh", {"The"}, true}, {"prefer", "Teh", {"The"}, true},
            {"prefer", "ER", {"Emergency room"}, true}});
    CHECK(seen(both, "Welcome\nTeh lobby\nER staff here\n") ==
          S{{"prefer", "Teh", {"The"}, true}, {"prefer", "ER", {"Emergency room"}, true}});
    CHECK(seen(R"(<avoid pattern="\bOK\b" case="exact"/>)", "ok, OK.") == S{{"avoid", "OK", {}, true}});
    // Letter case alone may tell the preferred term from its alternative.
    CHECK(seen(R"(<prefer term="macOS" instead-of="MacOS" case="exact"/>)", "On MacOS and macOS.") ==
          S{{"prefer", "MacOS", {"macOS"}, true}});
    // Without it, case does not matter.
    CHECK(seen(R"(<prefer term="emergency room" instead-of="ER"/>)", "Er, I mean.") ==
          S{{"prefer", "Er", {"Emergency room"}, true}});
}

TEST_CASE("letter case the sentence decides: acronyms pass on no capitals, a sentence keeps its capital, Title Case stays") {
    std::string brand = R"(<prefer term="emergency room" instead-of="ER"/><avoid term="ASAP" suggest="as soon as possible"/>)"
                        R"(<prefer term="walk-in clinic" instead-of="urgent care"/><prefer term="care team" instead-of="staff"/>)"
                        R"(<prefer term="patient" instead-of="customer"/>)";
    CHECK(seen(brand, "ER staff are here.") ==
          S{{"prefer", "ER", {"Emergency room"}, true}, {"prefer", "staff", {"care team"}, true}});
    CHECK(seen(brand, "Reply ASAP. ASAP, please.") ==
          S{{"avoid", "ASAP", {"as soon as possible"}, true}, {"avoid", "ASAP", {"As soon as possible"}, true}});
    CHECK(seen(brand, "Visit Urgent Care or ask Our Staff.") ==
          S{{"prefer", "Urgent Care", {"Walk-in Clinic"}, true}, {"prefer", "Staff", {"Care Team"}, true}});
    // No Title Case read into a line's first word, an acronym written Asap, or small words.
    CHECK(seen(R"(<prefer term="stop by" instead-of="visit"/><prefer term="department of medicine" instead-of="medical unit"/>)"
               R"(<avoid term="ASAP" suggest="as soon as possible"/>)",
               "Hi.\nVisited it. Reply Asap. See the Medical Unit.") ==
          S{{"prefer", "Visited", {"Stopped by"}, true}, {"avoid", "Asap", {"As soon as possible"}, true},
            {"prefer", "Medical Unit", {"Department of Medicine"}, true}});
    // What the words alone decide stays: capitals of a shouted word, a capital at the start.
    CHECK(seen(brand, "CUSTOMERS FIRST. Customers first, then the ER.") ==
          S{{"prefer", "CUSTOMERS", {"PATIENTS"}, true}, {"prefer", "Customers", {"Patients"}, true},
            {"prefer", "ER", {"emergency room"}, true}});
}

TEST_CASE("a verb phrase inflects its verb, a noun phrase its noun") {
    CHECK(seen(R"(<prefer term="carry out" instead-of="implement"/>)", "We implemented it, implementing it.") ==
          S{{"prefer", "implemented", {"carried out"}, true}, {"prefer", "implementing", {"carrying out"}, true}});
    CHECK(seen(R"(<prefer term="make sure" instead-of="ensure"/>)", "It ensures that.") ==
          S{{"prefer", "ensures", {"makes sure"}, true}});
    CHECK(seen(R"(<prefer term="take part" instead-of="participate"/>)", "Participating helps.") ==
          S{{"prefer", "Participating", {"Taking part"}, true}});
    CHECK(seen(R"(<prefer term="go with" instead-of="accompany"/>)", "She accompanied him.") ==
          S{{"prefer", "accompanied", {"go with"}, false}});
    CHECK(seen(R"(<prefer term="care team" instead-of="staff"/>)", "Our staffs.") ==
          S{{"prefer", "staffs", {"care teams"}, true}});
    // Irregular words: the regular spelling the dictionary knows for another word is no
    // inflection of this one ("haves", "mouses", "bed" for be); an -ed form of a verb whose
    // past and participle differ ("ran", "has run") is for a person to word.
    CHECK(seen(R"(<prefer term="have" instead-of="own"/><prefer term="mouse" instead-of="rat"/>)"
               R"(<prefer term="be" instead-of="exist"/><prefer term="fly" instead-of="travel"/>)",
               "She owns rats. It existed. We traveled.") ==
          S{{"prefer", "owns", {"has"}, true}, {"prefer", "rats", {"mice"}, true},
            {"prefer", "existed", {"be"}, false}, {"prefer", "traveled", {"fly"}, false}});
    CHECK(seen(R"(<prefer term="sing" instead-of="chant"/><prefer term="leaf" instead-of="page"/>)"
               R"(<prefer term="see" instead-of="view"/><prefer term="diagnosis" instead-of="finding"/>)"
               R"(<prefer term="feed" instead-of="nourish"/>)",
               "We chanted. Two pages. We viewed it. Both findings. We nourished them.") ==
          S{{"prefer", "chanted", {"sing"}, false}, {"prefer", "pages", {"leaves"}, true}, {"prefer", "viewed", {"see"}, false},
            {"prefer", "findings", {"diagnoses"}, true}, {"prefer", "nourished", {"fed"}, true}});
    // A phrase compares with neither word alone, and a noun phrase has no past.
    CHECK(seen(R"(<prefer term="low cost" instead-of="cheap"/><prefer term="care team" instead-of="staff"/>)",
               "It is cheaper. We staffed it.") ==
          S{{"prefer", "cheaper", {"low cost"}, false}, {"prefer", "staffed", {"care team"}, false}});
    // Phrasal verbs whose particle is also a noun's plural ("afters", "asides").
    CHECK(seen(R"(<prefer term="look after" instead-of="tend"/>)", "She tends them.") ==
          S{{"prefer", "tends", {"looks after"}, true}});
    CHECK(seen(R"(<prefer term="set aside" instead-of="reserve"/>)", "He reserves it.") ==
          S{{"prefer", "reserves", {"sets aside"}, true}});
    CHECK(seen(R"(<prefer term="bring forward" instead-of="advance"/>)", "It advances it.") ==
          S{{"prefer", "advances", {"brings forward"}, true}});
}

// The literal prefilter before ICU: a pattern is skipped on a document only where a literal
// every match holds is absent, so it may never lose a match.
TEST_CASE("regex prefilter: the literals every match holds, and none where that is unsure") {
    using terminology::required_literals;
    using Literals = std::vector<std::string>;
    CHECK(required_literals("\\bno[ -]wait(ing)?\\b") == Literals{"no", "wait"});
    CHECK(required_literals("\\b100\\s?% (effective|success(ful)?|safe)\\b") == Literals{"100"});
    CHECK(required_literals("#1\\b") == Literals{});  // one character is no filter
    CHECK(required_literals("\\bnumber one\\b") == Literals{"number", "one"});
    CHECK(required_literals("colou?r") == Literals{"colo"});   // the optional u, and what follows it
    CHECK(required_literals("Waits*") == Literals{"wait"});
    CHECK(required_literals("go+d") == Literals{"go"});
    CHECK(required_literals("ab{0,2}c") == Literals{});
    CHECK(required_literals("(?i)Best[a-z]+ care") == Literals{"best", "care"});
    CHECK(required_literals("cheap|cheaper") == Literals{});  // an alternation at the top: unsure
    CHECK(required_literals("(?x) w a i t # comment") == Literals{});
    CHECK(required_literals("\\x77ait") == Literals{});
    CHECK(required_literals("\\Qa.b\\E") == Literals{});
    CHECK(required_literals("\\p{L}+ly free") == Literals{});  // \p{...} holds braces: unsure
}

TEST_CASE("regex prefilter: a document with a character that folds to an ASCII letter is searched by ICU") {
    using terminology::compile_regex;
    using terminology::SearchText;
    auto regex = compile_regex("\\bwaits?\\b");
    auto matches = [&](const std::string& text) {
        int found = 0;
        terminology::for_each_match(regex, SearchText(text), [&](uint32_t, uint32_t) { ++found; });
        return found;
    };
    CHECK(matches("No WAIT here") == 1);
    CHECK(matches("no wai t") == 0);
    CHECK(matches("caf\xC3\xA9 w\xC3\xA1it") == 0);    // café wáit: no 'wait' in any case
    // ICU folds the Kelvin sign to k and long s to s: "ſtay" is a case-insensitive "stay".
    auto stay = compile_regex("\\bstay\\b");
    int found = 0;
    terminology::for_each_match(stay, SearchText("please \xC5\xBFtay"), [&](uint32_t, uint32_t) { ++found; });
    CHECK(found == 1);
}
