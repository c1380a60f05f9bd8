// The state of one touchpoint lsp session, shared by its parts: the message loop and the
// lifecycle (server.cpp), open documents, workspaces and their checks (documents.cpp),
// and the requests about a document (features.cpp). One thread runs all of it; checks
// and engine builds run on other threads and come back as events.
#pragma once

#include "engine/engine.hpp"
#include "engine/work_queue.hpp"
#include "lsp/json_rpc.hpp"
#include "lsp/settings.hpp"
#include "lsp/text_buffer.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace touchpoint::lsp {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using Poco::JSON::Object;

// A request the server cannot answer as asked: the JSON-RPC error it gets.
struct RequestError : std::runtime_error {
    int code;
    RequestError(int c, const std::string& why) : std::runtime_error(why), code(c) {}
};

// What comes back to the loop: a message read, the input's end, a check or a build done.
struct Event {
    enum class Kind { message, end, checked, built } kind = Kind::message;
    Event() = default;
    explicit Event(Kind k) : kind(k) {}
    std::string body, fault;                       // message
    std::string uri;                               // checked
    int version = 0;
    uint64_t generation = 0;
    uint64_t sequence = 0;
    std::shared_ptr<const FileReport> report;
    size_t hidden = 0;                             // findings past max_diagnostics
    std::string error;                             // checked, built: why it failed
    fs::path workspace;                            // built
    std::shared_ptr<Engine> engine;
};

class EventQueue {
public:
    // Messages read but not handled are held to this many bytes: past it the reader waits,
    // so that a client sending faster than the server checks cannot fill the memory.
    static constexpr size_t max_message_bytes = size_t(64) << 20;

    void push(Event event);
    // The reader's push: waits while the messages held are over the bound.
    void push_message(Event event);
    // The next event, or nullopt once `until` has passed.
    std::optional<Event> pop(Clock::time_point until);

private:
    std::mutex mutex_;
    std::condition_variable ready_, room_;
    std::deque<Event> events_;
    size_t message_bytes_ = 0;
};

// Diagnostics kept and shown per document: a document with more findings says how many
// more there are, instead of holding them all in memory and in the editor.
constexpr size_t max_diagnostics = 1000;

// The configuration a document is checked with: a project file, or a brand file alone.
struct Workspace {
    fs::path key;  // touchpoint.xml, or the brand file for documents outside any project
    bool is_project = true;
    fs::path dir;  // the project folder: document names relative to it
    std::shared_ptr<Engine> engine;  // the newest that was built; null until one is
    uint64_t generation = 0;
    bool building = false, build_again = false;
    std::string fault;        // why the last build failed ("" when it did not)
    std::set<fs::path> own_files;  // its configuration: a change reloads it
};

struct OpenDocument {
    std::string uri;
    fs::path path;
    std::string text;
    int version = 0;
    Workspace* workspace = nullptr;  // null: nothing to check it with
    std::optional<Clock::time_point> due;  // a check is wanted from then on
    bool checking = false;
    std::shared_ptr<const FileReport> report;  // of report_version, by report_generation's engine
    std::shared_ptr<Engine> report_engine;      // which made it: its rules, brand and measures
    size_t hidden = 0;                          // findings past max_diagnostics, not kept
    int report_version = -1;
    uint64_t report_generation = 0;
    std::vector<Poco::Dynamic::Var> pulls;  // textDocument/diagnostic requests waiting for a check
};

struct RunningCheck {
    uint64_t sequence = 0;  // which check of the document: a given-up one may still end
    WorkQueue::Ticket ticket;
    std::shared_ptr<Engine::Watch> watch;
    std::shared_ptr<Engine> engine;
};

class Session {
public:
    Session(std::ostream& out, const LspOptions& options, std::string version);
    int run(std::istream& in);

private:
    // server.cpp: the loop and the lifecycle.
    void handle(Event& event);
    void handle_message(const std::string& body, const std::string& fault);
    void dispatch(const std::string& method, const Object::Ptr& params, const Poco::Dynamic::Var* id);
    Poco::Dynamic::Var initialize(const Object::Ptr& params);
    void initialized();
    void change_configuration(const Object::Ptr& params);
    // A message with "jsonrpc": "2.0" and these fields (an empty one left out, but for
    // "id" and "result", where null means something).
    void send(std::initializer_list<std::pair<const char*, Poco::Dynamic::Var>> fields);
    void reply(const Poco::Dynamic::Var& id, const Poco::Dynamic::Var& result);
    void reply_error(const Poco::Dynamic::Var& id, int code, const std::string& message);
    void notify(const std::string& method, const Object::Ptr& params);
    void request(const std::string& method, const Object::Ptr& params);
    void show_message(int type, const std::string& message);
    void show_message_once(int type, const std::string& message);

    // documents.cpp: sync, workspaces, checks.
    void open(const Object::Ptr& params);
    void change(const Object::Ptr& params);
    void save(const Object::Ptr& params);
    void close(const Object::Ptr& params);
    void watched_files_changed(const Object::Ptr& params);
    OpenDocument& document(const Object::Ptr& params);
    Workspace* workspace_for(const fs::path& path);
    void build(Workspace& workspace);
    void built(Event& event);
    void check_due();
    void start_check(OpenDocument& document);
    void checked(Event& event);
    void watch_checks();
    void recheck(Workspace& workspace);
    void rebuild_all();
    // Each open document to the workspace the settings now give it.
    void reassign_workspaces();
    void publish(OpenDocument& document);
    void answer_pulls(OpenDocument& document);
    bool up_to_date(const OpenDocument& document) const;
    Clock::time_point next_wake() const;

    // features.cpp: what the editor asks about a document.
    Poco::Dynamic::Var pull_diagnostics(const Object::Ptr& params, const Poco::Dynamic::Var& id, bool& deferred);
    Poco::Dynamic::Var code_action(const Object::Ptr& params);
    Poco::Dynamic::Var hover(const Object::Ptr& params);
    Poco::Dynamic::Var execute_command(const Object::Ptr& params);
    Object::Ptr full_report(const OpenDocument& document);
    Poco::JSON::Array::Ptr document_diagnostics(const OpenDocument& document);

    std::unique_ptr<std::ostream> trace_;  // TOUCHPOINT_LSP_LOG
    Writer writer_;
    LspOptions options_;
    std::string version_;
    Settings settings_;
    std::shared_ptr<EventQueue> events_ = std::make_shared<EventQueue>();
    WorkQueue checks_;
    Encoding encoding_ = Encoding::utf16;
    bool initialized_ = false, shut_down_ = false, exited_ = false;
    bool pull_mode_ = false;           // the client asks for diagnostics (textDocument/diagnostic)
    bool refresh_support_ = false;     // workspace/diagnostic/refresh
    bool watch_registration_ = false;  // client/registerCapability for didChangeWatchedFiles
    bool version_support_ = false;
    std::vector<fs::path> roots_;
    std::map<std::string, OpenDocument> documents_;
    std::map<fs::path, std::unique_ptr<Workspace>> workspaces_;
    std::map<std::string, RunningCheck> running_;  // by document URI
    std::set<std::string> given_up_;   // labels of rules given up by the watchdog
    std::set<std::string> shown_;      // messages shown once
    bool told_no_project_ = false;     // that a document has no touchpoint.xml above it
    uint64_t next_request_ = 1;
    uint64_t next_check_ = 1;
};

// The object or the string of a JSON field, throwing RequestError (invalid params).
Object::Ptr object_field(const Object::Ptr& json, const std::string& key);
std::string string_field(const Object::Ptr& json, const std::string& key);
Position position_field(const Object::Ptr& json, const std::string& key);

}  // namespace touchpoint::lsp
