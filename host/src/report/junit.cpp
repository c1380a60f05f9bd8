#include "report/report.hpp"

#include "report/escape.hpp"
#include "base/unicode.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <algorithm>
#include <sstream>

namespace touchpoint {
namespace {

// JUnit XML: a test suite per file, a failing test case per finding, one passing case
// for a clean file.
class JunitWriter : public ReportWriter {
public:
    explicit JunitWriter(std::ostream& out) : out_(out) {}

    void file(const FileReport& report) override {
        if (report.channel.empty()) return;  // skipped
        std::ostringstream suite;
        size_t cases = std::max<size_t>(1, report.findings.size());
        // A suggestion is advice, not a failure: its test case passes and says it.
        size_t failures = size_t(std::count_if(report.findings.begin(), report.findings.end(),
                                               [](const ReportedFinding& f) { return f.severity != Severity::suggestion; }));
        suite << "  <testsuite name=\"" << escape_xml(report.path) << "\" tests=\"" << cases << "\" failures=\""
              << failures << "\" errors=\"0\">\n";
        if (report.findings.empty())
            suite << "    <testcase classname=\"" << escape_xml(report.path) << "\" name=\"keeps the brand promise\"/>\n";
        for (const ReportedFinding& f : report.findings) {
            std::string where = std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column);
            std::string text = f.file + ":" + where + ": " + std::string(to_string(f.severity)) + ": " + f.message +
                               (f.match.empty() ? "" : " ('" + f.match + "')");
            suite << "    <testcase classname=\"" << escape_xml(f.file) << "\" name=\"" << escape_xml(f.rule + " at " + where) << "\">\n";
            if (f.severity == Severity::suggestion)
                suite << "      <system-out>" << escape_xml(text) << "</system-out>\n";
            else
                suite << "      <failure message=\"" << escape_xml(f.message) << "\" type=\"" << to_string(f.severity) << "\">"
                      << escape_xml(text) << "</failure>\n";
            suite << "    </testcase>\n";
        }
        suite << "  </testsuite>\n";
        suites_ += suite.str();
        tests_ += cases;
        failures_ += failures;
    }

    void finish(const Summary&) override {
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"touchpoint\" tests=\"" << tests_
             << "\" failures=\"" << failures_ << "\" errors=\"0\">\n" << suites_ << "</testsuites>\n";
    }

private:
    std::ostream& out_;
    std::string suites_;
    size_t tests_ = 0, failures_ = 0;
};

const WriterRegistration registered{"junit", 4, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<JunitWriter>(s.out);
}};

}  // namespace
}  // namespace touchpoint
