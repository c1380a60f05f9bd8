#include "engine/policy.hpp"

#include <algorithm>
#include <tuple>

namespace touchpoint {

std::optional<Severity> Policy::severity(const std::string& rule, const std::string& channel, Severity severity) const {
    if (!project_) return severity < min_severity_ ? std::nullopt : std::optional(severity);
    bool enabled = true;
    for (const RuleOverride& o : project_->overrides) {
        if (!o.selects(rule, channel)) continue;
        if (o.enabled) enabled = *o.enabled;
        if (o.severity) severity = *o.severity;
    }
    if (!enabled || severity < min_severity_) return std::nullopt;
    return severity;
}

bool Policy::disabled_everywhere(const std::string& selector) const {
    if (!project_) return false;
    bool disabled = false;
    for (const RuleOverride& o : project_->overrides)
        if (o.selector == selector && o.channels.ids.empty() && o.enabled) disabled = !*o.enabled;
    return disabled;
}

namespace {

bool same_span(const ReportedFinding& a, const ReportedFinding& b) {
    return a.begin.line == b.begin.line && a.begin.column == b.begin.column && a.end.line == b.end.line &&
           a.end.column == b.end.column;
}

bool overlap(const ReportedFinding& a, const ReportedFinding& b) {
    return a.source_begin < std::max(b.source_end, b.source_begin + 1) && b.source_begin < std::max(a.source_end, a.source_begin + 1);
}

bool within(const ReportedFinding& inner, const ReportedFinding& outer) {
    return outer.source_begin <= inner.source_begin && inner.source_end <= outer.source_end;
}

// Folds each guest finding into the first owner finding before it that `belongs` says
// it repeats: the owner names the guest's rule in its `also` and takes the higher
// severity (the gate must not pass what either calls an error).
template <class IsOwner, class IsGuest, class Belongs>
void fold(std::vector<ReportedFinding>& findings, IsOwner is_owner, IsGuest is_guest, Belongs belongs) {
    std::vector<size_t> owners;  // in position order: settle sorted the findings
    std::vector<uint32_t> begins;
    for (size_t i = 0; i < findings.size(); ++i)
        if (!findings[i].whole_document && is_owner(findings[i])) {
            owners.push_back(i);
            begins.push_back(findings[i].source_begin);
        }
    if (owners.empty()) return;
    constexpr size_t window = 64;  // owners looked back at: spans are a few words
    std::vector<bool> folded(findings.size(), false);
    for (size_t i = 0; i < findings.size(); ++i) {
        const ReportedFinding& guest = findings[i];
        if (guest.whole_document || !is_guest(guest)) continue;
        size_t before = size_t(std::lower_bound(begins.begin(), begins.end(),
                                                std::max(guest.source_end, guest.source_begin + 1)) - begins.begin());
        for (size_t k = before, looked = 0; k > 0 && looked < window; --k, ++looked) {
            ReportedFinding& owner = findings[owners[k - 1]];
            if (owners[k - 1] == i || folded[owners[k - 1]] || !belongs(owner, guest)) continue;
            if (guest.rule != owner.rule && std::find(owner.also.begin(), owner.also.end(), guest.rule) == owner.also.end())
                owner.also.push_back(guest.rule);
            owner.severity = std::max(owner.severity, guest.severity);
            folded[i] = true;
            break;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < findings.size(); ++i) {
        if (folded[i]) continue;
        if (kept != i) findings[kept] = std::move(findings[i]);
        ++kept;
    }
    findings.resize(kept);
}

// One mistake, one finding:
// - A span that a brand rule and pack rules both report is the brand's finding: the brand
//   manager decided about those words. So is a pack finding overlapping a brand finding
//   of the same plugin ("Guaranteed" and "Guaranteed results": one rule type, one mistake);
//   another plugin's overlapping finding (a sign's case style around a misspelt name) is
//   another mistake and stays.
// - A finding that yields its words (an unknown word) on the words of one that claims
//   them (an avoided pattern), or inside a span it replaces (a misspelt name), is part of
//   that mistake.
// - A rule's finding inside another of its own is the same mistake seen twice (an
//   address as a link's text and as its "mailto:" destination).
void merge_shared_mistakes(std::vector<ReportedFinding>& findings) {
    auto any = [](const ReportedFinding&) { return true; };
    fold(findings, any, any, [](const ReportedFinding& owner, const ReportedFinding& guest) {
        return owner.rule == guest.rule && within(guest, owner);
    });
    // A brand rule holds a pack rule's words; a finding that yields (an unknown word) does
    // not: "diabéticos" is the pack's mistake, with its suggestion, not a misspelling.
    fold(findings, [](const ReportedFinding& f) { return !f.from_pack && f.claim != Claim::yields; },
         [](const ReportedFinding& f) { return f.from_pack; },
         [](const ReportedFinding& owner, const ReportedFinding& pack) {
             return same_span(owner, pack) || (owner.plugin == pack.plugin && overlap(owner, pack));
         });
    // Within a span that a suggestion replaces, or on the same words: a phrase flagged for
    // a person to reword ("free ... today") leaves its misspellings their own findings.
    fold(findings, [](const ReportedFinding& f) { return f.claim == Claim::words; },
         [](const ReportedFinding& f) { return f.claim == Claim::yields; },
         [](const ReportedFinding& owner, const ReportedFinding& guest) {
             return same_span(owner, guest) || (!owner.suggestions.empty() && within(guest, owner));
         });
}

}  // namespace

void settle(FileReport& report) {
    auto key = [](const ReportedFinding& f) {
        return std::tie(f.begin.line, f.begin.column, f.end.line, f.end.column, f.rule, f.message, f.match);
    };
    std::sort(report.findings.begin(), report.findings.end(),
              [&](const ReportedFinding& a, const ReportedFinding& b) { return key(a) < key(b); });
    // The same finding reached twice (a URL both as text and as link destination) is one.
    report.findings.erase(std::unique(report.findings.begin(), report.findings.end(),
                                      [&](const ReportedFinding& a, const ReportedFinding& b) { return key(a) == key(b); }),
                          report.findings.end());
    merge_shared_mistakes(report.findings);
    std::sort(report.suppressed.begin(), report.suppressed.end(),
              [&](const SuppressedFinding& a, const SuppressedFinding& b) { return key(a.finding) < key(b.finding); });
}

}  // namespace touchpoint
