#include "report/report.hpp"

#include "report/escape.hpp"
#include "base/unicode.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

// Checkstyle XML, as read by CI dashboards and reviewdog.
class CheckstyleWriter : public ReportWriter {
public:
    explicit CheckstyleWriter(std::ostream& out) : out_(out) {
        out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
    }

    void file(const FileReport& report) override {
        if (report.channel.empty()) return;
        out_ << "  <file name=\"" << escape_xml(report.path) << "\">\n";
        for (const ReportedFinding& f : report.findings)
            out_ << "    <error line=\"" << f.begin.line << "\" column=\"" << f.begin.column << "\" severity=\""
                 << (f.severity == Severity::suggestion ? "info" : to_string(f.severity)) << "\" message=\""
                 << escape_xml(f.message) << "\" source=\"" << escape_xml(f.rule) << "\"/>\n";
        out_ << "  </file>\n";
    }

    void finish(const Summary&) override { out_ << "</checkstyle>\n"; }

private:
    std::ostream& out_;
};

const WriterRegistration registered{"checkstyle", 5, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<CheckstyleWriter>(s.out);
}};

}  // namespace
}  // namespace touchpoint
