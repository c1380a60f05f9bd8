// What the editor asks about a document: diagnostics (pulled), code actions, hovers, and
// the command that adds a word to the brand's accept list.
#include "lsp/session.hpp"

#include "actions/accept_word.hpp"
#include "lsp/findings_view.hpp"

#include <Poco/JSON/Array.h>

namespace touchpoint::lsp {

using Poco::Dynamic::Var;
using Poco::JSON::Array;

Array::Ptr Session::document_diagnostics(const OpenDocument& document) {
    Array::Ptr list = diagnostics(*document.report, {*document.report_engine, encoding_});
    if (document.hidden) {
        Object::Ptr more = new Object;
        more->set("range", json_range({}, {}));
        more->set("severity", 3);
        more->set("code", "touchpoint.more");
        more->set("source", "touchpoint");
        more->set("message", "Touchpoint shows the first " + std::to_string(max_diagnostics) + " findings of this document; " +
                                 std::to_string(document.hidden) + " more are not shown (touchpoint check lists them all).");
        list->add(more);
    }
    return list;
}

Object::Ptr Session::full_report(const OpenDocument& document) {
    Object::Ptr report = new Object;
    report->set("kind", "full");
    if (up_to_date(document)) {
        report->set("resultId", std::to_string(document.report_generation) + ":" + std::to_string(document.report_version));
        report->set("items", document_diagnostics(document));
    } else {
        report->set("items", Array::Ptr(new Array));  // nothing to check it with
    }
    return report;
}

Var Session::pull_diagnostics(const Object::Ptr& params, const Var& id, bool& deferred) {
    std::string uri = string_field(object_field(params, "textDocument"), "uri");
    auto found = documents_.find(uri);
    if (found == documents_.end()) return full_report(OpenDocument{});
    OpenDocument& document = found->second;
    Workspace* workspace = document.workspace;
    if (up_to_date(document)) {
        std::string current = std::to_string(document.report_generation) + ":" + std::to_string(document.report_version);
        if (params->optValue<std::string>("previousResultId", "") != current) return full_report(document);
        Object::Ptr unchanged = new Object;
        unchanged->set("kind", "unchanged");
        unchanged->set("resultId", current);
        return unchanged;
    }
    if (!workspace || (!workspace->engine && !workspace->building)) return full_report(document);
    document.pulls.push_back(id);  // answered when its check ends
    deferred = true;
    if (!document.checking && !document.due) document.due = Clock::now();
    return {};
}

Var Session::code_action(const Object::Ptr& params) {
    OpenDocument& document = this->document(params);
    Object::Ptr range = object_field(params, "range");
    if (!up_to_date(document)) return Array::Ptr(new Array);  // the client asks again when diagnostics come
    std::optional<std::string> brand;
    if (settings_.allow_brand_edits) brand = fs::absolute(document.report_engine->brand().file).lexically_normal().string();
    Array::Ptr all = code_actions(*document.report, document.uri, document.text, position_field(range, "start"),
                                  position_field(range, "end"), {*document.report_engine, encoding_}, brand);
    Object::Ptr context = params->getObject("context");
    Array::Ptr only = context ? context->getArray("only") : nullptr;
    if (!only) return all;
    Array::Ptr wanted = new Array;
    for (const Var& entry : *all) {
        std::string kind = entry.extract<Object::Ptr>()->getValue<std::string>("kind");
        for (const Var& prefix : *only)
            if (prefix.isString() && (kind == prefix.toString() || kind.starts_with(prefix.toString() + "."))) {
                wanted->add(entry);
                break;
            }
    }
    return wanted;
}

Var Session::hover(const Object::Ptr& params) {
    OpenDocument& document = this->document(params);
    if (!up_to_date(document)) return {};
    Object::Ptr result = lsp::hover(*document.report, position_field(params, "position"), {*document.report_engine, encoding_});
    return result ? Var(result) : Var();
}

// touchpoint.acceptWord WORD BRAND: only with the user's allowBrandEdits, and only into
// the brand file of an open workspace (never a path a client or a document names).
Var Session::execute_command(const Object::Ptr& params) {
    std::string command = string_field(params, "command");
    if (command != "touchpoint.acceptWord") throw RequestError(error_code::invalid_params, "no command '" + command + "'");
    if (!settings_.allow_brand_edits)
        throw RequestError(error_code::request_failed, "touchpoint writes the brand file only when the setting 'allowBrandEdits' is true");
    Array::Ptr arguments = params->getArray("arguments");
    if (!arguments || arguments->size() != 2 || !arguments->get(0).isString() || !arguments->get(1).isString())
        throw RequestError(error_code::invalid_params, "touchpoint.acceptWord takes a word and a brand file");
    std::string word = arguments->get(0).toString();
    fs::path brand = fs::path(arguments->get(1).toString()).lexically_normal();
    std::vector<Workspace*> using_it;
    for (auto& [key, workspace] : workspaces_)
        if (workspace->engine && fs::absolute(workspace->engine->brand().file).lexically_normal() == brand)
            using_it.push_back(workspace.get());
    if (using_it.empty()) throw RequestError(error_code::invalid_params, brand.string() + " is the brand file of no open workspace");
    try {
        if (!accept_word(brand.string(), word)) return {};
    } catch (const std::exception& e) {
        throw RequestError(error_code::request_failed, e.what());
    }
    for (Workspace* workspace : using_it) build(*workspace);
    return {};
}

}  // namespace touchpoint::lsp
