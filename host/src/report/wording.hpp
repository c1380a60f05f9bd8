// The sentences reports share: counts with their plurals, the run's summary and its score.
#pragma once

#include "engine/findings.hpp"

#include <string>
#include <string_view>

namespace touchpoint {

// "1 error", "2 errors".
std::string counted(size_t n, std::string_view noun);

// "22 files checked, 1 skipped: 73 findings (7 errors, 59 warnings, 7 suggestions)." and
// what inline control and a baseline took away.
std::string summary_sentence(const Summary& summary);

// "On-promise score 87 (pass mark 80): 2 of 22 touchpoints below it."
std::string score_sentence(const Summary& summary);

}  // namespace touchpoint
