#include "isolation.hpp"

#include "engine.hpp"
#include "log.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <cstring>
#include <filesystem>
#include <thread>

#include <sstream>

namespace touchpoint {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr to_json(const ReportedFinding& f) {
    Object::Ptr o = new Object;
    o->set("file", f.file);
    o->set("line", f.begin.line);
    o->set("column", f.begin.column);
    o->set("end_line", f.end.line);
    o->set("end_column", f.end.column);
    o->set("rule", f.rule);
    o->set("severity", std::string(to_string(f.severity)));
    o->set("message", f.message);
    o->set("match", f.match);
    Array::Ptr suggestions = new Array;
    for (const std::string& s : f.suggestions) suggestions->add(s);
    o->set("suggestions", suggestions);
    o->set("channel", f.channel);
    o->set("plugin", f.plugin);
    o->set("begin_utf16", f.begin_utf16);
    o->set("begin_byte", f.begin_byte);
    o->set("end_utf16", f.end_utf16);
    o->set("end_byte", f.end_byte);
    o->set("excerpt", f.excerpt.text);
    o->set("excerpt_column", f.excerpt.first_column);
    o->set("excerpt_cut_before", f.excerpt.cut_before);
    o->set("excerpt_cut_after", f.excerpt.cut_after);
    o->set("context", f.context);
    o->set("source_begin", f.source_begin);
    o->set("source_end", f.source_end);
    o->set("exact", f.exact);
    o->set("whole_document", f.whole_document);
    o->set("fixable", f.fixable);
    o->set("from_pack", f.from_pack);
    o->set("claim", int(f.claim));
    Array::Ptr also = new Array;
    for (const std::string& rule : f.also) also->add(rule);
    o->set("also", also);
    return o;
}

ReportedFinding from_json(const Object::Ptr& o) {
    ReportedFinding f;
    f.file = o->getValue<std::string>("file");
    f.begin = {o->getValue<int>("line"), o->getValue<int>("column")};
    f.end = {o->getValue<int>("end_line"), o->getValue<int>("end_column")};
    f.rule = o->getValue<std::string>("rule");
    f.severity = parse_severity(o->getValue<std::string>("severity")).value_or(Severity::warning);
    f.message = o->getValue<std::string>("message");
    f.match = o->getValue<std::string>("match");
    Array::Ptr suggestions = o->getArray("suggestions");
    for (size_t i = 0; suggestions && i < suggestions->size(); ++i) f.suggestions.push_back(suggestions->getElement<std::string>(unsigned(i)));
    f.channel = o->getValue<std::string>("channel");
    f.plugin = o->getValue<std::string>("plugin");
    f.begin_utf16 = o->getValue<int>("begin_utf16");
    f.begin_byte = o->getValue<int>("begin_byte");
    f.end_utf16 = o->getValue<int>("end_utf16");
    f.end_byte = o->getValue<int>("end_byte");
    f.excerpt = {o->getValue<std::string>("excerpt"), o->getValue<int>("excerpt_column"),
                 o->getValue<bool>("excerpt_cut_before"), o->getValue<bool>("excerpt_cut_after")};
    f.context = o->getValue<std::string>("context");
    f.source_begin = o->getValue<uint32_t>("source_begin");
    f.source_end = o->getValue<uint32_t>("source_end");
    f.exact = o->getValue<bool>("exact");
    f.whole_document = o->getValue<bool>("whole_document");
    f.fixable = o->getValue<bool>("fixable");
    f.from_pack = o->getValue<bool>("from_pack");
    f.claim = Claim(o->getValue<int>("claim"));
    Array::Ptr also = o->getArray("also");
    for (size_t i = 0; also && i < also->size(); ++i) f.also.push_back(also->getElement<std::string>(unsigned(i)));
    return f;
}

}  // namespace

std::string serialize_isolated_report(const FileReport& report) {
    Object root;
    root.set("path", report.path);
    root.set("channel", report.channel);
    root.set("lines", report.lines);
    Array::Ptr findings = new Array, suppressed = new Array, warnings = new Array;
    for (const ReportedFinding& f : report.findings) findings->add(to_json(f));
    for (const SuppressedFinding& s : report.suppressed) {
        Object::Ptr o = to_json(s.finding);
        o->set("reason", s.reason);
        suppressed->add(o);
    }
    for (const std::string& w : report.warnings) warnings->add(w);
    root.set("findings", findings);
    root.set("suppressed", suppressed);
    root.set("warnings", warnings);
    Object::Ptr measures = new Object;
    for (const auto& [group, values] : report.measures) {
        Object::Ptr g = new Object;
        for (const auto& [key, value] : values) g->set(key, value);
        measures->set(group, g);
    }
    root.set("measures", measures);
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

std::optional<FileReport> parse_isolated_report(const std::string& json) {
    if (json.empty()) return std::nullopt;
    try {
        Poco::JSON::Parser parser;
        Object::Ptr root = parser.parse(json).extract<Object::Ptr>();
        FileReport report;
        report.path = root->getValue<std::string>("path");
        report.channel = root->getValue<std::string>("channel");
        report.lines = root->getValue<int>("lines");
        Array::Ptr findings = root->getArray("findings");
        for (size_t i = 0; i < findings->size(); ++i) report.findings.push_back(from_json(findings->getObject(unsigned(i))));
        Array::Ptr suppressed = root->getArray("suppressed");
        for (size_t i = 0; i < suppressed->size(); ++i) {
            Object::Ptr o = suppressed->getObject(unsigned(i));
            report.suppressed.push_back({from_json(o), o->getValue<std::string>("reason")});
        }
        Array::Ptr warnings = root->getArray("warnings");
        for (size_t i = 0; i < warnings->size(); ++i) report.warnings.push_back(warnings->getElement<std::string>(unsigned(i)));
        Object::Ptr measures = root->getObject("measures");
        for (const auto& [group, values] : *measures)
            for (const auto& [key, value] : *values.extract<Object::Ptr>()) report.measures[group][key] = value.convert<double>();
        return report;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

namespace fs = std::filesystem;

// --isolate: the file is checked by a child touchpoint, so a plugin that crashes takes
// down only the child. The child writes its report as JSON (isolation.cpp).
FileReport Engine::check_isolated(const Input& input) {
    std::vector<std::string> args{"__isolated", input.path.string(), "--jobs", "1", "--min-severity",
                                  std::string(to_string(options_.min_severity)), "--max-file-size",
                                  std::to_string(options_.max_file_size >> 20), "--rule-timeout",
                                  std::to_string(options_.rule_seconds)};
    if (project_) args.insert(args.end(), {"--config", project_->file.string()});
    if (options_.brand) args.insert(args.end(), {"--brand", fs::absolute(*options_.brand).string()});
    if (options_.channel) args.insert(args.end(), {"--channel", *options_.channel});
    if (options_.allow_project_plugins) args.push_back("--allow-project-plugins");
    std::string out, err;
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
        Poco::StreamCopier::copyToString(stream, out);
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
    if (code == 0 || code == 1 || code == 2) {
        if (auto report = parse_isolated_report(out)) {
            if (code == 2) ++rule_faults_;
            return std::move(*report);
        }
    }
    ++rule_faults_;
    std::string why = code >= 256 ? "signal " + std::to_string(code - 256) + ", " + strsignal(code - 256)
                      : code > 128 ? "signal " + std::to_string(code - 128) + ", " + strsignal(code - 128)
                                   : "exit code " + std::to_string(code);
    log_error("a plugin crashed on " + input.display + " (" + why + "); the file was skipped (--isolate)");
    return {input.display, "", {}, {}, {}, {}};
}

}  // namespace touchpoint
