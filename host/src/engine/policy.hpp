// The policy stage: what the project decides about findings once rules have spoken —
// severity overrides per channel, --min-severity, whose voice a script's words are, and
// one finding per mistake. Knows no rule.
#pragma once

#include "engine/findings.hpp"
#include "config/project.hpp"

#include <touchpoint/document.hpp>
#include <touchpoint/plugin.hpp>

#include <optional>
#include <string>

namespace touchpoint {

class Policy {
public:
    Policy(const Project* project, Severity min_severity) : project_(project), min_severity_(min_severity) {}

    // The severity of a rule's finding in a channel after the project's <rule> overrides,
    // or nullopt when the rule is disabled there or the finding is below --min-severity.
    std::optional<Severity> severity(const std::string& rule, const std::string& channel, Severity declared) const;
    // True when the project disables a plugin or rule in every channel.
    bool disabled_everywhere(const std::string& selector) const;

    // In a script, rules speak to staff turns only: speaker labels and other speakers'
    // words are not the brand's voice.
    static bool in_brand_voice(const Finding& finding, const Document& document) {
        return finding.anchor != Anchor::text || document.in_staff_turn(finding.begin);
    }

private:
    const Project* project_;
    Severity min_severity_;
};

// A file's findings in position order, one per mistake: the same finding reached twice
// (a URL as text and as link) is one, and a span a brand rule and pack rules both report
// is the brand's, naming the pack rules in `also`.
void settle(FileReport& report);

}  // namespace touchpoint
