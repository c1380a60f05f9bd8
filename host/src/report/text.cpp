// --format text: compiler-style lines with the source line and a caret under the match.
#include "report/report.hpp"

#include "report/escape.hpp"
#include "report/wording.hpp"
#include "base/unicode.hpp"

#include <unicode/uchar.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>

namespace touchpoint {
namespace {

class TextWriter : public ReportWriter {
public:
    TextWriter(std::ostream& out, bool color, const RunInfo& run) : out_(out), color_(color), run_(run) {}

    void file(const FileReport& report) override {
        for (const ReportedFinding& f : report.findings) finding(f);
    }

    void finish(const Summary& s) override {
        if (run_.quiet) return;
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
        std::string summary = summary_sentence(s);
        size_t colon = summary.find(": ");
        out_ << paint("1", summary.substr(0, colon + 1)) << summary.substr(colon + 1) << '\n' << score_sentence(s) << '\n';
    }

private:
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
        out_ << paint("1", printable(f.file) + ":" + std::to_string(f.begin.line) + ":" + std::to_string(f.begin.column) + ":")
             << ' ' << paint(severity_color(f.severity), std::string(to_string(f.severity)) + ":") << ' ' << printable(f.message)
             << ' ' << paint("2", "[" + f.rule + "]") << also(f) << '\n';
        if (!f.context.empty())
            out_ << ' ' << std::string(std::to_string(f.begin.line).size(), ' ') << " = " << paint("1", "at") << ": "
                 << printable(f.context) << '\n';
        if (!f.whole_document) excerpt(f);
        if (!f.suggestions.empty()) {
            std::string list;
            for (const std::string& s : f.suggestions) list += (list.empty() ? "" : ", ") + ("'" + s + "'");
            out_ << ' ' << std::string(std::to_string(f.begin.line).size(), ' ') << " = " << paint("1;32", "suggestion")
                 << ": " << printable(list) << '\n';
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
        std::string shown = (cut_before ? "\u2026" : "") + printable(line.substr(start, stop - start)) +
                            (cut_after ? "\u2026" : "");
        out_ << ' ' << paint("2", number + " |") << ' ' << shown << '\n';
        // Pad under each code point before the match, keeping tabs so the caret lines up.
        std::string pad = cut_before ? " " : "";
        size_t pos = start;
        for (int column = first_column; column < f.begin.column && pos < line.size(); ++column) {
            char32_t c = utf8::next(line, pos);
            pad += c == '\t' ? std::string("\t") : std::string(cells(c), ' ');
        }
        // Under the match on its first line: to its end there, or to the end of what is shown.
        int last = f.end.line == f.begin.line ? f.end.column : INT_MAX;
        size_t width = 0;
        for (int column = f.begin.column; column <= last && pos < stop; ++column) width += cells(utf8::next(line, pos));
        width = std::max<size_t>(width, 1);
        out_ << ' ' << std::string(number.size(), ' ') << paint("2", " |") << ' ' << pad
             << paint("1;32", "^" + std::string(width - 1, '~')) << '\n';
    }

    // Text as a terminal shows it, never drives it: control characters (ESC starting a
    // colour or a title change, BEL) from a file become U+FFFD, one cell like them; tabs
    // and line breaks (a message may have one) stay.
    static std::string printable(std::string_view text) {
        std::string out;
        for (size_t pos = 0; pos < text.size();) {
            size_t at = pos;
            char32_t c = utf8::next(text, pos);
            if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c <= 0x9F)) out += "\uFFFD";
            else out.append(text.substr(at, pos - at));
        }
        return out;
    }

    // Terminal cells a code point takes: two for wide ones (CJK, most emoji), none for a
    // combining mark or a joiner, one for the rest.
    static size_t cells(char32_t c) {
        UChar32 u = UChar32(c);
        int8_t category = int8_t(u_charType(u));
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || u == 0x200D || (u >= 0xFE00 && u <= 0xFE0F))
            return 0;
        int width = u_getIntPropertyValue(u, UCHAR_EAST_ASIAN_WIDTH);
        if (width == U_EA_WIDE || width == U_EA_FULLWIDTH || u_hasBinaryProperty(u, UCHAR_EMOJI_PRESENTATION)) return 2;
        return 1;
    }

    std::ostream& out_;
    bool color_;
    const RunInfo& run_;
};

const WriterRegistration registered{"text", 1, [](const WriterSettings& s) -> std::unique_ptr<ReportWriter> {
    return std::make_unique<TextWriter>(s.out, s.color, s.run);
}};

}  // namespace
}  // namespace touchpoint
