// Report writers: one per --format, each in its own file under report/.
#pragma once

#include "engine/findings.hpp"

#include <touchpoint/plugin.hpp>

#include <functional>
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
    std::vector<std::pair<std::string, std::string>> translated_promises;  // language, promise: the others
    std::vector<MeasureInfo> measures;  // as the checks declare them: the heatmap's columns
    int pass_mark = 80;
    bool quiet = false;  // --quiet: the text report shows only the findings
    // What corpus-wide checks found, by table; filled before finish().
    std::map<std::string, std::vector<std::vector<std::pair<std::string, double>>>> corpus;
};

// What a writer is made with.
struct WriterSettings {
    std::ostream& out;
    bool color;  // a terminal: the text writer may use colour
    const RunInfo& run;
};

// A writer's file registers it by name: a static WriterRegistration there. `rank` orders
// the list of formats.
struct WriterRegistration {
    using Make = std::function<std::unique_ptr<ReportWriter>(const WriterSettings&)>;
    WriterRegistration(std::string_view name, int rank, Make make);
};

bool is_report_format(std::string_view format);
// Text made safe inside XML and HTML elements and attribute values.
std::string xml_escape(std::string_view text);
// The formats known, in order, for messages and help: "text, json, ...".
std::string report_formats();

// nullptr for an unknown format.
std::unique_ptr<ReportWriter> make_writer(std::string_view format, std::ostream& out, bool color, const RunInfo& run);

}  // namespace touchpoint
