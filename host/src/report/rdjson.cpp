#include "report/report.hpp"

#include "report/escape.hpp"
#include "base/unicode.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

// reviewdog's diagnostic format (rdjson): columns in UTF-8 bytes, as reviewdog counts them.
class RdjsonWriter : public ReportWriter {
public:
    explicit RdjsonWriter(std::ostream& out) : out_(out) {
        out_ << "{\n  \"source\": { \"name\": \"touchpoint\" },\n  \"diagnostics\": [";
    }

    void file(const FileReport& report) override {
        for (const ReportedFinding& f : report.findings) {
            out_ << (first_ ? "\n" : ",\n") << "    { \"message\": " << json_quoted(f.message)
                 << ", \"severity\": " << json_quoted(f.severity == Severity::error ? "ERROR" : f.severity == Severity::warning ? "WARNING" : "INFO")
                 << ", \"code\": { \"value\": " << json_quoted(f.rule) << " }, \"location\": { \"path\": " << json_quoted(f.file);
            first_ = false;
            if (!f.whole_document)
                out_ << ", \"range\": " << range(f);
            out_ << " }";
            if (!f.suggestions.empty() && f.exact && f.fixable && !f.whole_document)
                out_ << ", \"suggestions\": [ { \"range\": " << range(f) << ", \"text\": " << json_quoted(f.suggestions.front()) << " } ]";
            out_ << " }";
        }
    }

    void finish(const Summary&) override { out_ << (first_ ? "]\n}\n" : "\n  ]\n}\n"); }

private:
    static std::string range(const ReportedFinding& f) {
        return "{ \"start\": { \"line\": " + std::to_string(f.begin.line) + ", \"column\": " +
               std::to_string(f.begin_byte) + " }, \"end\": { \"line\": " +
               std::to_string(f.end.line) + ", \"column\": " + std::to_string(f.end_byte) + " } }";
    }

    std::ostream& out_;
    bool first_ = true;
};

const WriterRegistration registered{"rdjson", 7, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<RdjsonWriter>(s.out);
}};

}  // namespace
}  // namespace touchpoint
