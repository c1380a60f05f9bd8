#include "policy.hpp"

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

// A span that a brand rule and pack rules both report is one finding, the brand's: the
// brand manager decided about those words, and the pack rules are named in its `also`.
// So is a pack finding overlapping a brand finding of the same plugin ("Guaranteed" and
// "Guaranteed results": one rule type, one mistake); another plugin's overlapping finding
// (a sign's case style around a misspelt name) is another mistake and stays.
void merge_into_brand_findings(std::vector<ReportedFinding>& findings) {
    std::vector<size_t> brand;  // brand findings with a span, in position order
    std::vector<uint32_t> begins;
    for (size_t i = 0; i < findings.size(); ++i)
        if (!findings[i].from_pack && !findings[i].whole_document) {
            brand.push_back(i);
            begins.push_back(findings[i].source_begin);
        }
    if (brand.empty()) return;
    constexpr size_t window = 64;  // brand findings looked back at: spans are a few words
    std::vector<bool> merged(findings.size(), false);
    for (size_t i = 0; i < findings.size(); ++i) {
        const ReportedFinding& f = findings[i];
        if (!f.from_pack || f.whole_document) continue;
        size_t before = size_t(std::lower_bound(begins.begin(), begins.end(), std::max(f.source_end, f.source_begin + 1)) -
                               begins.begin());
        for (size_t k = before, looked = 0; k > 0 && looked < window; --k, ++looked) {
            ReportedFinding& owner = findings[brand[k - 1]];
            if (!same_span(owner, f) && !(owner.plugin == f.plugin && overlap(owner, f))) continue;
            owner.also.push_back(f.rule);
            // The gate must not pass what a pack calls an error: the finding kept takes
            // the higher severity.
            owner.severity = std::max(owner.severity, f.severity);
            merged[i] = true;
            break;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < findings.size(); ++i) {
        if (merged[i]) continue;
        if (kept != i) findings[kept] = std::move(findings[i]);
        ++kept;
    }
    findings.resize(kept);
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
    merge_into_brand_findings(report.findings);
    std::sort(report.suppressed.begin(), report.suppressed.end(),
              [&](const SuppressedFinding& a, const SuppressedFinding& b) { return key(a.finding) < key(b.finding); });
}

}  // namespace touchpoint
