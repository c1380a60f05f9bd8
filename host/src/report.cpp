#include "report.hpp"

#include "html_report.hpp"

#include "unicode.hpp"

#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

void json_string(std::ostream& out, std::string_view text) {
    out << '"';
    size_t clean = 0;  // characters that need no escape are written in runs
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.write(text.data() + clean, std::streamsize(i - clean));
        clean = i + 1;
        switch (c) {
        case '"': out << "\\\""; break;
        case '\\': out << "\\\\"; break;
        case '\n': out << "\\n"; break;
        case '\r': out << "\\r"; break;
        case '\t': out << "\\t"; break;
        default: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out << buffer;
        }
        }
    }
    out.write(text.data() + clean, std::streamsize(text.size() - clean));
    out << '"';
}

class JsonWriter : public ReportWriter {
public:
    JsonWriter(std::ostream& out, const RunInfo& run) : out_(out), run_(run) { out_ << "{\n  \"version\": 1,\n  \"findings\": ["; }

    void file(const FileReport& report) override {
        if (!report.channel.empty()) documents_.push_back(document(report));
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
             << ", \"skipped\": " << s.skipped << " }\n}\n";
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
    static std::string document(const FileReport& report) {
        std::ostringstream out;
        out << "    { \"file\": ";
        json_string(out, report.path);
        out << ", \"channel\": ";
        json_string(out, report.channel);
        out << ", \"findings\": " << report.findings.size();
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

class TextWriter : public ReportWriter {
public:
    TextWriter(std::ostream& out, bool color, const RunInfo& run) : out_(out), color_(color), run_(run) {}

    void file(const FileReport& report) override {
        for (const ReportedFinding& f : report.findings) finding(f);
    }

    void finish(const Summary& s) override {
        for (const auto& [table, rows] : run_.corpus) {
            if (rows.empty()) continue;
            out_ << paint("1", table + ":") << '\n';
            for (const auto& row : rows) {
                out_ << "  ";
                for (size_t c = 0; c < row.size(); ++c)
                    out_ << (c ? ", " : "") << row[c].first << " \u00d7" << row[c].second;
                out_ << '\n';
            }
        }
        out_ << paint("1", files_checked(s) + ": ");
        std::string suppressed = s.suppressed ? " " + std::to_string(s.suppressed) + " suppressed by inline control." : "";
        if (s.findings == 0) {
            out_ << "no findings." << suppressed << "\n";
            return;
        }
        out_ << s.findings << (s.findings == 1 ? " finding" : " findings") << " (" << count(s.errors, "error") << ", "
             << count(s.warnings, "warning") << ", " << count(s.suggestions, "suggestion") << ")." << suppressed << "\n";
    }

private:
    static std::string files_checked(const Summary& s) {
        std::string text = std::to_string(s.files) + (s.files == 1 ? " file" : " files") + " checked";
        return s.skipped ? text + ", " + std::to_string(s.skipped) + " skipped" : text;
    }
    static std::string count(size_t n, const char* what) {
        return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
    }

    std::string paint(const char* code, const std::string& text) const {
        return color_ ? "\033[" + std::string(code) + "m" + text + "\033[0m" : text;
    }

    static const char* severity_color(Severity severity) {
        switch (severity) {
        case Severity::error: return "1;31";
        case Severity::warning: return "1;33";
        case Severity::suggestion: return "1;36";
        }
        return "1";
    }

    void finding(const ReportedFinding& f) {
        out_ << paint("1", f.file + ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + ":")
             << ' ' << paint(severity_color(f.severity), std::string(to_string(f.severity)) + ":") << ' ' << f.message
             << ' ' << paint("2", "[" + f.rule + "]") << also(f) << '\n';
        if (!f.context.empty())
            out_ << ' ' << std::string(std::to_string(f.begin.line).size(), ' ') << " = " << paint("1", "at") << ": "
                 << f.context << '\n';
        if (!f.whole_document) excerpt(f);
        if (!f.suggestions.empty()) {
            std::string list;
            for (const std::string& s : f.suggestions) list += (list.empty() ? "" : ", ") + ("'" + s + "'");
            out_ << ' ' << std::string(std::to_string(f.begin.line).size(), ' ') << " = " << paint("1;32", "suggestion")
                 << ": " << list << '\n';
        }
    }

    // The pack rules that reported the same span: " (also: healthcare-claims.guarantee)".
    std::string also(const ReportedFinding& f) {
        if (f.also.empty()) return "";
        std::string list;
        for (const std::string& rule : f.also) list += (list.empty() ? "" : ", ") + rule;
        return " " + paint("2", "(also: " + list + ")");
    }

    // The source line with a caret under the match; a long line (a Word paragraph) is
    // shown as a window around the match.
    void excerpt(const ReportedFinding& f) {
        constexpr int window = 100, lead = 30;
        std::string number = std::to_string(f.begin.line);
        std::string_view line = f.excerpt.text;
        int first_column = f.excerpt.first_column;
        size_t start = 0;
        if (f.begin.column > window - lead) {
            for (; first_column < f.begin.column - lead && start < line.size(); ++first_column) utf8::next(line, start);
        }
        size_t stop = start;
        for (int n = 0; n < window && stop < line.size(); ++n) utf8::next(line, stop);
        bool cut_before = start > 0 || f.excerpt.cut_before, cut_after = stop < line.size() || f.excerpt.cut_after;
        std::string shown = (cut_before ? "\u2026" : "") + std::string(line.substr(start, stop - start)) +
                            (cut_after ? "\u2026" : "");
        out_ << ' ' << paint("2", number + " |") << ' ' << shown << '\n';
        // Pad under each code point before the match, keeping tabs so the caret lines up.
        std::string pad = cut_before ? " " : "";
        size_t pos = start;
        for (int column = first_column; column < f.begin.column && pos < line.size(); ++column) {
            char32_t c = utf8::next(line, pos);
            pad += c == '\t' ? '\t' : ' ';
        }
        int last = f.end.line == f.begin.line ? f.end.column : first_column + window - 1;
        last = std::min(last, first_column + window - 1);
        int width = std::max(1, last - f.begin.column + 1);
        out_ << ' ' << std::string(number.size(), ' ') << paint("2", " |") << ' ' << pad
             << paint("1;32", "^" + std::string(size_t(width - 1), '~')) << '\n';
    }

    std::ostream& out_;
    bool color_;
    const RunInfo& run_;
};

std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) break;  // not allowed in XML 1.0
            out += c;
        }
    }
    return out;
}

std::string json_quoted(std::string_view text) {
    std::ostringstream out;
    json_string(out, text);
    return out.str();
}

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
            r << " } } ]";
            if (!f.suggestions.empty() && f.exact && f.fixable && !f.whole_document) {
                // A fix replaces the match as written with the first suggestion.
                r << ",\n          \"fixes\": [ { \"description\": { \"text\": " << json_quoted("Replace with '" + f.suggestions.front() + "'")
                  << " }, \"artifactChanges\": [ { \"artifactLocation\": { \"uri\": " << json_quoted(uri(f.file))
                  << " }, \"replacements\": [ { \"deletedRegion\": { \"startLine\": " << f.begin.line
                  << ", \"startColumn\": " << f.begin.column << ", \"endLine\": " << f.end.line << ", \"endColumn\": "
                  << f.end.column + 1 << " }, \"insertedContent\": { \"text\": " << json_quoted(f.suggestions.front())
                  << " } } ] } ] } ]";
            }
            if (!f.suggestions.empty() || !f.also.empty()) {
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
                r << "\"channel\": " << json_quoted(f.channel) << " }";
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

// reviewdog's diagnostic format (rdjson): columns in UTF-8 bytes, as reviewdog counts them.
class RdjsonWriter : public ReportWriter {
public:
    explicit RdjsonWriter(std::ostream& out) : out_(out) {
        out_ << "{\n  \"source\": { \"name\": \"touchpoint\", \"url\": \"https://github.com/touchpoint\" },\n  \"diagnostics\": [";
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

// JUnit XML: a test suite per file, a failing test case per finding, one passing case
// for a clean file.
class JunitWriter : public ReportWriter {
public:
    explicit JunitWriter(std::ostream& out) : out_(out) {}

    void file(const FileReport& report) override {
        if (report.channel.empty()) return;  // skipped
        std::ostringstream suite;
        size_t cases = std::max<size_t>(1, report.findings.size());
        suite << "  <testsuite name=\"" << escape_xml(report.path) << "\" tests=\"" << cases << "\" failures=\""
              << report.findings.size() << "\" errors=\"0\">\n";
        if (report.findings.empty())
            suite << "    <testcase classname=\"" << escape_xml(report.path) << "\" name=\"keeps the brand promise\"/>\n";
        for (const ReportedFinding& f : report.findings) {
            std::string where = std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column);
            suite << "    <testcase classname=\"" << escape_xml(f.file) << "\" name=\"" << escape_xml(f.rule + " at " + where)
                  << "\">\n      <failure message=\"" << escape_xml(f.message) << "\" type=\"" << to_string(f.severity)
                  << "\">" << escape_xml(f.file + ":" + where + ": " + std::string(to_string(f.severity)) + ": " + f.message +
                                         (f.match.empty() ? "" : " ('" + f.match + "')"))
                  << "</failure>\n    </testcase>\n";
        }
        suite << "  </testsuite>\n";
        suites_ += suite.str();
        tests_ += cases;
        failures_ += report.findings.size();
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
        out_ << "touchpoint: " << s.files << (s.files == 1 ? " file" : " files") << " checked"
             << (s.skipped ? ", " + std::to_string(s.skipped) + " skipped" : "") << ": " << s.findings
             << (s.findings == 1 ? " finding" : " findings") << " (" << s.errors << " errors, " << s.warnings
             << " warnings, " << s.suggestions << " suggestions)\n";
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

}  // namespace

std::string xml_escape(std::string_view text) { return escape_xml(text); }

std::string_view report_formats() { return "text, json, sarif, junit, checkstyle, github, rdjson, html"; }

bool is_report_format(std::string_view format) {
    for (std::string_view known : {"text", "json", "sarif", "junit", "checkstyle", "github", "rdjson", "html"})
        if (format == known) return true;
    return false;
}

std::unique_ptr<ReportWriter> make_writer(std::string_view format, std::ostream& out, bool color, const RunInfo& run) {
    if (format == "text") return std::make_unique<TextWriter>(out, color, run);
    if (format == "json") return std::make_unique<JsonWriter>(out, run);
    if (format == "sarif") return std::make_unique<SarifWriter>(out, run);
    if (format == "junit") return std::make_unique<JunitWriter>(out);
    if (format == "checkstyle") return std::make_unique<CheckstyleWriter>(out);
    if (format == "github") return std::make_unique<GithubWriter>(out);
    if (format == "rdjson") return std::make_unique<RdjsonWriter>(out);
    if (format == "html") return make_html_writer(out, run);
    return nullptr;
}

}  // namespace touchpoint
