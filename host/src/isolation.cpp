#include "isolation.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

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

}  // namespace touchpoint
