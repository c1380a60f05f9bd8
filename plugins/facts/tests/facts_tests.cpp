// Phone numbers, e-mail addresses and hosts, as docs/brand-file.md describes them.
#include "../facts.hpp"
#include "../scanners.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;
using namespace touchpoint::facts;
using V = std::vector<std::string>;

namespace {

const char* brand_xml = R"(<brand name="Riverbend Health">
  <fact id="main-phone" kind="phone" value="(918) 555-0100"/>
  <fact id="website" kind="url" value="https://www.riverbendhealth.org"/>
  <fact id="info-email" kind="email" value="info@riverbendhealth.org"/>
</brand>)";

// "rule:match" of each finding.
V check(const std::string& text, Format format = Format::plain_text) {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = FactsPlugin().compile(context);
    Document document = test::make_document(text, format);
    test::CollectingReporter reporter;
    compiled->check(document, reporter);
    V out;
    for (const Finding& f : reporter.findings) {
        std::string_view in = f.anchor == Anchor::text ? document.text() : document.source();
        out.push_back(f.rule + ":" + std::string(in.substr(f.begin, f.end - f.begin)));
    }
    return out;
}

V phones(std::string_view text) {
    V out;
    for (const Found& f : find_phones(text)) out.push_back(std::string(text.substr(f.begin, f.end - f.begin)) + "=" + f.value);
    return out;
}

}  // namespace

TEST_CASE("phone numbers in every usual format are found with their ten digits") {
    CHECK(phones("(918) 555-0100") == V{"(918) 555-0100=9185550100"});
    CHECK(phones("call 918.555.0100 or 918-555-0100 or 9185550100.") ==
          V{"918.555.0100=9185550100", "918-555-0100=9185550100", "9185550100=9185550100"});
    CHECK(phones("+1 918 555 0100, 1-918-555-0100, +1 (918) 555-0100") ==
          V{"+1 918 555 0100=9185550100", "1-918-555-0100=9185550100", "+1 (918) 555-0100=9185550100"});
    CHECK(phones("(918) 555-0100 ext. 204 and 918-555-0100 x12") ==
          V{"(918) 555-0100 ext. 204=9185550100", "918-555-0100 x12=9185550100"});
}

TEST_CASE("numbers that are not phone numbers are not found") {
    CHECK(phones("2024-01-15, 3.14159, 12345678901, 918-5550100, ISBN 978-0-306-40615-7") == V{});
    CHECK(phones("123-555-0100 (no area code starts with 1)") == V{});
    CHECK(phones("order 19185550100999") == V{});
}

TEST_CASE("phone: other digits than every declared phone are a finding") {
    CHECK(check("Call (918) 555-0100 or 918.555.0100 or +1 918 555 0100.") == V{});
    CHECK(check("Call (918) 555-0199 today.") == V{"phone:(918) 555-0199"});
    CHECK(check("Call 1-800-555-0123 x5.") == V{"phone:1-800-555-0123 x5"});
}

TEST_CASE("email: an undeclared address at a declared domain is a finding") {
    CHECK(check("Write to info@riverbendhealth.org or INFO@RiverbendHealth.org.") == V{});
    CHECK(check("Write to billing@riverbendhealth.org.") == V{"email:billing@riverbendhealth.org"});
    CHECK(check("Write to someone@example.com.") == V{});
}

TEST_CASE("email: an address at a domain near a declared one, or under another top-level domain, is a finding") {
    CHECK(check("Write to info@riverbendhealth.com or billing@riverbendheath.org.") ==
          V{"email:info@riverbendhealth.com", "email:billing@riverbendheath.org"});
    CHECK(check("Write to info@riverside.org.") == V{});
    // An address inside a URL is the URL's.
    CHECK(check("See https://example.org/?e=info@riverbendhealth.com now.") == V{});
}

TEST_CASE("a short declared name allows fewer edits: two letters changed are another name") {
    test::TestContext context(test::brand_from_xml(R"(<brand name="RB"><fact id="mail" kind="email" value="hi@rb.org"/>)"
                                                   R"(<fact id="web" kind="url" value="https://care.org"/></brand>)"));
    auto compiled = FactsPlugin().compile(context);
    Document document = test::make_document("Write me@xy.org, hi@rb.com or visit cure.org and cart.org or care.net.");
    test::CollectingReporter reporter;
    compiled->check(document, reporter);
    V found;
    for (const Finding& f : reporter.findings) found.push_back(f.rule + ":" + std::string(document.text().substr(f.begin, f.end - f.begin)));
    CHECK(found == V{"email:hi@rb.com", "url:cure.org", "url:cart.org", "url:care.net"});
}

TEST_CASE("url: a host near the declared one, or under another top-level domain, is a finding") {
    CHECK(check("Visit https://www.riverbendhealth.org/care, RiverbendHealth.org or portal.riverbendhealth.org.") == V{});
    CHECK(check("Visit riverbendhealth.com today.") == V{"url:riverbendhealth.com"});
    CHECK(check("Visit https://www.riverbendheath.org/jobs.") == V{"url:https://www.riverbendheath.org/jobs"});
    CHECK(check("Visit www.riverbendhealth.net") == V{"url:www.riverbendhealth.net"});
    CHECK(check("Visit example.org, node.js and e.g. nothing.") == V{});
}

TEST_CASE("link destinations are checked too, at their place in the source") {
    CHECK(check("[Call us](tel:+19185550199) or [mail](mailto:help@riverbendhealth.org) or "
                "[site](https://riverbendhealth.com/x).",
                Format::markdown) ==
          V{"phone:tel:+19185550199", "email:mailto:help@riverbendhealth.org", "url:https://riverbendhealth.com/x"});
    CHECK(check("[Call us](tel:9185550100) [site](https://www.riverbendhealth.org)", Format::markdown) == V{});
}

TEST_CASE("findings name the declared value and suggest it") {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = FactsPlugin().compile(context);
    test::CollectingReporter reporter;
    compiled->check(test::make_document("Call 918-555-0199 or see riverbendhealth.com/jobs."), reporter);
    REQUIRE(reporter.findings.size() == 2);
    CHECK(reporter.findings[0].message == "'918-555-0199' is not the brand's phone number (918) 555-0100 (main-phone).");
    CHECK(reporter.findings[0].suggestions == V{"(918) 555-0100"});
    CHECK(reporter.findings[1].message ==
          "'riverbendhealth.com/jobs' looks like the brand's website but is not its address; write https://www.riverbendhealth.org.");
    CHECK(reporter.findings[1].suggestions == V{"www.riverbendhealth.org/jobs"});
}

TEST_CASE("a link's suggestion is a link: mailto: and its query kept, a tel: link left to a person") {
    test::TestContext context(test::brand_from_xml(brand_xml));
    auto compiled = FactsPlugin().compile(context);
    test::CollectingReporter reporter;
    compiled->check(test::make_document("[mail](mailto:help@riverbendhealth.org?subject=Flu) [call](tel:+19185550199)",
                                        Format::markdown),
                    reporter);
    REQUIRE(reporter.findings.size() == 2);
    CHECK(reporter.findings[0].rule == "email");
    CHECK(reporter.findings[0].suggestions == V{"mailto:info@riverbendhealth.org?subject=Flu"});
    CHECK(reporter.findings[0].fixable);
    CHECK(reporter.findings[1].rule == "phone");
    CHECK_FALSE(reporter.findings[1].fixable);
}

TEST_CASE("edit distance stops early past its limit") {
    CHECK(edit_distance("riverbendhealth.org", "riverbendheath.org", 2) == 1);
    CHECK(edit_distance("abc", "xyz", 2) == 3);
    CHECK(edit_distance("kitten", "sitting", 5) == 3);
}
