#include "engine/isolation.hpp"

#include "engine/engine.hpp"
#include "engine/log.hpp"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <istream>
#include <limits>
#include <ostream>
#include <sstream>
#include <thread>

namespace touchpoint {

namespace {

// The child's report is a stream of records, written and read one at a time, so that a
// file with a million findings costs no tree of JSON objects on either side. A string
// is its length, a colon and its bytes; a number is decimal; each ends with a space.
constexpr std::string_view magic = "touchpoint-isolated-report 1\n";

class RecordWriter {
public:
    explicit RecordWriter(std::ostream& out) : out_(out) {}
    RecordWriter& text(std::string_view s) {
        out_ << s.size() << ':';
        out_.write(s.data(), std::streamsize(s.size()));
        out_ << ' ';
        return *this;
    }
    RecordWriter& number(long long n) {
        out_ << n << ' ';
        return *this;
    }
    RecordWriter& real(double d) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.17g", d);
        return text(buffer);
    }
    RecordWriter& tag(char t) {
        out_ << t;
        return *this;
    }

private:
    std::ostream& out_;
};

// Reads what RecordWriter wrote; any fault (a child that died writing) makes the whole
// report unreadable, never a bad allocation or a partial finding.
class RecordReader {
public:
    explicit RecordReader(std::istream& in) : in_(in) {}
    struct Fault {};
    long long number() {
        long long n = 0;
        bool negative = in_.peek() == '-';
        if (negative) in_.get();
        int digits = 0;
        for (int c = in_.get(); c != ' '; c = in_.get()) {
            if (c < '0' || c > '9' || ++digits > 18) throw Fault{};
            n = n * 10 + (c - '0');
        }
        if (digits == 0) throw Fault{};
        return negative ? -n : n;
    }
    std::string text() {
        size_t size = 0;
        int digits = 0;
        for (int c = in_.get(); c != ':'; c = in_.get()) {
            if (c < '0' || c > '9' || ++digits > 10) throw Fault{};
            size = size * 10 + size_t(c - '0');
        }
        std::string s;
        char buffer[1 << 16];
        while (s.size() < size) {  // grown as the bytes come, not allocated from the length
            std::streamsize n = std::streamsize(std::min(sizeof buffer, size - s.size()));
            if (!in_.read(buffer, n)) throw Fault{};
            s.append(buffer, size_t(n));
        }
        if (in_.get() != ' ') throw Fault{};
        return s;
    }
    double real() {
        std::string s = text();
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0') throw Fault{};
        return d;
    }
    int tag() {
        int c = in_.get();
        if (c == std::char_traits<char>::eof()) throw Fault{};
        return c;
    }

private:
    std::istream& in_;
};

void write_finding(RecordWriter& w, const ReportedFinding& f) {
    w.text(f.file).number(f.begin.line).number(f.begin.column).number(f.end.line).number(f.end.column);
    w.text(f.rule).text(f.plugin).number(int(f.severity)).text(f.message).text(f.match);
    w.number((long long)f.suggestions.size());
    for (const std::string& s : f.suggestions) w.text(s);
    w.text(f.channel).number(f.begin_utf16).number(f.begin_byte).number(f.end_utf16).number(f.end_byte);
    w.text(f.excerpt.text).number(f.excerpt.first_column).number(f.excerpt.cut_before).number(f.excerpt.cut_after);
    w.text(f.context).number(f.source_begin).number(f.source_end).number(f.exact).number(f.whole_document);
    w.number(f.fixable).number(f.from_pack).number(int(f.claim)).number((long long)f.also.size());
    for (const std::string& rule : f.also) w.text(rule);
    w.text(f.prose.before).text(f.prose.match).text(f.prose.after).number(f.prose.cut_before).number(f.prose.cut_after);
    w.text(f.lang);
}

long long within(RecordReader& r, long long max) {
    long long n = r.number();
    if (n < 0 || n > max) throw RecordReader::Fault{};
    return n;
}

int small(RecordReader& r, long long max) { return int(within(r, std::min<long long>(max, INT32_MAX))); }

ReportedFinding read_finding(RecordReader& r) {
    ReportedFinding f;
    constexpr long long big = INT32_MAX;
    f.file = r.text();
    f.begin = {small(r, big), small(r, big)};
    f.end = {small(r, big), small(r, big)};
    f.rule = r.text();
    f.plugin = r.text();
    f.severity = Severity(small(r, int(Severity::error)));
    f.message = r.text();
    f.match = r.text();
    for (int n = small(r, 1 << 20); n > 0; --n) f.suggestions.push_back(r.text());
    f.channel = r.text();
    f.begin_utf16 = small(r, big), f.begin_byte = small(r, big), f.end_utf16 = small(r, big), f.end_byte = small(r, big);
    f.excerpt.text = r.text();
    f.excerpt.first_column = small(r, big), f.excerpt.cut_before = small(r, 1), f.excerpt.cut_after = small(r, 1);
    f.context = r.text();
    f.source_begin = uint32_t(within(r, UINT32_MAX)), f.source_end = uint32_t(within(r, UINT32_MAX));
    f.exact = small(r, 1), f.whole_document = small(r, 1), f.fixable = small(r, 1), f.from_pack = small(r, 1);
    f.claim = Claim(small(r, int(Claim::yields)));
    for (int n = small(r, 1 << 20); n > 0; --n) f.also.push_back(r.text());
    f.prose.before = r.text(), f.prose.match = r.text(), f.prose.after = r.text();
    f.prose.cut_before = small(r, 1), f.prose.cut_after = small(r, 1);
    f.lang = r.text();
    return f;
}

}  // namespace

void write_isolated_report(const FileReport& report, std::ostream& out) {
    out << magic;
    RecordWriter w(out);
    w.text(report.path).text(report.channel).number(report.lines);
    for (const ReportedFinding& f : report.findings) write_finding(w.tag('F'), f);
    for (const SuppressedFinding& s : report.suppressed) write_finding(w.tag('S'), s.finding), w.text(s.reason);
    for (const std::string& warning : report.warnings) w.tag('W').text(warning);
    if (report.format) w.tag('T').number(int(*report.format));
    for (const auto& [group, values] : report.measures)
        for (const auto& [key, value] : values) w.tag('M').text(group).text(key).real(value);
    w.tag('E');
    out.flush();
}

std::optional<FileReport> read_isolated_report(std::istream& in) {
    std::string start(magic.size(), '\0');
    if (!in.read(start.data(), std::streamsize(start.size())) || start != magic) return std::nullopt;
    try {
        RecordReader r(in);
        FileReport report;
        report.path = r.text();
        report.channel = r.text();
        report.lines = small(r, INT32_MAX);
        for (int tag = r.tag(); tag != 'E'; tag = r.tag()) {
            if (tag == 'F') {
                report.findings.push_back(read_finding(r));
            } else if (tag == 'S') {
                ReportedFinding f = read_finding(r);
                report.suppressed.push_back({std::move(f), r.text()});
            } else if (tag == 'W') {
                report.warnings.push_back(r.text());
            } else if (tag == 'M') {
                std::string group = r.text(), key = r.text();
                report.measures[group][key] = r.real();
            } else if (tag == 'T') {
                int format = small(r, int(input_formats().size()) - 1);  // every Format has a row
                report.format = Format(format);
            } else {
                return std::nullopt;
            }
        }
        return report;
    } catch (const RecordReader::Fault&) {
        return std::nullopt;
    }
}

namespace fs = std::filesystem;

// --isolate: the file is checked by a child touchpoint, so a plugin that crashes takes
// down only the child. The child writes its report as records (above).
FileReport Engine::check_isolated(const Input& input) {
    std::vector<std::string> args{"__isolated", input.path.string(), "--jobs", "1", "--min-severity",
                                  std::string(to_string(options_.min_severity)), "--max-file-size",
                                  std::to_string(options_.max_file_size >> 20), "--rule-timeout",
                                  std::to_string(options_.rule_seconds)};
    if (project_) args.insert(args.end(), {"--config", project_->file.string()});
    if (options_.brand) args.insert(args.end(), {"--brand", fs::absolute(*options_.brand).string()});
    if (options_.channel) args.insert(args.end(), {"--channel", *options_.channel});
    if (options_.allow_project_plugins) args.push_back("--allow-project-plugins");
    std::string err;
    std::optional<FileReport> report;
    int code = -1;
    try {
        Poco::Pipe out_pipe, err_pipe;
        std::error_code error;
        fs::path self = fs::read_symlink("/proc/self/exe", error);
        Poco::ProcessHandle child = Poco::Process::launch(self.string(), args, fs::current_path().string(), nullptr,
                                                          &out_pipe, &err_pipe);
        std::thread drain([&] {
            Poco::PipeInputStream stream(err_pipe);
            Poco::StreamCopier::copyToString(stream, err);
        });
        Poco::PipeInputStream stream(out_pipe);
        report = read_isolated_report(stream);
        stream.ignore(std::numeric_limits<std::streamsize>::max());  // what a broken report left
        drain.join();
        code = child.wait();
    } catch (const Poco::Exception& e) {
        err = "touchpoint: error: cannot start a child process for " + input.display + ": " + e.displayText() + "\n";
    }
    // The child's faults go on to standard error; its skip warnings come back in the
    // report, to be printed in path order.
    std::istringstream lines(err);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("touchpoint: warning: skipped ")) continue;
        log_line(line);
    }
    if ((code == 0 || code == 1 || code == 2) && report) {
        if (code == 2) ++rule_faults_;
        return std::move(*report);
    }
    ++rule_faults_;
    if (code == 0) {  // it ended well, but what it wrote is no report (a sanitizer's crash report exits 1)
        log_error("the check of " + input.display + " wrote a report that cannot be read (a plugin writing to standard "
                  "output?); the file was skipped (--isolate)");
        return FileReport::skipped(input.display);
    }
    std::string why = code >= 256 ? "signal " + std::to_string(code - 256) + ", " + strsignal(code - 256)
                      : code > 128 ? "signal " + std::to_string(code - 128) + ", " + strsignal(code - 128)
                                   : "exit code " + std::to_string(code);
    log_error("a plugin crashed on " + input.display + " (" + why + "); the file was skipped (--isolate)");
    return FileReport::skipped(input.display);
}

}  // namespace touchpoint
