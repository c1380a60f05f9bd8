#include "report/report.hpp"

#include "report/escape.hpp"
#include "base/unicode.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

// SARIF 2.1.0 with code point columns (columnKind) and exclusive end columns.
class SarifWriter : public ReportWriter {
public:
    SarifWriter(std::ostream& out, const RunInfo& run) : out_(out), run_(run) {}

    void file(const FileReport& report) override {
        for (const ReportedFinding& f : report.findings) {
            rules_used_.insert(f.rule);
            std::ostringstream r;
            r << "        {\n          \"ruleId\": " << json_quoted(f.rule) << ",\n          \"level\": "
              << json_quoted(level(f.severity)) << ",\n          \"message\": { \"text\": " << json_quoted(f.message)
              << " },\n          \"locations\": [ { \"physicalLocation\": { \"artifactLocation\": { \"uri\": "
              << json_quoted(uri(f.file)) << " }";
            if (!f.whole_document)
                r << ", \"region\": { \"startLine\": " << f.begin.line << ", \"startColumn\": " << f.begin.column
                  << ", \"endLine\": " << f.end.line << ", \"endColumn\": " << f.end.column + 1 << " }";
            else  // the whole document
                r << ", \"region\": { \"startLine\": 1, \"endLine\": " << std::max(1, report.lines) << " }";
            r << " }";
            // The place beyond line and column: a PDF's page, a slide, a sign's id.
            if (!f.context.empty()) r << ", \"message\": { \"text\": " << json_quoted(f.context) << " }";
            r << " } ]";
            if (!f.suggestions.empty() && f.exact && f.fixable && !f.whole_document) {
                // A fix replaces the match as written with the first suggestion.
                r << ",\n          \"fixes\": [ { \"description\": { \"text\": " << json_quoted("Replace with '" + f.suggestions.front() + "'")
                  << " }, \"artifactChanges\": [ { \"artifactLocation\": { \"uri\": " << json_quoted(uri(f.file))
                  << " }, \"replacements\": [ { \"deletedRegion\": { \"startLine\": " << f.begin.line
                  << ", \"startColumn\": " << f.begin.column << ", \"endLine\": " << f.end.line << ", \"endColumn\": "
                  << f.end.column + 1 << " }, \"insertedContent\": { \"text\": " << json_quoted(f.suggestions.front())
                  << " } } ] } ] } ]";
            }
            {  // every result says its channel and language
                r << ",\n          \"properties\": { ";
                if (!f.suggestions.empty()) {
                    r << "\"suggestions\": [";
                    for (size_t i = 0; i < f.suggestions.size(); ++i) r << (i ? ", " : "") << json_quoted(f.suggestions[i]);
                    r << "], ";
                }
                if (!f.also.empty()) {  // the pack rules that reported the same mistake
                    r << "\"also\": [";
                    for (size_t i = 0; i < f.also.size(); ++i) r << (i ? ", " : "") << json_quoted(f.also[i]);
                    r << "], ";
                }
                r << "\"channel\": " << json_quoted(f.channel);
                if (!f.lang.empty()) r << ", \"lang\": " << json_quoted(f.lang);
                if (!f.context.empty()) r << ", \"context\": " << json_quoted(f.context);
                r << " }";
            }
            r << "\n        }";
            results_.push_back(r.str());
        }
    }

    void finish(const Summary&) override {
        out_ << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
             << "  \"runs\": [\n    {\n      \"tool\": { \"driver\": {\n        \"name\": \"touchpoint\",\n"
             << "        \"version\": " << json_quoted(run_.version) << ",\n"
             << "        \"informationUri\": \"https://github.com/touchpoint/touchpoint\",\n        \"rules\": [";
        bool first = true;
        for (const auto& [id, description] : run_.rules) {
            if (!rules_used_.count(id) && !run_.list_all_rules) continue;
            out_ << (first ? "\n" : ",\n") << "          { \"id\": " << json_quoted(id)
                 << ", \"shortDescription\": { \"text\": " << json_quoted(description) << " }, \"help\": { \"text\": "
                 << json_quoted(description + " See 'touchpoint rules' and the rule's documentation.") << " } }";
            first = false;
        }
        out_ << (first ? "]" : "\n        ]") << "\n      } },\n      \"columnKind\": \"unicodeCodePoints\",\n"
             << "      \"results\": [";
        for (size_t i = 0; i < results_.size(); ++i) out_ << (i ? ",\n" : "\n") << results_[i];
        out_ << (results_.empty() ? "]" : "\n      ]") << "\n    }\n  ]\n}\n";
    }

private:
    static std::string_view level(Severity severity) {
        return severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "note";
    }
    static std::string uri(const std::string& path) {
        std::string out;
        for (unsigned char c : path) {
            if (std::isalnum(c) || std::strchr("/-._~", c) || c >= 0x80) {
                out += char(c);
            } else {
                char buffer[4];
                std::snprintf(buffer, sizeof buffer, "%%%02X", c);
                out += buffer;
            }
        }
        return out;
    }

    std::ostream& out_;
    const RunInfo& run_;
    std::set<std::string> rules_used_;
    std::vector<std::string> results_;
};

const WriterRegistration registered{"sarif", 3, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<SarifWriter>(s.out, s.run);
}};

}  // namespace
}  // namespace touchpoint
