#include "report/report.hpp"
#include "report/wording.hpp"

#include "report/escape.hpp"
#include "base/unicode.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

// GitHub Actions workflow commands: an annotation per finding, then a summary line,
// since GitHub shows only the first annotations of a step.
class GithubWriter : public ReportWriter {
public:
    explicit GithubWriter(std::ostream& out) : out_(out) {}

    void file(const FileReport& report) override {
        for (const ReportedFinding& f : report.findings) {
            std::string_view command = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
            // GitHub counts columns in UTF-16 code units, as its web editor does.
            out_ << "::" << command << " file=" << property(f.file) << ",line=" << f.begin.line;
            if (!f.whole_document)
                out_ << ",col=" << f.begin_utf16 << ",endLine=" << f.end.line
                     << ",endColumn=" << f.end_utf16 - 1;
            std::string message = f.message;
            if (!f.suggestions.empty()) message += " Suggestion: " + f.suggestions.front();
            out_ << ",title=" << property(f.rule) << "::" << data(message) << '\n';
        }
    }

    void finish(const Summary& s) override {
        out_ << "touchpoint: " << summary_sentence(s) << ' ' << score_sentence(s) << '\n';
    }

private:
    static std::string data(std::string_view text) {
        std::string out;
        for (char c : text) {
            if (c == '%') out += "%25";
            else if (c == '\r') out += "%0D";
            else if (c == '\n') out += "%0A";
            else out += c;
        }
        return out;
    }
    static std::string property(std::string_view text) {
        std::string out;
        for (char c : data(text)) {
            if (c == ':') out += "%3A";
            else if (c == ',') out += "%2C";
            else out += c;
        }
        return out;
    }

    std::ostream& out_;
};

const WriterRegistration registered{"github", 6, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<GithubWriter>(s.out);
}};

}  // namespace
}  // namespace touchpoint
