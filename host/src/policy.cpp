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
    return a.whole_document == b.whole_document && a.begin.line == b.begin.line && a.begin.column == b.begin.column &&
           a.end.line == b.end.line && a.end.column == b.end.column;
}

// A span that a brand rule and pack rules both report is one finding, the brand's: the
// brand manager decided about those words, and the pack rules are named in its `also`.
// `findings` are in position order, so findings of one span are neighbours.
void merge_shared_spans(std::vector<ReportedFinding>& findings) {
    std::vector<ReportedFinding> kept;
    kept.reserve(findings.size());
    for (size_t first = 0, end = 0; first < findings.size(); first = end) {
        end = first + 1;
        while (end < findings.size() && same_span(findings[first], findings[end])) ++end;
        auto begin_span = findings.begin() + first, end_span = findings.begin() + end;
        auto brand = std::find_if(begin_span, end_span, [](const ReportedFinding& f) { return !f.from_pack; });
        for (auto f = begin_span; brand != end_span && f != end_span; ++f)
            if (f->from_pack) brand->also.push_back(f->rule);
        for (auto f = begin_span; f != end_span; ++f)
            if (brand == end_span || !f->from_pack) kept.push_back(std::move(*f));
    }
    findings = std::move(kept);
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
    merge_shared_spans(report.findings);
    std::sort(report.suppressed.begin(), report.suppressed.end(),
              [&](const SuppressedFinding& a, const SuppressedFinding& b) { return key(a.finding) < key(b.finding); });
}

}  // namespace touchpoint
