// Report writers: one per --format.
#pragma once

#include "engine.hpp"

#include <memory>
#include <ostream>
#include <string_view>

namespace touchpoint {

class ReportWriter {
public:
    virtual ~ReportWriter() = default;
    virtual void file(const FileReport& report) = 0;
    virtual void finish(const Summary& summary) = 0;
};

// nullptr for an unknown format.
std::unique_ptr<ReportWriter> make_writer(std::string_view format, std::ostream& out, bool color);

// The formats make_writer knows, for messages and help.
std::string_view report_formats();

}  // namespace touchpoint
