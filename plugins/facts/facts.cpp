// facts: phone numbers, e-mail addresses and web addresses must be the brand's own
// (docs/brand-file.md). A number whose digits are not a declared phone's, an address at a
// declared domain that is not declared, and a host one or two edits from the declared
// website's (or the same name under another top-level domain) are findings.
#include "facts.hpp"

#include "scanners.hpp"

#include <algorithm>
#include <map>
#include <regex>

namespace touchpoint::facts {
namespace {

struct Fact {
    std::string id;
    std::string kind;  // phone, email or url
    std::string value;
    Severity severity = Severity::warning;
};

bool matches_whole(const char* pattern, const std::string& text) { return std::regex_match(text, std::regex(pattern)); }

// <fact id="main-phone" kind="phone" value="(918) 555-0100"/>
Fact read_fact(const BrandElement& element) {
    element.expect_attributes({"id", "kind", "value", "severity"}, {"id", "kind", "value"});
    element.expect_leaf(false);
    Fact fact{element.value("id"), element.value("kind"), element.value("value"), element.severity(Severity::warning)};
    if (fact.kind == "phone") {
        std::string digits;
        for (char c : fact.value)
            if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
        if (digits.size() != 10) element.fail("value", "phone fact '" + fact.id + "' needs ten digits, like (918) 555-0100");
    } else if (fact.kind == "email") {
        if (!matches_whole(R"([^@\s]+@[^@\s]+\.[A-Za-z]{2,})", fact.value))
            element.fail("value", "'" + fact.value + "' is not an e-mail address");
    } else if (fact.kind == "url") {
        if (!matches_whole(R"((https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?(/\S*)?)", fact.value))
            element.fail("value", "'" + fact.value + "' is not a URL or domain");
    } else {
        element.fail("kind", "fact kind '" + fact.kind + "' is not one of phone, email, url");
    }
    return fact;
}

std::vector<Fact> read_facts(const std::vector<const BrandElement*>& elements) {
    std::vector<Fact> facts;
    std::map<std::string, int> first_line;
    for (const BrandElement* element : elements) {
        facts.push_back(read_fact(*element));
        auto [it, inserted] = first_line.emplace(facts.back().id, element->where.line);
        if (!inserted)
            element->fail("duplicate fact '" + facts.back().id + "'; the first is at line " + std::to_string(it->second));
    }
    return facts;
}

struct Declared {
    const Fact* fact;
    std::string key;  // phone: ten digits; email: lower-cased address; url: host
};

std::string without_tld(const std::string& host) {
    size_t dot = host.rfind('.');
    return dot == std::string::npos ? host : host.substr(0, dot);
}

// The part of an address after its '@'.
std::string domain_of(const std::string& address) { return address.substr(address.find('@') + 1); }

// A host (or an address's domain) that would pass for the declared one: the same name
// under another top-level domain, or a few edits from it — two for a long name, one for
// a short one, none for a name of three letters or fewer ("xy.org" is not "rb.org").
bool looks_like(const std::string& host, const std::string& declared) {
    if (without_tld(host) == without_tld(declared)) return true;
    size_t length = without_tld(declared).size();
    size_t edits = length >= 7 ? 2 : length >= 4 ? 1 : 0;
    return edits > 0 && edit_distance(host, declared, edits) <= edits;
}

// True when an address found at `begin` is part of a URL written around it
// ("https://x.org/?e=info@x.org"): it is the URL's, not an address of its own.
bool inside_url(std::string_view text, size_t begin) {
    size_t start = text.find_last_of(" \t\r\n<>\"'(", begin == 0 ? 0 : begin - 1);
    start = start == std::string_view::npos ? 0 : start + 1;
    std::string_view before = text.substr(start, begin - start);
    return before.find("://") != std::string_view::npos || before.starts_with("www.");
}

class FactsCheck : public Check {
public:
    explicit FactsCheck(std::vector<Fact> facts) : facts_(std::move(facts)) {
        for (const Fact& fact : facts_) {
            if (fact.kind == "phone") phones_.push_back({&fact, phone_digits(fact.value)});
            else if (fact.kind == "email") emails_.push_back({&fact, lowered(fact.value)});
            else if (fact.kind == "url") hosts_.push_back({&fact, host_of(fact.value)});
        }
    }

    void check(const Document& document, Reporter& reporter) const override {
        std::string_view text = document.text();
        auto literal_word = literal_ranges(document);
        for (const Found& phone : find_phones(text))
            if (!inside(literal_word, phone.begin)) check_phone(phone, Anchor::text, text, reporter);
        for (const Found& email : find_emails(text))
            if (!inside_url(text, email.begin)) check_email(email, Anchor::text, text, reporter);
        for (const Found& host : find_hosts(text)) check_host(host, Anchor::text, text, reporter);
        for (const Link& link : document.links()) check_link(link, document.source(), reporter);
    }

private:
    // URLs and e-mail addresses in the text: a phone number inside one is part of it.
    static std::vector<std::pair<uint32_t, uint32_t>> literal_ranges(const Document& document) {
        std::vector<std::pair<uint32_t, uint32_t>> ranges;
        for (const Word& word : document.words())
            if (word.in_literal) ranges.emplace_back(word.begin, word.end);
        return ranges;
    }
    static bool inside(const std::vector<std::pair<uint32_t, uint32_t>>& ranges, size_t offset) {
        auto it = std::upper_bound(ranges.begin(), ranges.end(), std::pair<uint32_t, uint32_t>(uint32_t(offset), UINT32_MAX));
        return it != ranges.begin() && offset < std::prev(it)->second;
    }

    void check_link(const Link& link, std::string_view source, Reporter& reporter) const {
        std::string lower = lowered(link.destination.substr(0, 7));
        Found found{link.source_begin, link.source_end, {}};
        if (lower.starts_with("tel:")) {
            found.value = phone_digits(link.destination.substr(4));
            if (!found.value.empty()) check_phone(found, Anchor::source, source, reporter);
        } else if (lower.starts_with("mailto:")) {
            found.value = lowered(link.destination.substr(7, link.destination.find('?') - 7));
            check_email(found, Anchor::source, source, reporter);
        } else if (lower.starts_with("http://") || lower.starts_with("https:/")) {
            found.value = host_of(link.destination);
            check_host(found, Anchor::source, source, reporter);
        }
    }

    void check_phone(const Found& phone, Anchor anchor, std::string_view in, Reporter& reporter) const {
        if (phones_.empty()) return;
        for (const Declared& declared : phones_)
            if (declared.key == phone.value) return;
        std::string written(in.substr(phone.begin, phone.end - phone.begin));
        std::string message = "'" + written + "' is not " +
                              (phones_.size() == 1 ? "the brand's phone number " : "one of the brand's phone numbers: ") +
                              list(phones_) + ".";
        report(reporter, "phone", phone, anchor, message, values(phones_), severity(phones_));
    }

    void check_email(const Found& email, Anchor anchor, std::string_view in, Reporter& reporter) const {
        std::string domain = domain_of(email.value);
        std::vector<Declared> same_domain;
        for (const Declared& declared : emails_) {
            if (declared.key == email.value) return;
            if (domain_of(declared.key) == domain) same_domain.push_back(declared);
        }
        // An address at a domain one or two edits from a declared one, or under another
        // top-level domain ("riverbendhealth.com"), would reach someone else.
        bool near_domain = false;
        if (same_domain.empty())
            for (const Declared& declared : emails_) {
                if (looks_like(domain, domain_of(declared.key))) {
                    same_domain.push_back(declared);
                    near_domain = true;
                }
            }
        if (same_domain.empty()) return;
        std::string written(in.substr(email.begin, email.end - email.begin));
        // In a link the address stands between "mailto:" and any "?subject=...": both stay.
        std::vector<std::string> suggestions = values(same_domain);
        if (lowered(written.substr(0, 7)) == "mailto:") {
            size_t query = written.find('?');
            for (std::string& s : suggestions)
                s = written.substr(0, 7) + s + (query == std::string::npos ? "" : written.substr(query));
        }
        std::string why = near_domain ? "' looks like the brand's address but " + domain + " is not its domain; write "
                                      : "' is not a declared address at " + domain + "; write ";
        report(reporter, "email", email, anchor, "'" + written + why + list(same_domain) + ".", std::move(suggestions),
               severity(same_domain));
    }

    void check_host(const Found& host, Anchor anchor, std::string_view in, Reporter& reporter) const {
        for (const Declared& declared : hosts_) {
            const std::string& h = declared.key;
            if (host.value == h || host.value.ends_with("." + h)) return;
        }
        for (const Declared& declared : hosts_) {
            const std::string& h = declared.key;
            if (!looks_like(host.value, h)) continue;
            std::string written(in.substr(host.begin, host.end - host.begin));
            report(reporter, "url", host, anchor,
                   "'" + written + "' looks like the brand's " + declared.fact->id + " but is not its address; write " +
                       declared.fact->value + ".",
                   {with_host(written, declared.fact->value)}, declared.fact->severity);
            return;
        }
    }

    // The written URL with its host replaced by the declared one, keeping path and scheme.
    static std::string with_host(const std::string& written, const std::string& declared) {
        std::string declared_host = declared;
        for (std::string_view scheme : {"https://", "http://"})
            if (declared_host.starts_with(scheme)) declared_host.erase(0, scheme.size());
        declared_host = declared_host.substr(0, declared_host.find_first_of("/:?#"));
        size_t host_start = written.find("://");
        host_start = host_start == std::string::npos ? 0 : host_start + 3;
        size_t host_end = written.find_first_of("/:?#", host_start);
        if (host_end == std::string::npos) host_end = written.size();
        return written.substr(0, host_start) + declared_host + written.substr(host_end);
    }

    static std::string list(const std::vector<Declared>& declared) {
        std::string out;
        for (const Declared& d : declared) out += (out.empty() ? "" : ", ") + d.fact->value + " (" + d.fact->id + ")";
        return out;
    }
    static std::vector<std::string> values(const std::vector<Declared>& declared) {
        std::vector<std::string> out;
        for (const Declared& d : declared) out.push_back(d.fact->value);
        return out;
    }
    static Severity severity(const std::vector<Declared>& declared) {
        Severity highest = Severity::suggestion;
        for (const Declared& d : declared) highest = std::max(highest, d.fact->severity);
        return highest;
    }

    static void report(Reporter& reporter, const char* rule, const Found& found, Anchor anchor, std::string message,
                       std::vector<std::string> suggestions, Severity severity) {
        Finding finding;
        finding.rule = rule;
        finding.anchor = anchor;
        finding.severity = severity;
        finding.begin = uint32_t(found.begin);
        finding.end = uint32_t(found.end);
        finding.message = std::move(message);
        finding.suggestions = std::move(suggestions);
        finding.claim = Claim::words;
        // A phone link ("tel:+1...") is written for dialling, not as the fact is
        // declared: a person fits the number in.
        finding.fixable = !(anchor == Anchor::source && std::string_view(rule) == "phone");
        reporter.report(std::move(finding));
    }

    std::vector<Fact> facts_;  // never resized: Declared points into it
    std::vector<Declared> phones_, emails_, hosts_;
};

}  // namespace

std::string FactsPlugin::name() const { return "facts"; }

std::string FactsPlugin::description() const {
    return "Phone numbers, e-mail addresses and web addresses stated the brand's way.";
}

std::vector<RuleInfo> FactsPlugin::rules() const {
    return {
        {"phone", "A phone number whose digits are none of the declared phone facts.", Severity::warning},
        {"email", "An e-mail address at a declared domain that is not a declared address.", Severity::warning},
        {"url", "A URL or domain close to the declared website's but not it.", Severity::warning},
    };
}

std::vector<std::string> FactsPlugin::brand_elements() const { return {"fact"}; }

void FactsPlugin::read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary&) const {
    read_facts(elements);
}

std::unique_ptr<Check> FactsPlugin::compile(const CompileContext& context) const {
    std::vector<Fact> facts = read_facts(context.brand().elements_named("fact"));
    if (facts.empty()) return nullptr;
    return std::make_unique<FactsCheck>(std::move(facts));
}

}  // namespace touchpoint::facts

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::facts::FactsPlugin)
#endif
