#pragma once

#include "report.hpp"

namespace touchpoint {

std::unique_ptr<ReportWriter> make_html_writer(std::ostream& out, const RunInfo& run);

}  // namespace touchpoint
