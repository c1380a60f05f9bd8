// Baselines: today's findings recorded, so that a check reports only new ones. A
// finding's fingerprint is its file, rule, match and source line, not its line number:
// moving text around does not make old findings new.
#pragma once

#include "engine/engine.hpp"

#include <map>
#include <string>

namespace touchpoint {

std::string fingerprint(const ReportedFinding& finding);

class Baseline {
public:
    // Throws RunError for an unreadable or malformed file.
    static Baseline load(const std::string& path);
    void add(const ReportedFinding& finding) { ++counts_[fingerprint(finding)]; }
    // True (and the finding used up) when the baseline holds it.
    bool absorbs(const ReportedFinding& finding);
    std::string json() const;
    size_t size() const;

private:
    std::map<std::string, size_t> counts_;
};

}  // namespace touchpoint
