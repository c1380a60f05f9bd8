#include "report.hpp"

#include "unicode.hpp"

#include <cstdio>

namespace touchpoint {
namespace {

void json_string(std::ostream& out, std::string_view text) {
    out << '"';
    for (unsigned char c : text) {
        switch (c) {
        case '"': out << "\\\""; break;
        case '\\': out << "\\\\"; break;
        case '\n': out << "\\n"; break;
        case '\r': out << "\\r"; break;
        case '\t': out << "\\t"; break;
        default:
            if (c < 0x20) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                out << buffer;
            } else {
                out << char(c);
            }
        }
    }
    out << '"';
}

class JsonWriter : public ReportWriter {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) { out_ << "{\n  \"version\": 1,\n  \"findings\": ["; }

    void file(const FileReport& report) override {
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
            out_ << "],\n      \"channel\": ";
            json_string(out_, f.channel);
            out_ << "\n    }";
        }
    }

    void finish(const Summary& s) override {
        out_ << (first_ ? "],\n" : "\n  ],\n") << "  \"summary\": { \"files\": " << s.files
             << ", \"findings\": " << s.findings << ", \"errors\": " << s.errors << ", \"warnings\": " << s.warnings
             << ", \"suggestions\": " << s.suggestions << " }\n}\n";
    }

private:
    std::ostream& out_;
    bool first_ = true;
};

class TextWriter : public ReportWriter {
public:
    TextWriter(std::ostream& out, bool color) : out_(out), color_(color) {}

    void file(const FileReport& report) override {
        for (const ReportedFinding& f : report.findings) finding(f);
    }

    void finish(const Summary& s) override {
        out_ << paint("1", std::to_string(s.files) + (s.files == 1 ? " file" : " files") + " checked: ");
        if (s.findings == 0) {
            out_ << "no findings.\n";
            return;
        }
        out_ << s.findings << (s.findings == 1 ? " finding" : " findings") << " (" << count(s.errors, "error") << ", "
             << count(s.warnings, "warning") << ", " << count(s.suggestions, "suggestion") << ").\n";
    }

private:
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
             << ' ' << paint("2", "[" + f.rule + "]") << '\n';
        if (!f.whole_document) excerpt(f);
        if (!f.suggestions.empty()) {
            std::string list;
            for (const std::string& s : f.suggestions) list += (list.empty() ? "" : ", ") + ("'" + s + "'");
            out_ << ' ' << std::string(std::to_string(f.begin.line).size(), ' ') << " = " << paint("1;32", "suggestion")
                 << ": " << list << '\n';
        }
    }

    void excerpt(const ReportedFinding& f) {
        std::string number = std::to_string(f.begin.line);
        std::string_view line = f.line_text;
        out_ << ' ' << paint("2", number + " |") << ' ' << line << '\n';
        // Pad under each code point before the match, keeping tabs so the caret lines up.
        std::string pad;
        size_t pos = 0;
        for (int column = 1; column < f.begin.column && pos < line.size(); ++column) {
            char32_t c = utf8::next(line, pos);
            pad += c == '\t' ? '\t' : ' ';
        }
        size_t line_length = utf8::length(line);
        int last = f.end.line == f.begin.line ? f.end.column : int(line_length);
        int width = std::max(1, last - f.begin.column + 1);
        out_ << ' ' << std::string(number.size(), ' ') << paint("2", " |") << ' ' << pad
             << paint("1;32", "^" + std::string(size_t(width - 1), '~')) << '\n';
    }

    std::ostream& out_;
    bool color_;
};

}  // namespace

std::string_view report_formats() { return "text, json"; }

std::unique_ptr<ReportWriter> make_writer(std::string_view format, std::ostream& out, bool color) {
    if (format == "text") return std::make_unique<TextWriter>(out, color);
    if (format == "json") return std::make_unique<JsonWriter>(out);
    return nullptr;
}

}  // namespace touchpoint
