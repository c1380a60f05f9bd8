// --format json: the findings, documents, suppressed findings and summary (docs/getting-started.md).
#include "report/report.hpp"

#include "report/escape.hpp"
#include "base/unicode.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

class JsonWriter : public ReportWriter {
public:
    JsonWriter(std::ostream& out, const RunInfo& run) : out_(out), run_(run) { out_ << "{\n  \"version\": 1,\n  \"findings\": ["; }

    void file(const FileReport& report) override {
        if (!report.channel.empty()) documents_.push_back(document(report, run_.pass_mark));
        for (const SuppressedFinding& s : report.suppressed) suppressed_.push_back(suppressed(s));
        for (const ReportedFinding& f : report.findings) {
            out_ << (first_ ? "\n" : ",\n") << "    {\n      \"file\": ";
            first_ = false;
            json_string(out_, f.file);
            out_ << ",\n      \"line\": " << f.begin.line << ", \"column\": " << f.begin.column
                 << ", \"end_line\": " << f.end.line << ", \"end_column\": " << f.end.column << ",\n      \"rule\": ";
            json_string(out_, f.rule);
            out_ << ",\n      \"severity\": ";
            json_string(out_, to_string(f.severity));
            out_ << ",\n      \"message\": ";
            json_string(out_, f.message);
            out_ << ",\n      \"match\": ";
            json_string(out_, f.match);
            out_ << ",\n      \"suggestions\": [";
            for (size_t i = 0; i < f.suggestions.size(); ++i) {
                if (i) out_ << ", ";
                json_string(out_, f.suggestions[i]);
            }
            out_ << "]";
            // Only the exception is written: most suggestions are fixes as they stand.
            if (!f.fixable) out_ << ", \"fixable\": false";
            out_ << ",\n      \"channel\": ";
            json_string(out_, f.channel);
            if (!f.lang.empty()) {
                out_ << ", \"lang\": ";
                json_string(out_, f.lang);
            }
            if (!f.also.empty()) {
                out_ << ",\n      \"also\": [";
                for (size_t i = 0; i < f.also.size(); ++i) {
                    if (i) out_ << ", ";
                    json_string(out_, f.also[i]);
                }
                out_ << "]";
            }
            if (!f.context.empty()) {
                out_ << ",\n      \"context\": ";
                json_string(out_, f.context);
            }
            out_ << "\n    }";
        }
    }

    void finish(const Summary& s) override {
        out_ << (first_ ? "],\n" : "\n  ],\n") << "  \"documents\": [";
        for (size_t i = 0; i < documents_.size(); ++i) out_ << (i ? ",\n" : "\n") << documents_[i];
        out_ << (documents_.empty() ? "],\n" : "\n  ],\n");
        out_ << "  \"suppressed\": [";
        for (size_t i = 0; i < suppressed_.size(); ++i) out_ << (i ? ",\n" : "\n") << suppressed_[i];
        out_ << (suppressed_.empty() ? "],\n" : "\n  ],\n");
        out_ << "  \"corpus\": {";
        bool first_table = true;
        for (const auto& [table, rows] : run_.corpus) {
            out_ << (first_table ? "\n    " : ",\n    ");
            first_table = false;
            json_string(out_, table);
            out_ << ": [";
            for (size_t r = 0; r < rows.size(); ++r) {
                out_ << (r ? ",\n      {" : "\n      {");
                for (size_t c = 0; c < rows[r].size(); ++c) {
                    out_ << (c ? ", " : " ");
                    json_string(out_, rows[r][c].first);
                    out_ << ": " << number(rows[r][c].second);
                }
                out_ << " }";
            }
            out_ << (rows.empty() ? "]" : "\n    ]");
        }
        out_ << (first_table ? "},\n" : "\n  },\n");
        out_ << "  \"summary\": { \"files\": " << s.files
             << ", \"findings\": " << s.findings << ", \"errors\": " << s.errors << ", \"warnings\": " << s.warnings
             << ", \"suggestions\": " << s.suggestions << ", \"suppressed\": " << s.suppressed
             << ", \"skipped\": " << s.skipped << ", \"baselined\": " << s.baselined << ", \"score\": " << s.score()
             << ", \"pass_mark\": " << s.pass_mark << ", \"below_pass_mark\": " << s.below_pass_mark << " }\n}\n";
    }

private:
    static std::string suppressed(const SuppressedFinding& s) {
        std::ostringstream out;
        out << "    { \"file\": ";
        json_string(out, s.finding.file);
        out << ", \"line\": " << s.finding.begin.line << ", \"column\": " << s.finding.begin.column << ", \"rule\": ";
        json_string(out, s.finding.rule);
        out << ", \"match\": ";
        json_string(out, s.finding.match);
        out << ", \"reason\": ";
        json_string(out, s.reason);
        out << " }";
        return out.str();
    }

    // A checked file with its measures (the `documents` array of the JSON report).
    static std::string document(const FileReport& report, int pass_mark) {
        std::ostringstream out;
        out << "    { \"file\": ";
        json_string(out, report.path);
        out << ", \"channel\": ";
        json_string(out, report.channel);
        out << ", \"findings\": " << report.findings.size() << ", \"score\": " << on_promise_score(report)
            << ", \"passes\": " << (passes(report, pass_mark) ? "true" : "false");
        for (const auto& [group, values] : report.measures) {
            out << ", ";
            json_string(out, group);
            out << ": {";
            bool first = true;
            for (const auto& [key, value] : values) {
                out << (first ? " " : ", ");
                first = false;
                json_string(out, key);
                out << ": " << number(value);
            }
            out << " }";
        }
        out << " }";
        return out.str();
    }

    static std::string number(double value) {
        if (!std::isfinite(value)) return "null";  // a plugin's NaN is no JSON number
        char buffer[32];
        if (value == double(int64_t(value))) std::snprintf(buffer, sizeof buffer, "%lld", (long long)value);
        else std::snprintf(buffer, sizeof buffer, "%.2f", value);
        std::string text = buffer;
        if (text.find('.') != std::string::npos) {
            while (text.back() == '0') text.pop_back();
            if (text.back() == '.') text.pop_back();
        }
        return text;
    }

    std::ostream& out_;
    const RunInfo& run_;
    bool first_ = true;
    std::vector<std::string> documents_;
    std::vector<std::string> suppressed_;
};

const WriterRegistration registered{"json", 2, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<JsonWriter>(s.out, s.run);
}};

}  // namespace
}  // namespace touchpoint
