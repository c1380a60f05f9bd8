// Open documents, the workspaces that check them, and the checks themselves.
#include "lsp/session.hpp"

#include "lsp/findings_view.hpp"
#include "config/project.hpp"

#include <Poco/JSON/Array.h>

#include <fstream>
#include <iostream>
#include <malloc.h>
#include <iterator>
#include <thread>

namespace touchpoint::lsp {

using Poco::JSON::Array;

namespace {

int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    return text;
}

bool within(const fs::path& path, const fs::path& folder) {
    fs::path relative = path.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != "..";
}

// The name a document is checked under: relative to its project folder, for the
// project's channel globs; its file name when it lies outside that folder.
std::string checked_name(const OpenDocument& document) {
    if (document.path.empty()) {
        std::string tail = document.uri.substr(document.uri.find_last_of("/:") + 1);
        return tail.empty() ? "untitled.md" : tail;
    }
    if (!document.workspace || !within(document.path, document.workspace->dir)) return document.path.filename().string();
    return document.path.lexically_relative(document.workspace->dir).generic_string();
}

bool same_as_on_disk(const OpenDocument& document) {
    if (document.path.empty()) return false;
    std::ifstream in(document.path, std::ios::binary);
    if (!in) return false;
    std::string disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return disk == document.text;
}

}  // namespace

OpenDocument& Session::document(const Object::Ptr& params) {
    std::string uri = string_field(object_field(params, "textDocument"), "uri");
    auto found = documents_.find(uri);
    if (found == documents_.end()) throw RequestError(error_code::invalid_params, "the document " + uri + " is not open");
    return found->second;
}

void Session::open(const Object::Ptr& params) {
    Object::Ptr item = object_field(params, "textDocument");
    std::string uri = string_field(item, "uri");
    OpenDocument& document = documents_[uri];
    document.uri = uri;
    document.text = string_field(item, "text");
    document.version = item->optValue<int>("version", 0);
    document.path = uri_path(uri).value_or(fs::path());
    fs::path where = document.path.empty() ? (roots_.empty() ? fs::current_path() : roots_.front()) / "untitled" : document.path;
    document.workspace = workspace_for(where);
    document.due = Clock::now();
    // Corpus-wide rules observed the file as it is on disk: a buffer that differs (or a
    // new file) is observed again, with the other open buffers.
    Workspace* workspace = document.workspace;
    if (workspace && (!workspace->engine || workspace->engine->has_corpus_checks()) && !same_as_on_disk(document))
        build(*workspace);
}

void Session::change(const Object::Ptr& params) {
    OpenDocument& document = this->document(params);
    Object::Ptr item = object_field(params, "textDocument");
    Array::Ptr changes = params->getArray("contentChanges");
    if (!changes) throw RequestError(error_code::invalid_params, "'contentChanges' must be an array");
    int version = document.version + 1;
    if (item->has("version")) {
        if (!item->get("version").isInteger()) throw RequestError(error_code::invalid_params, "'textDocument.version' must be an integer");
        version = item->getValue<int>("version");
    }
    // Every change read before any is applied: a bad one leaves the text as it was.
    struct Edit {
        std::optional<std::pair<Position, Position>> range;  // none: the whole text
        std::string text;
    };
    std::vector<Edit> edits;
    for (const Poco::Dynamic::Var& entry : *changes) {
        if (entry.type() != typeid(Object::Ptr)) throw RequestError(error_code::invalid_params, "a content change must be an object");
        Object::Ptr change = entry.extract<Object::Ptr>();
        Edit edit{std::nullopt, string_field(change, "text")};
        if (change->has("range")) {
            Object::Ptr range = object_field(change, "range");
            edit.range = {position_field(range, "start"), position_field(range, "end")};
        }
        edits.push_back(std::move(edit));
    }
    for (Edit& edit : edits) {
        if (edit.range) replace_range(document.text, edit.range->first, edit.range->second, edit.text, encoding_);
        else document.text = std::move(edit.text);
    }
    document.version = version;
    document.due = Clock::now() + std::chrono::milliseconds(settings_.debounce_ms);
}

void Session::save(const Object::Ptr& params) {
    OpenDocument& document = this->document(params);
    bool configuration = false;
    for (auto& [key, workspace] : workspaces_)
        if (workspace->own_files.count(document.path)) {
            build(*workspace);
            configuration = true;
        }
    // The saved text is what the other documents' corpus-wide rules now observe.
    if (!configuration && document.workspace && document.workspace->engine && document.workspace->engine->has_corpus_checks())
        build(*document.workspace);
}

void Session::close(const Object::Ptr& params) {
    std::string uri = string_field(object_field(params, "textDocument"), "uri");
    auto found = documents_.find(uri);
    if (found == documents_.end()) return;
    documents_.erase(found);
    if (pull_mode_) return;
    Object::Ptr clear = new Object;
    clear->set("uri", uri);
    clear->set("diagnostics", Array::Ptr(new Array));
    notify("textDocument/publishDiagnostics", clear);
}

void Session::watched_files_changed(const Object::Ptr& params) {
    Array::Ptr changes = params ? params->getArray("changes") : nullptr;
    if (!changes) throw RequestError(error_code::invalid_params, "'changes' must be an array");
    std::set<Workspace*> stale;
    bool new_project = false;
    for (const Poco::Dynamic::Var& entry : *changes) {
        if (entry.type() != typeid(Object::Ptr)) continue;
        std::optional<fs::path> path = uri_path(entry.extract<Object::Ptr>()->optValue<std::string>("uri", ""));
        if (!path) continue;
        new_project |= path->filename() == "touchpoint.xml";
        for (auto& [key, workspace] : workspaces_) {
            bool observed = within(*path, workspace->dir) && workspace->engine && workspace->engine->has_corpus_checks();
            if (workspace->own_files.count(*path) || observed)
                stale.insert(workspace.get());
        }
    }
    for (Workspace* workspace : stale) build(*workspace);
    if (!new_project) return;
    for (auto& [uri, document] : documents_)  // a new touchpoint.xml may now cover them
        if (!document.workspace && !document.path.empty()) {
            document.workspace = workspace_for(document.path);
            document.due = Clock::now();
        }
}

Workspace* Session::workspace_for(const fs::path& path) {
    fs::path key;
    bool is_project = true;
    if (settings_.config) key = fs::absolute(*settings_.config);
    else if (auto found = find_project(path.parent_path())) key = fs::absolute(*found);
    else if (settings_.brand) key = fs::absolute(*settings_.brand), is_project = false;
    if (key.empty()) {
        if (!told_no_project_)  // once a session, not once a document
            show_message(2, "touchpoint: no touchpoint.xml in " + path.parent_path().string() +
                                " or above it, so Touchpoint has no brand to check it against (nor other documents outside a "
                                "project). Create one with 'touchpoint init', or set 'config' or 'brand' in the editor's settings "
                                "for touchpoint lsp.");
        told_no_project_ = true;
        return nullptr;
    }
    key = key.lexically_normal();
    std::unique_ptr<Workspace>& workspace = workspaces_[key];
    if (!workspace) {
        workspace = std::make_unique<Workspace>();
        workspace->key = key;
        workspace->is_project = is_project;
        workspace->dir = is_project ? key.parent_path() : path.parent_path();
        workspace->own_files = {key};
        build(*workspace);
    }
    return workspace.get();
}

// Engines are built on a thread of their own: plugins, brand, packs, and the corpus-wide
// rules' observations of the whole project (open documents as the editor holds them).
void Session::build(Workspace& workspace) {
    if (workspace.building) {
        workspace.build_again = true;
        return;
    }
    workspace.building = true;
    CheckOptions options;
    (workspace.is_project ? options.config : options.brand) = workspace.key.string();
    options.paths = {workspace.dir.string()};
    options.channel = settings_.channel;
    options.min_severity = settings_.min_severity;
    options.rule_seconds = settings_.rule_seconds;
    options.allow_project_plugins = options_.allow_project_plugins;
    options.jobs = options_.jobs;
    std::map<fs::path, std::string> open;
    for (const auto& [uri, document] : documents_)
        if (document.workspace == &workspace && !document.path.empty()) open[document.path] = document.text;
    std::thread([events = events_, key = workspace.key, options, open = std::move(open)] {
        Event event(Event::Kind::built);
        event.workspace = key;
        try {
            auto engine = std::make_shared<Engine>(options);
            engine->observe_inputs(open);
            event.engine = std::move(engine);
        } catch (const std::exception& e) {
            event.error = e.what();
        }
        events->push(std::move(event));
    }).detach();
}

void Session::built(Event& event) {
    auto found = workspaces_.find(event.workspace);
    if (found == workspaces_.end()) return;
    Workspace& workspace = *found->second;
    workspace.building = false;
    if (event.engine) {
        workspace.engine = std::move(event.engine);
        ++workspace.generation;
        workspace.fault.clear();
        for (const std::string& label : given_up_) workspace.engine->give_up(label);
        workspace.own_files = {workspace.key, fs::absolute(workspace.engine->brand().file).lexically_normal()};
        if (const std::optional<Project>& project = workspace.engine->project())
            for (const fs::path& file : project->own_files()) workspace.own_files.insert(fs::absolute(file).lexically_normal());
        recheck(workspace);
        if (pull_mode_ && refresh_support_) request("workspace/diagnostic/refresh", nullptr);
    } else {
        workspace.fault = event.error;
        show_message_once(1, "touchpoint: " + event.error + (workspace.engine ? " (checking with the configuration as it was)" : ""));
        if (!workspace.engine)
            for (auto& [uri, document] : documents_)
                if (document.workspace == &workspace) answer_pulls(document);
    }
    if (workspace.build_again) {
        workspace.build_again = false;
        build(workspace);
    }
}

void Session::recheck(Workspace& workspace) {
    for (auto& [uri, document] : documents_)
        if (document.workspace == &workspace) document.due = Clock::now();
}

void Session::reassign_workspaces() {
    for (auto& [uri, document] : documents_) {
        fs::path where = document.path.empty() ? (roots_.empty() ? fs::current_path() : roots_.front()) / "untitled" : document.path;
        document.workspace = workspace_for(where);
        document.due = Clock::now();
    }
}

void Session::rebuild_all() {
    for (auto& [key, workspace] : workspaces_) build(*workspace);
}

void Session::check_due() {
    Clock::time_point now = Clock::now();
    for (auto& [uri, document] : documents_) {
        if (!document.due || *document.due > now || document.checking) continue;
        if (!document.workspace) {
            document.due.reset();
            answer_pulls(document);
        } else if (document.workspace->engine) {
            start_check(document);
        }
    }
}

void Session::start_check(OpenDocument& document) {
    if (!checks_.can_work()) {
        show_message_once(1, "touchpoint: every check worker is stuck in a rule that was given up; restart the server");
        document.due.reset();
        return;
    }
    RunningCheck running{next_check_++, nullptr, std::make_shared<Engine::Watch>(), document.workspace->engine};
    Event done(Event::Kind::checked);
    done.uri = document.uri;
    done.version = document.version;
    done.generation = document.workspace->generation;
    done.sequence = running.sequence;
    running.ticket = checks_.try_push([events = events_, done, engine = running.engine, watch = running.watch,
                                       text = document.text, name = checked_name(document)]() mutable {
        try {
            FileReport report = engine->check_text(text, name, std::nullopt, {}, watch.get());
            report.suppressed.clear();  // no editor shows them
            if (report.findings.size() > max_diagnostics) {
                done.hidden = report.findings.size() - max_diagnostics;
                report.findings.resize(max_diagnostics);
                report.findings.shrink_to_fit();
            }
            done.report = std::make_shared<const FileReport>(std::move(report));
            if (done.hidden) malloc_trim(0);  // the findings' memory back to the system, not kept for the next check
        } catch (const std::exception& e) {
            done.error = e.what();
        }
        events->push(std::move(done));
    });
    if (!running.ticket) {  // the queue is full: soon
        document.due = Clock::now() + std::chrono::milliseconds(50);
        return;
    }
    document.checking = true;
    document.due.reset();
    running_[document.uri] = std::move(running);
}

void Session::checked(Event& event) {
    auto running = running_.find(event.uri);
    if (running == running_.end() || running->second.sequence != event.sequence) return;  // given up
    std::shared_ptr<Engine> engine = running->second.engine;
    running_.erase(running);
    auto found = documents_.find(event.uri);
    if (found == documents_.end()) return;
    OpenDocument& document = found->second;
    document.checking = false;
    if (!event.error.empty()) {
        show_message_once(1, "touchpoint: checking " + checked_name(document) + " failed: " + event.error);
        return;
    }
    for (const std::string& warning : event.report->warnings) show_message_once(2, "touchpoint: " + warning);
    if (!document.workspace || event.generation != document.workspace->generation || event.version != document.version) {
        if (!document.due) document.due = Clock::now();
        return;
    }
    document.report = std::move(event.report);
    document.report_engine = std::move(engine);
    document.report_version = event.version;
    document.hidden = event.hidden;
    document.report_generation = event.generation;
    publish(document);
}

// The watchdog: a rule over the time limit is given up for the session, once, and the
// document checked again without it.
void Session::watch_checks() {
    int64_t limit = int64_t(settings_.rule_seconds * 1e9);
    for (auto it = running_.begin(); it != running_.end();) {
        RunningCheck& running = it->second;
        int64_t since = running.watch->since;
        if (since == 0 || now_ns() - since < limit) {
            ++it;
            continue;
        }
        std::string label = running.engine->give_up(*running.watch);
        checks_.give_up(running.ticket);
        auto document = documents_.find(it->first);
        std::string name = document == documents_.end() ? it->first : checked_name(document->second);
        if (given_up_.insert(label).second)
            show_message(2, "touchpoint: " + label + " ran over the time limit of " + seconds_text(settings_.rule_seconds) +
                                " s on " + name + "; it is given up until the server restarts (setting 'ruleTimeout')");
        for (auto& [key, workspace] : workspaces_)
            if (workspace->engine) workspace->engine->give_up(label);
        if (document != documents_.end()) {
            document->second.checking = false;
            document->second.due = Clock::now();
        }
        it = running_.erase(it);
    }
}

bool Session::up_to_date(const OpenDocument& document) const {
    return document.report && document.workspace && document.report_version == document.version &&
           document.report_generation == document.workspace->generation;
}

void Session::publish(OpenDocument& document) {
    if (pull_mode_) return answer_pulls(document);
    Object::Ptr params = new Object;
    params->set("uri", document.uri);
    if (version_support_) params->set("version", document.version);
    params->set("diagnostics", document_diagnostics(document));
    notify("textDocument/publishDiagnostics", params);
}

void Session::answer_pulls(OpenDocument& document) {
    for (const Poco::Dynamic::Var& id : document.pulls) reply(id, full_report(document));
    document.pulls.clear();
}

Clock::time_point Session::next_wake() const {
    Clock::time_point wake = Clock::now() + (running_.empty() ? std::chrono::hours(1) : std::chrono::hours(0));
    if (!running_.empty()) wake += std::chrono::milliseconds(50);
    for (const auto& [uri, document] : documents_)
        if (document.due && !document.checking && document.workspace && document.workspace->engine) wake = std::min(wake, *document.due);
    return wake;
}

}  // namespace touchpoint::lsp
