// Report writers: one per --format.
#pragma once

#include "engine.hpp"

#include <map>
#include <memory>
#include <string>
#include <ostream>
#include <string_view>

namespace touchpoint {

class ReportWriter {
public:
    virtual ~ReportWriter() = default;
    virtual void file(const FileReport& report) = 0;
    virtual void finish(const Summary& summary) = 0;
};

// What formats with rule metadata (SARIF) say about the run.
struct RunInfo {
    std::string version;
    std::map<std::string, std::string> rules;  // PLUGIN.RULE -> description
    bool list_all_rules = true;
    // For the HTML report: the brand and its promise.
    std::string brand;
    std::string promise;
    std::vector<std::pair<std::string, std::string>> pillars;  // id, label
    int pass_mark = 80;
    // What corpus-wide checks found, by table; filled before finish().
    std::map<std::string, std::vector<std::vector<std::pair<std::string, double>>>> corpus;
};

bool is_report_format(std::string_view format);
// Text made safe inside XML and HTML elements and attribute values.
std::string xml_escape(std::string_view text);
// The formats known, for messages and help.
std::string_view report_formats();

// nullptr for an unknown format.
std::unique_ptr<ReportWriter> make_writer(std::string_view format, std::ostream& out, bool color, const RunInfo& run);

}  // namespace touchpoint
