#include "lsp/findings_view.hpp"

#include "actions/fix.hpp"
#include "engine/plugin_host.hpp"

#include <Poco/URI.h>

#include <algorithm>
#include <system_error>

namespace touchpoint::lsp {

namespace fs = std::filesystem;

std::string file_uri(const fs::path& path) {
    Poco::URI uri;
    uri.setScheme("file");
    uri.setPath(path.generic_string());
    return uri.toString();
}

std::optional<fs::path> uri_path(const std::string& uri) {
    try {
        Poco::URI parsed(uri);
        if (parsed.getScheme() != "file" || parsed.getPath().empty()) return std::nullopt;
        return fs::path(parsed.getPath()).lexically_normal();
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

Object::Ptr json_position(Position position) {
    Object::Ptr json = new Object;
    json->set("line", position.line);
    json->set("character", position.character);
    return json;
}

Object::Ptr json_range(Position begin, Position end) {
    Object::Ptr json = new Object;
    json->set("start", json_position(begin));
    json->set("end", json_position(end));
    return json;
}

namespace {

// Columns are 1-based; the end columns stand just past the match (findings.hpp).
std::pair<Position, Position> positions(const ReportedFinding& f, Encoding encoding) {
    if (f.whole_document) return {{}, {}};
    auto line = [](int l) { return size_t(std::max(1, l) - 1); };
    auto column = [](int c) { return size_t(std::max(1, c) - 1); };
    switch (encoding) {
        case Encoding::utf8: return {{line(f.begin.line), column(f.begin_byte)}, {line(f.end.line), column(f.end_byte)}};
        case Encoding::utf16: return {{line(f.begin.line), column(f.begin_utf16)}, {line(f.end.line), column(f.end_utf16)}};
        case Encoding::utf32: break;
    }
    return {{line(f.begin.line), column(f.begin.column)}, {line(f.end.line), size_t(std::max(1, f.end.column))}};
}

bool before(Position a, Position b) { return a.line < b.line || (a.line == b.line && a.character < b.character); }

// Where a rule is documented: its pack file for a pack rule, else the plugin's page.
std::optional<std::string> rule_doc(const ReportedFinding& f, const Engine& engine) {
    if (f.from_pack) {
        if (auto source = engine.pack_rule_source(f.rule)) return file_uri(fs::absolute(source->first));
        return std::nullopt;
    }
    fs::path page = installed_docs_folder() / "rules" / (f.plugin + ".md");
    std::error_code error;
    if (!fs::is_regular_file(page, error)) return std::nullopt;
    return file_uri(page);
}

int severity_code(Severity severity) {
    return severity == Severity::error ? 1 : severity == Severity::warning ? 2 : 3;
}

std::string quoted_list(const std::vector<std::string>& words) {
    std::string list;
    for (const std::string& word : words) list += (list.empty() ? "'" : ", '") + word + "'";
    return list;
}

bool plugin_claims(const Engine& engine, const std::string& plugin, const std::string& element) {
    for (const LoadedPlugin& loaded : engine.plugins().plugins())
        if (loaded.name == plugin) {
            std::vector<std::string> claimed = loaded.plugin->brand_elements();
            return std::find(claimed.begin(), claimed.end(), element) != claimed.end();
        }
    return false;
}

Object::Ptr text_edit(Object::Ptr range, const std::string& text) {
    Object::Ptr edit = new Object;
    edit->set("range", range);
    edit->set("newText", text);
    return edit;
}

Object::Ptr workspace_edit(const std::string& uri, Array::Ptr edits) {
    Object::Ptr changes = new Object;
    changes->set(uri, edits);
    Object::Ptr edit = new Object;
    edit->set("changes", changes);
    return edit;
}

Object::Ptr action(const std::string& title, const std::string& kind) {
    Object::Ptr json = new Object;
    json->set("title", title);
    json->set("kind", kind);
    return json;
}

}  // namespace

Object::Ptr finding_range(const ReportedFinding& finding, Encoding encoding) {
    auto [begin, end] = positions(finding, encoding);
    return json_range(begin, end);
}

bool range_contains(const ReportedFinding& finding, Position position, Encoding encoding) {
    auto [begin, end] = positions(finding, encoding);
    return !finding.whole_document && !before(position, begin) && (before(position, end) || (begin.line == end.line &&
                                                                                              begin.character == end.character));
}

bool ranges_overlap(const ReportedFinding& finding, Position begin, Position end, Encoding encoding) {
    auto [from, to] = positions(finding, encoding);
    return !before(end, from) && !before(to, begin);
}

Object::Ptr diagnostic(const ReportedFinding& f, const ViewContext& context) {
    Object::Ptr json = new Object;
    json->set("range", finding_range(f, context.encoding));
    json->set("severity", severity_code(f.severity));
    json->set("code", f.rule);
    if (auto doc = rule_doc(f, context.engine)) {
        Object::Ptr link = new Object;
        link->set("href", *doc);
        json->set("codeDescription", link);
    }
    json->set("source", "touchpoint");
    std::string message = f.message;
    if (!f.context.empty()) message += " (" + f.context + ")";
    if (!f.suggestions.empty())
        message += "\n" + std::string(f.suggestions.size() == 1 ? "Suggestion: " : "Suggestions: ") + quoted_list(f.suggestions);
    json->set("message", message);
    return json;
}

Array::Ptr diagnostics(const FileReport& report, const ViewContext& context) {
    Array::Ptr list = new Array;
    for (const ReportedFinding& f : report.findings) list->add(diagnostic(f, context));
    return list;
}

Array::Ptr code_actions(const FileReport& report, const std::string& uri, const std::string& text, Position begin,
                        Position end, const ViewContext& context, const std::optional<std::string>& accept_brand) {
    Array::Ptr actions = new Array;
    for (const ReportedFinding& f : report.findings) {
        if (!ranges_overlap(f, begin, end, context.encoding)) continue;
        bool replaceable = f.exact && f.fixable && !f.whole_document;
        for (const std::string& suggestion : f.suggestions) {
            if (!replaceable || suggestion == f.match) continue;
            Object::Ptr fix = action("Replace '" + f.match + "' with '" + suggestion + "'", "quickfix");
            Array::Ptr edits = new Array;
            edits->add(text_edit(finding_range(f, context.encoding), suggestion));
            fix->set("edit", workspace_edit(uri, edits));
            Array::Ptr about = new Array;
            about->add(diagnostic(f, context));
            fix->set("diagnostics", about);
            if (f.suggestions.size() == 1) fix->set("isPreferred", true);
            actions->add(fix);
        }
        if (accept_brand && !f.whole_document && plugin_claims(context.engine, f.plugin, "accept")) {
            Object::Ptr accept = action("Add '" + f.match + "' to the brand's accept list", "quickfix");
            Object::Ptr command = new Object;
            command->set("title", "Accept '" + f.match + "' in " + fs::path(*accept_brand).filename().string());
            command->set("command", "touchpoint.acceptWord");
            Array::Ptr arguments = new Array;
            arguments->add(f.match);
            arguments->add(*accept_brand);
            command->set("arguments", arguments);
            accept->set("command", command);
            actions->add(accept);
        }
    }
    std::optional<PlannedFix> all = plan_fix_text(report, text);
    if (all) {
        Object::Ptr fix_all = action("Apply all Touchpoint fixes in this file (" + std::to_string(all->fixes) + ")",
                                     "source.fixAll.touchpoint");
        Array::Ptr edits = new Array;
        for (const Replacement& r : all->replacements)
            edits->add(text_edit(json_range(position_of(text, r.begin, context.encoding), position_of(text, r.end, context.encoding)),
                                 r.text));
        fix_all->set("edit", workspace_edit(uri, edits));
        actions->add(fix_all);
    }
    return actions;
}

Object::Ptr hover(const FileReport& report, Position position, const ViewContext& context) {
    std::string text;
    const ReportedFinding* first = nullptr;
    for (const ReportedFinding& f : report.findings) {
        if (!range_contains(f, position, context.encoding)) continue;
        if (!first) first = &f;
        text += "**" + f.rule + "** (" + std::string(to_string(f.severity)) + ")\n\n" + f.message + "\n\n";
        if (!f.suggestions.empty()) text += "Suggestion: " + quoted_list(f.suggestions) + "\n\n";
        if (f.from_pack)
            if (auto source = context.engine.pack_rule_source(f.rule)) {
                text += "Pack rule of `" + fs::path(source->first).filename().string() + "`";
                text += source->second.empty() ? ".\n\n" : ". Source: " + source->second + "\n\n";
            }
    }
    if (!first) return nullptr;
    const Brand& brand = context.engine.brand();
    text += "---\n\n";
    if (!brand.promise.empty()) text += "**Promise of " + brand.name + "**: " + brand.promise + "\n\n";
    for (const MeasureInfo& measure : context.engine.measures()) {
        auto values = report.measures.find(measure.group);
        if (values == report.measures.end()) continue;
        std::string row;
        for (const auto& [key, label] : measure.keys) {
            auto value = values->second.find(key);
            if (value == values->second.end()) continue;
            char number[32];
            std::snprintf(number, sizeof number, "%g", value->second);
            row += (row.empty() ? "" : " · ") + label + " " + number;
        }
        if (!row.empty()) text += "**" + measure.label + "** in this document: " + row + "\n\n";
    }
    Object::Ptr contents = new Object;
    contents->set("kind", "markdown");
    contents->set("value", text);
    Object::Ptr json = new Object;
    json->set("contents", contents);
    json->set("range", finding_range(*first, context.encoding));
    return json;
}

}  // namespace touchpoint::lsp
