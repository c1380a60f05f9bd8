#include "lsp/server.hpp"

#include "lsp/findings_view.hpp"
#include "lsp/session.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

namespace touchpoint::lsp {

using Poco::JSON::Array;
using Poco::Dynamic::Var;

void EventQueue::push(Event event) {
    {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
    }
    ready_.notify_one();
}

void EventQueue::push_message(Event event) {
    {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [&] { return message_bytes_ < max_message_bytes; });
        message_bytes_ += event.body.size();
        events_.push_back(std::move(event));
    }
    ready_.notify_one();
}

std::optional<Event> EventQueue::pop(Clock::time_point until) {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_until(lock, until, [&] { return !events_.empty(); })) return std::nullopt;
    Event event = std::move(events_.front());
    events_.pop_front();
    if (event.kind == Event::Kind::message) {
        message_bytes_ -= event.body.size();
        room_.notify_one();
    }
    return event;
}

Object::Ptr object_field(const Object::Ptr& json, const std::string& key) {
    Object::Ptr value = json ? json->getObject(key) : nullptr;
    if (!value) throw RequestError(error_code::invalid_params, "'" + key + "' must be an object");
    return value;
}

std::string string_field(const Object::Ptr& json, const std::string& key) {
    if (!json || !json->has(key) || !json->get(key).isString())
        throw RequestError(error_code::invalid_params, "'" + key + "' must be a string");
    return json->getValue<std::string>(key);
}

Position position_field(const Object::Ptr& json, const std::string& key) {
    Object::Ptr position = object_field(json, key);
    auto count = [&](const char* name) {
        if (!position->has(name) || !position->get(name).isInteger() || position->getValue<int64_t>(name) < 0)
            throw RequestError(error_code::invalid_params, "'" + key + "." + name + "' must be a number of 0 or more");
        return size_t(position->getValue<int64_t>(name));
    };
    return {count("line"), count("character")};
}

Session::Session(std::ostream& out, const LspOptions& options, std::string version)
    : writer_(out), options_(options), version_(std::move(version)),
      checks_(job_count(options.jobs), 64, 4 * job_count(options.jobs)) {
    if (const char* log = std::getenv("TOUCHPOINT_LSP_LOG")) {
        trace_ = std::make_unique<std::ofstream>(log, std::ios::app);
        writer_.trace(trace_.get());
    }
}

int Session::run(std::istream& in) {
    std::thread reader([&in, events = events_] {
        std::string fault;
        while (std::optional<std::string> body = read_frame(in, fault)) {
            Event event;
            event.body = std::move(*body);
            event.fault = fault;
            events->push_message(std::move(event));
        }
        events->push(Event(Event::Kind::end));
    });
    reader.detach();  // it may be blocked in a read when the client exits
    while (!exited_ && !writer_.broken()) {
        std::optional<Event> event = events_->pop(next_wake());
        if (event) {
            if (event->kind == Event::Kind::end) return shut_down_ ? 0 : 1;
            handle(*event);
        }
        watch_checks();
        check_due();
    }
    return shut_down_ ? 0 : 1;
}

void Session::handle(Event& event) {
    switch (event.kind) {
        case Event::Kind::message: return handle_message(event.body, event.fault);
        case Event::Kind::checked: return checked(event);
        case Event::Kind::built: return built(event);
        case Event::Kind::end: return;
    }
}

void Session::handle_message(const std::string& body, const std::string& fault) {
    writer_.received(body);
    if (!fault.empty()) return reply_error(Var(), error_code::parse_error, fault);
    Object::Ptr message;
    try {
        Poco::JSON::Parser parser;
        bool escapes = body.find("\\u") != std::string::npos || body.find("\\U") != std::string::npos;
        message = parser.parse(escapes ? replace_lone_surrogates(body) : body).extract<Object::Ptr>();
    } catch (const Poco::BadCastException&) {
        return reply_error(Var(), error_code::invalid_request, "the message is not a JSON object");
    } catch (const Poco::Exception& e) {
        return reply_error(Var(), error_code::parse_error, "the message is not JSON: " + e.displayText());
    }
    if (!message) return reply_error(Var(), error_code::invalid_request, "the message is not a JSON object");
    std::optional<Var> id;
    if (message->has("id")) id = message->get("id");
    if (!message->has("method")) return;  // the client's answer to a request of ours
    if (!message->get("method").isString()) return reply_error(id.value_or(Var()), error_code::invalid_request, "'method' must be a string");
    std::string method = message->getValue<std::string>("method");
    Object::Ptr params = message->has("params") ? message->getObject("params") : nullptr;
    try {
        dispatch(method, params, id ? &*id : nullptr);
    } catch (const RequestError& e) {
        if (id) reply_error(*id, e.code, e.what());
        else std::cerr << "touchpoint lsp: " << method << ": " << e.what() << "\n";
    } catch (const std::exception& e) {
        if (id) reply_error(*id, error_code::internal_error, e.what());
        else std::cerr << "touchpoint lsp: " << method << ": " << e.what() << "\n";
    }
}

void Session::dispatch(const std::string& method, const Object::Ptr& params, const Var* id) {
    if (method == "exit") {
        exited_ = true;
        return;
    }
    if (!initialized_ && method != "initialize") {
        if (id) throw RequestError(error_code::server_not_initialized, "the server is not initialized yet");
        return;
    }
    if (shut_down_ && id) throw RequestError(error_code::invalid_request, "the server is shut down");
    if (id) {
        bool deferred = false;
        Var result;
        if (method == "initialize") result = initialize(params);
        else if (method == "shutdown") shut_down_ = true;
        else if (method == "textDocument/diagnostic") result = pull_diagnostics(params, *id, deferred);
        else if (method == "textDocument/codeAction") result = code_action(params);
        else if (method == "textDocument/hover") result = hover(params);
        else if (method == "workspace/executeCommand") result = execute_command(params);
        else throw RequestError(error_code::method_not_found, "touchpoint lsp does not answer '" + method + "'");
        if (!deferred) reply(*id, result);
        return;
    }
    if (method == "initialized") initialized();
    else if (method == "textDocument/didOpen") open(params);
    else if (method == "textDocument/didChange") change(params);
    else if (method == "textDocument/didSave") save(params);
    else if (method == "textDocument/didClose") close(params);
    else if (method == "workspace/didChangeWatchedFiles") watched_files_changed(params);
    else if (method == "workspace/didChangeConfiguration") change_configuration(params);
    // Other notifications ($/cancelRequest, $/setTrace...) need nothing: answers come at once.
}

Var Session::initialize(const Object::Ptr& params) {
    if (initialized_) throw RequestError(error_code::invalid_request, "the server is already initialized");
    initialized_ = true;
    Object::Ptr capabilities = params ? params->getObject("capabilities") : nullptr;
    auto part = [](const Object::Ptr& json, const std::string& key) { return json ? json->getObject(key) : nullptr; };
    Object::Ptr general = part(capabilities, "general"), text = part(capabilities, "textDocument");
    Object::Ptr workspace = part(capabilities, "workspace");
    if (general && general->getArray("positionEncodings")) {
        std::set<std::string> offered;
        for (const Var& name : *general->getArray("positionEncodings"))
            if (name.isString()) offered.insert(name.toString());
        encoding_ = offered.count("utf-8") ? Encoding::utf8 : offered.count("utf-32") ? Encoding::utf32 : Encoding::utf16;
    }
    pull_mode_ = part(text, "diagnostic") != nullptr;
    auto flag = [](const Object::Ptr& json, const std::string& key) {
        return json && json->has(key) && json->get(key).isBoolean() && json->getValue<bool>(key);
    };
    version_support_ = flag(part(text, "publishDiagnostics"), "versionSupport");
    refresh_support_ = flag(part(workspace, "diagnostics"), "refreshSupport");
    watch_registration_ = flag(part(workspace, "didChangeWatchedFiles"), "dynamicRegistration");
    if (params && params->getArray("workspaceFolders")) {
        for (const Var& folder : *params->getArray("workspaceFolders"))
            if (folder.type() == typeid(Object::Ptr))
                if (auto path = uri_path(folder.extract<Object::Ptr>()->optValue<std::string>("uri", ""))) roots_.push_back(*path);
    } else if (params && params->has("rootUri") && params->get("rootUri").isString()) {
        if (auto path = uri_path(params->getValue<std::string>("rootUri"))) roots_.push_back(*path);
    }
    if (Object::Ptr options = part(params, "initializationOptions"))
        for (const std::string& fault : apply_settings(*options, settings_)) show_message(1, "touchpoint: initializationOptions: " + fault);

    Object::Ptr sync = new Object;
    sync->set("openClose", true);
    sync->set("change", 2);  // incremental
    Object::Ptr save = new Object;
    save->set("includeText", false);
    sync->set("save", save);
    Object::Ptr result_capabilities = new Object;
    result_capabilities->set("positionEncoding", encoding_name(encoding_));
    result_capabilities->set("textDocumentSync", sync);
    result_capabilities->set("hoverProvider", true);
    Object::Ptr actions = new Object;
    Array::Ptr kinds = new Array;
    kinds->add("quickfix");
    kinds->add("source.fixAll.touchpoint");
    actions->set("codeActionKinds", kinds);
    result_capabilities->set("codeActionProvider", actions);
    Object::Ptr commands = new Object;
    Array::Ptr names = new Array;
    names->add("touchpoint.acceptWord");
    commands->set("commands", names);
    result_capabilities->set("executeCommandProvider", commands);
    if (pull_mode_) {
        Object::Ptr diagnostic = new Object;
        diagnostic->set("identifier", "touchpoint");
        diagnostic->set("interFileDependencies", true);  // corpus-wide rules
        diagnostic->set("workspaceDiagnostics", false);
        result_capabilities->set("diagnosticProvider", diagnostic);
    }
    Object::Ptr info = new Object;
    info->set("name", "touchpoint");
    info->set("version", version_);
    Object::Ptr result = new Object;
    result->set("capabilities", result_capabilities);
    result->set("serverInfo", info);
    return result;
}

// The workspace folders' projects start building at once, so that corpus-wide
// observations are ready when the first document opens.
void Session::initialized() {
    if (watch_registration_) {
        Object::Ptr watcher = new Object;
        watcher->set("globPattern", "**/*");
        Array::Ptr watchers = new Array;
        watchers->add(watcher);
        Object::Ptr options = new Object;
        options->set("watchers", watchers);
        Object::Ptr registration = new Object;
        registration->set("id", "touchpoint-watched-files");
        registration->set("method", "workspace/didChangeWatchedFiles");
        registration->set("registerOptions", options);
        Array::Ptr registrations = new Array;
        registrations->add(registration);
        Object::Ptr params = new Object;
        params->set("registrations", registrations);
        request("client/registerCapability", params);
    }
    for (const fs::path& root : roots_) workspace_for(root / "touchpoint-workspace-probe");
}

void Session::change_configuration(const Object::Ptr& params) {
    Object::Ptr settings = params ? params->getObject("settings") : nullptr;
    if (!settings) return;  // a client that wants to be asked (workspace/configuration): nothing sent
    std::optional<std::string> config = settings_.config, brand = settings_.brand;
    for (const std::string& fault : apply_settings(*settings, settings_)) show_message(1, "touchpoint: settings: " + fault);
    if (settings_.config != config || settings_.brand != brand) reassign_workspaces();
    rebuild_all();
}

void Session::send(std::initializer_list<std::pair<const char*, Var>> fields) {
    Object message;
    message.set("jsonrpc", "2.0");
    for (const auto& [key, value] : fields)
        if (!value.isEmpty() || std::string_view(key) == "result" || std::string_view(key) == "id") message.set(key, value);
    writer_.send(message);
}

void Session::reply(const Var& id, const Var& result) { send({{"id", id}, {"result", result}}); }

void Session::reply_error(const Var& id, int code, const std::string& text) {
    Object::Ptr error = new Object;
    error->set("code", code);
    error->set("message", text);
    send({{"id", id}, {"error", error}});
}

void Session::notify(const std::string& method, const Object::Ptr& params) { send({{"method", method}, {"params", params}}); }

void Session::request(const std::string& method, const Object::Ptr& params) {
    send({{"id", "touchpoint-" + std::to_string(next_request_++)}, {"method", method}, {"params", params ? Var(params) : Var()}});
}

void Session::show_message(int type, const std::string& text) {
    std::cerr << text << "\n";
    Object::Ptr params = new Object;
    params->set("type", type);
    params->set("message", text);
    notify("window/showMessage", params);
}

void Session::show_message_once(int type, const std::string& text) {
    if (shown_.insert(text).second) show_message(type, text);
}

int serve(std::istream& in, std::ostream& out, const LspOptions& options, const std::string& version) {
    Session session(out, options, version);
    return session.run(in);
}

}  // namespace touchpoint::lsp
