#include "server/server.hpp"

#include "server/connection_gate.hpp"
#include "report/report.hpp"
#include "text/unicode.hpp"
#include "engine/work_queue.hpp"
#include "config/xml_file.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <future>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

namespace touchpoint {

extern const char* const index_html;  // web/index.html, embedded at build time

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

struct HttpError : std::runtime_error {
    HTTPResponse::HTTPStatus status;
    HttpError(HTTPResponse::HTTPStatus s, const std::string& why) : std::runtime_error(why), status(s) {}
};

// UTF-16 code units in the first `bytes` bytes of UTF-8 text (LanguageTool's offsets).
size_t utf16_units(std::string_view text, size_t bytes) {
    size_t units = 0, pos = 0;
    while (pos < bytes && pos < text.size()) units += utf8::next(text, pos) >= 0x10000 ? 2 : 1;
    return units;
}

// utf16_units for offsets asked in increasing order (findings come sorted): counted on
// from the last one, so many matches in a long text cost its length once.
class Utf16Counter {
public:
    explicit Utf16Counter(std::string_view text) : text_(text) {}
    size_t units_before(size_t bytes) {
        if (bytes < pos_) pos_ = units_ = 0;
        while (pos_ < bytes && pos_ < text_.size()) units_ += utf8::next(text_, pos_) >= 0x10000 ? 2 : 1;
        return units_;
    }

private:
    std::string_view text_;
    size_t pos_ = 0, units_ = 0;
};

// LanguageTool's context: the match and up to this many characters either side of it on
// its line, so that an answer does not repeat a long line for each of its matches.
constexpr int context_characters = 40;

// Check workers that may be abandoned in a runaway check, per worker: past that, the
// server stops replacing them and says it is degraded.
constexpr unsigned abandoned_per_worker = 4;

// What every request handler shares: the engine, the options and the check pool.
struct Service {
    Engine& engine;
    const ServeOptions& options;
    std::string version;
    WorkQueue checks;
};

std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", seconds);
    return text;
}

// Why no check can run, while every worker is stuck and no replacement is allowed.
std::string degraded_reason(const WorkQueue& checks) {
    return "every check worker (" + std::to_string(checks.workers()) + ") is stuck in a check that was given up, and " +
           std::to_string(checks.abandoned()) + " abandoned workers still run (the limit); checks are refused until one ends";
}

// Checks a text on the check pool within the request time limit (waiting in the queue
// included). A check that runs over it gets 503 and is given up: dropped if still queued,
// else its worker is abandoned to it and replaced (work_queue.hpp). The queue holds one
// check per connection thread, so it is full only if checks are slower than that.
FileReport check_within(Service& service, std::string text, const std::string& name,
                        const std::optional<std::string>& channel) {
    if (!service.checks.can_work()) throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, degraded_reason(service.checks));
    auto task = std::make_shared<std::packaged_task<FileReport()>>(
        [&engine = service.engine, text = std::move(text), name, channel]() mutable {
            return engine.check_text(std::move(text), name, channel);
        });
    std::future<FileReport> future = task->get_future();
    WorkQueue::Ticket ticket = service.checks.try_push([task] { (*task)(); });
    if (!ticket)
        throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "every check worker (" + std::to_string(service.checks.workers()) + ") is busy and " +
                            std::to_string(service.checks.queue_limit()) + " checks wait; try again shortly");
    double seconds = service.options.request_seconds;
    if (future.wait_for(std::chrono::duration<double>(seconds)) != std::future_status::ready) {
        service.checks.give_up(ticket);
        throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "the check took longer than " + seconds_text(seconds) + " s (--request-timeout)");
    }
    return future.get();
}

// A document the engine skipped (binary, damaged, too deep) is the client's error, with
// the engine's reason: "skipped a.docx: why" becomes "a.docx cannot be checked: why".
void refuse_skipped(const FileReport& report) {
    if (!report.channel.empty()) return;
    std::string why = report.warnings.empty() ? "skipped " + report.path + ": unknown reason" : report.warnings.front();
    if (why.starts_with("skipped ")) why = why.substr(8);
    size_t colon = why.find(": ");
    if (colon != std::string::npos) why = why.substr(0, colon) + " cannot be checked" + why.substr(colon);
    throw HttpError(HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, why);
}

// The channels a check may name: the built-in ones, then the brand's and the project's.
std::vector<std::string> known_channels(const Engine& engine) {
    std::vector<std::string> ids(std::begin(builtin_channels), std::end(builtin_channels));
    auto add = [&](const std::string& id) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    for (const ChannelLimits& c : engine.brand().channels) add(c.id);
    if (engine.project())
        for (const ChannelGlobs& c : engine.project()->channels) add(c.id);
    return ids;
}

// Strict: Poco's decoder skips what is not base64, which would turn a damaged upload into
// some other document.
bool is_base64(const std::string& text) {
    size_t digits = 0, padding = 0;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++padding;
        } else if (padding || !(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) {
            return false;
        }
        ++digits;
    }
    return padding <= 2 && digits % 4 == 0;
}

std::string string_field(const Object& input, const std::string& name) {
    if (!input.get(name).isString()) throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"" + name + "\" must be a string");
    return input.getValue<std::string>(name);
}

// Request smuggling: a body whose length two readers could see differently is refused
// (RFC 9112 §6.1, §6.3), and the connection closed since its framing is unknown.
void refuse_ambiguous_framing(const HTTPServerRequest& request) {
    size_t lengths = 0, codings = 0;
    for (const auto& [name, value] : request) {
        if (Poco::icompare(name, "Content-Length") == 0) {
            ++lengths;
            if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos)
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the Content-Length is not a number");
        }
        if (Poco::icompare(name, "Transfer-Encoding") == 0) ++codings;
    }
    if (lengths > 1) throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the request has more than one Content-Length");
    if (lengths && codings) throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the request has both Content-Length and Transfer-Encoding");
    if (codings > 1 || (codings && Poco::icompare(request.get("Transfer-Encoding"), "chunked") != 0))
        throw HttpError(HTTPResponse::HTTP_NOT_IMPLEMENTED, "the only transfer coding understood is chunked");
}

bool has_body(const HTTPServerRequest& request) {
    return request.has("Transfer-Encoding") || (request.has("Content-Length") && request.get("Content-Length") != "0");
}

// Where a finding stands in the checked text, in bytes (findings of a whole document: none).
std::pair<size_t, size_t> byte_range(const ReportedFinding& f) { return {f.source_begin, f.source_end}; }

class Handler {
public:
    Handler(Service& service, const Poco::Net::StreamSocket& socket)
        : service_(service), engine_(service.engine), options_(service.options), version_(service.version), socket_(socket) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) {
        if (!options_.allow_origin.empty()) {
            response.set("Access-Control-Allow-Origin", options_.allow_origin);
            response.set("Access-Control-Allow-Headers", "Content-Type");
        }
        request_ = &request;
        try {
            refuse_ambiguous_framing(request);
            route(request, response);
        } catch (const HttpError& e) {
            reply_error(response, e.status, e.what());
        } catch (const std::exception& e) {
            reply_error(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, e.what());
        }
    }

private:
    void route(HTTPServerRequest& request, HTTPServerResponse& response) {
        const std::string& method = request.getMethod();
        std::string path = request.getURI().substr(0, request.getURI().find('?'));
        if (method == "OPTIONS") return reply(response, "", "text/plain");
        if (path == "/" && method == "GET") return reply(response, index_html, "text/html; charset=utf-8");
        if (path == "/api/brand" && method == "GET") return brand(response);
        if (path == "/health" && method == "GET") return health(response);
        if (path == "/api/rules" && method == "GET") return rules(response);
        if (path == "/api/check" && method == "POST") return check(request, response);
        if (path == "/v2/languages" && method == "GET") return languages(response);
        if (path == "/v2/check" && (method == "POST" || method == "GET")) return lt_check(request, response);
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "no " + method + " " + path + "; try /api/check, /api/rules, /health, /v2/check, /v2/languages");
    }

    // The body, within the size limit and the request time limit. It is read one network
    // read at a time, so a client that trickles it is cut off at the time limit.
    std::string body(HTTPServerRequest& request) {
        auto too_large = [&] {
            return HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, body_too_large(options_.max_request_bytes));
        };
        if (request.getContentLength64() != HTTPServerRequest::UNKNOWN_CONTENT_LENGTH &&
            uint64_t(request.getContentLength64()) > options_.max_request_bytes)
            throw too_large();
        // Neither a length nor chunks: no body (RFC 9112 §6.3), not one read until the
        // client closes. (The gate has made chunked bodies ones of declared length.)
        if (!has_body(request)) {
            body_read_ = true;
            return {};
        }
        auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(options_.request_seconds);
        std::string content;
        std::streambuf& in = *request.stream().rdbuf();
        try {
            while (in.sgetc() != std::char_traits<char>::eof()) {
                char buffer[8192];
                std::streamsize n = in.sgetn(buffer, std::min<std::streamsize>(in.in_avail(), sizeof buffer));
                content.append(buffer, size_t(n));
                if (content.size() > options_.max_request_bytes) throw too_large();
                if (std::chrono::steady_clock::now() > deadline)
                    throw HttpError(HTTPResponse::HTTP_REQUEST_TIMEOUT, "the request body did not arrive within " +
                                                                           seconds_text(options_.request_seconds) + " s (--request-timeout)");
            }
        } catch (const Poco::TimeoutException&) {
            throw HttpError(HTTPResponse::HTTP_REQUEST_TIMEOUT, "the client sent nothing for " +
                                                                   seconds_text(options_.idle_seconds) + " s (--idle-timeout)");
        }
        body_read_ = true;
        return content;
    }

    // ok, or 503 degraded while no check can run; the count of abandoned workers either way.
    void health(HTTPServerResponse& response) {
        Object o;
        bool can_check = service_.checks.can_work();
        o.set("status", can_check ? "ok" : "degraded");
        if (!can_check) {
            o.set("reason", degraded_reason(service_.checks));
            response.setStatusAndReason(HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
        }
        o.set("abandoned_workers", service_.checks.abandoned());
        o.set("version", version_);
        reply_json(response, o);
    }

    // POST /api/check {"text": "...", "channel": "signage", "file": "draft.md"} -> the JSON report (docs/getting-started.md, "Reading a report").
    void check(HTTPServerRequest& request, HTTPServerResponse& response) {
        std::string content = body(request);
        Object::Ptr input;
        try {
            input = Poco::JSON::Parser().parse(content).extract<Object::Ptr>();
        } catch (const Poco::Exception& e) {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the body is not a JSON object: " + e.displayText());
        }
        std::string text;
        if (input->has("base64")) {
            // A Word or OpenDocument file uploaded from the page.
            std::string base64 = string_field(*input, "base64");
            if (!is_base64(base64)) throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"base64\" is not base64");
            std::istringstream encoded(base64);
            Poco::Base64Decoder decoder(encoded);
            try {
                Poco::StreamCopier::copyToString(decoder, text);
            } catch (const Poco::Exception&) {
                throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "\"base64\" is not base64");
            }
        } else if (input->has("text") && input->get("text").isString()) {
            text = input->getValue<std::string>("text");
        } else {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the body needs a \"text\" string (or \"base64\" with \"file\")");
        }
        std::string name = input->has("file") ? string_field(*input, "file") : "draft.txt";
        std::optional<std::string> channel;
        if (input->has("channel")) channel = known_channel(string_field(*input, "channel"));
        FileReport report = check_within(service_, std::move(text), name, channel);
        refuse_skipped(report);
        std::ostringstream out;
        RunInfo run;
        run.version = version_;
        auto writer = make_writer("json", out, false, run);
        Summary summary;
        if (!report.channel.empty()) ++summary.files;
        for (const ReportedFinding& f : report.findings) summary.add(f);
        writer->file(report);
        writer->finish(summary);
        reply(response, out.str(), "application/json");
    }

    std::string known_channel(const std::string& id) const {
        std::vector<std::string> known = known_channels(engine_);
        if (std::find(known.begin(), known.end(), id) != known.end()) return id;
        std::sort(known.begin(), known.end());
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "unknown channel '" + id + "'; known channels: " + list);
    }

    // For the page: the promise, the channels to pick from, the measures the checks take.
    void brand(HTTPServerResponse& response) {
        const Brand& b = engine_.brand();
        Object root;
        root.set("name", b.name);
        root.set("promise", b.promise);
        Array::Ptr channels = new Array;
        for (const std::string& id : known_channels(engine_)) channels->add(id);
        root.set("channels", channels);
        Array::Ptr measures = new Array;
        for (const MeasureInfo& info : engine_.measures()) {
            Object::Ptr measure = new Object;
            measure->set("group", info.group);
            measure->set("label", info.label);
            Array::Ptr keys = new Array;
            for (const auto& [key, label] : info.keys) {
                Object::Ptr entry = new Object;
                entry->set("key", key);
                entry->set("label", label);
                keys->add(entry);
            }
            measure->set("keys", keys);
            measures->add(measure);
        }
        root.set("measures", measures);
        reply_json(response, root);
    }

    void rules(HTTPServerResponse& response) {
        Array::Ptr list = new Array;
        for (const LoadedPlugin& plugin : engine_.plugins().plugins())
            for (const RuleInfo& rule : plugin.rules) {
                Object::Ptr o = new Object;
                o->set("id", plugin.name + "." + rule.name);
                o->set("description", rule.description);
                o->set("severity", std::string(to_string(rule.default_severity)));
                list->add(o);
            }
        Object root;
        root.set("rules", list);
        reply_json(response, root);
    }

    void languages(HTTPServerResponse& response) {
        std::string locale = engine_.brand().locale;
        Array list;
        Object::Ptr language = new Object;
        language->set("name", locale.starts_with("es") ? "Spanish" : "English (" + locale.substr(locale.find('-') + 1) + ")");
        language->set("code", locale.substr(0, locale.find('-')));
        language->set("longCode", locale);
        list.add(language);
        std::ostringstream out;
        list.stringify(out);
        reply(response, out.str(), "application/json");
    }

    // LanguageTool's /v2/check: form fields text or data, language, enabledRules,
    // disabledRules; matches with offsets and lengths in UTF-16 code units.
    void lt_check(HTTPServerRequest& request, HTTPServerResponse& response) {
        std::string content = request.getMethod() == "POST" ? body(request) : "";
        Poco::Net::HTMLForm form;
        try {
            std::istringstream stream(content);
            form.setFieldLimit(10000);
            if (request.getMethod() == "POST") form.load(request, stream);
            else form.load(request);
        } catch (const Poco::Exception& e) {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "the form cannot be read: " + e.displayText());
        }
        std::string text;
        if (form.has("text")) {
            text = form.get("text");
        } else if (form.has("data")) {
            text = annotated_text(form.get("data"));
        } else {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "missing 'text' or 'data' parameter");
        }
        std::vector<std::string> enabled = split_list(form.get("enabledRules", ""), ","),
                                 disabled = split_list(form.get("disabledRules", ""), ",");
        bool only = form.get("enabledOnly", "false") == "true";
        FileReport report = check_within(service_, text, "draft.txt", std::nullopt);
        refuse_skipped(report);
        Array::Ptr matches = new Array;
        Utf16Counter counter(text);
        for (const ReportedFinding& f : report.findings) {
            bool is_enabled = std::find(enabled.begin(), enabled.end(), f.rule) != enabled.end();
            if (std::find(disabled.begin(), disabled.end(), f.rule) != disabled.end()) continue;
            if (only && !is_enabled) continue;
            matches->add(lt_match(f, text, counter));
        }
        Object root;
        Object::Ptr software = new Object;
        software->set("name", "Touchpoint");
        software->set("version", version_);
        software->set("apiVersion", 1);
        software->set("status", "");
        root.set("software", software);
        Object::Ptr language = new Object;
        std::string locale = engine_.brand().locale;
        language->set("name", locale);
        language->set("code", locale);
        Object::Ptr detected = new Object;
        detected->set("name", locale);
        detected->set("code", locale);
        detected->set("confidence", 1.0);
        language->set("detectedLanguage", detected);
        root.set("language", language);
        root.set("matches", matches);
        reply_json(response, root);
    }

    static Object::Ptr lt_match(const ReportedFinding& f, const std::string& text, Utf16Counter& counter) {
        auto [begin, end] = byte_range(f);
        if (f.whole_document) begin = end = 0;
        size_t offset = counter.units_before(begin), length = counter.units_before(end) - offset;
        Object::Ptr m = new Object;
        m->set("message", f.message);
        m->set("shortMessage", f.rule.substr(f.rule.find('.') + 1));
        Array::Ptr replacements = new Array;
        for (const std::string& s : f.suggestions) {
            Object::Ptr r = new Object;
            r->set("value", s);
            replacements->add(r);
        }
        m->set("replacements", replacements);
        m->set("offset", offset);
        m->set("length", length);
        // Context: the match and a few characters either side on its line, as LanguageTool gives it.
        size_t context_start = begin, context_end = std::max(begin, end);
        for (int n = 0; n < context_characters && context_start > 0 && text[context_start - 1] != '\n'; ++n)
            while (--context_start > 0 && utf8::is_continuation(static_cast<unsigned char>(text[context_start]))) {}
        for (int n = 0; n < context_characters && context_end < text.size() && text[context_end] != '\n'; ++n)
            utf8::next(text, context_end);
        std::string window = text.substr(context_start, context_end - context_start);
        Object::Ptr context = new Object;
        context->set("text", window);
        context->set("offset", utf16_units(window, begin - context_start));
        context->set("length", length);
        m->set("context", context);
        m->set("sentence", window);
        Object::Ptr type = new Object;
        type->set("typeName", "Other");
        m->set("type", type);
        Object::Ptr rule = new Object;
        rule->set("id", f.rule);
        rule->set("description", f.message);
        // A finding that yields to brand findings is a dictionary's (Claim::yields): a
        // misspelling to LanguageTool's clients, as is an error (their red underline).
        rule->set("issueType", f.severity == Severity::error || f.claim == Claim::yields ? "misspelling" : "style");
        Object::Ptr category = new Object;
        std::string plugin = f.rule.substr(0, f.rule.find('.'));
        category->set("id", plugin);
        category->set("name", plugin);
        rule->set("category", category);
        m->set("rule", rule);
        m->set("ignoreForIncompleteSentence", false);
        m->set("contextForSureMatch", 0);
        return m;
    }

    // LanguageTool's data parameter: {"annotation": [{"text": ...}, {"markup": ...}]}.
    // Markup stays in the string (offsets count it) but is blanked, so it is not checked.
    static std::string annotated_text(const std::string& data) {
        Object::Ptr root;
        try {
            root = Poco::JSON::Parser().parse(data).extract<Object::Ptr>();
        } catch (const Poco::Exception& e) {
            throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "'data' is not JSON: " + e.displayText());
        }
        Array::Ptr items = root->getArray("annotation");
        if (!items) throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "'data' needs an \"annotation\" array");
        std::string text;
        for (size_t i = 0; i < items->size(); ++i) {
            Object::Ptr item = items->getObject(unsigned(i));
            if (!item) continue;
            if (item->has("text")) {
                text += item->getValue<std::string>("text");
            } else if (item->has("markup")) {
                std::string markup = item->getValue<std::string>("markup");
                std::string interpret = item->optValue<std::string>("interpretAs", "");
                size_t pos = 0;
                while (pos < markup.size()) {  // one space per UTF-16 unit of markup keeps the offsets
                    char32_t c = utf8::next(markup, pos);
                    text.append(c >= 0x10000 ? 2 : 1, ' ');
                }
                if (!interpret.empty() && !text.empty()) text.back() = interpret.back() == '\n' ? '\n' : ' ';
            }
        }
        return text;
    }

    void reply_json(HTTPServerResponse& response, const Poco::JSON::Object& object) {
        std::ostringstream out;
        object.stringify(out);
        reply(response, out.str(), "application/json");
    }

    // A body left unread would be read as the next request: the connection ends instead.
    void reply(HTTPServerResponse& response, const std::string& content, const std::string& type) {
        if (!body_read_ && has_body(*request_)) response.setKeepAlive(false);
        limit_answer_time(socket_, std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                       std::chrono::duration<double>(options_.request_seconds)));
        response.setContentType(type + (type == "application/json" ? "; charset=utf-8" : ""));
        response.setContentLength(std::streamsize(content.size()));
        response.send() << content;
    }

    void reply_error(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& why) {
        response.setStatusAndReason(status);
        Object o;
        o.set("error", why);
        std::ostringstream out;
        o.stringify(out);
        reply(response, out.str(), "application/json");
    }

    Service& service_;
    Engine& engine_;
    const ServeOptions& options_;
    const std::string& version_;
    const Poco::Net::StreamSocket& socket_;
    const HTTPServerRequest* request_ = nullptr;
    bool body_read_ = false;
};

// One connection's HTTP session for one request. What the client sent past that request
// (pipelined) goes back to the gate with the connection.
class ConnectionSession : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;

    std::string take_pending() {
        std::string pending;
        char chunk[4096];
        for (int n; buffered() > 0 && (n = read(chunk, std::min(buffered(), int(sizeof chunk)))) > 0;) pending.append(chunk, size_t(n));
        return pending + take_unread(socket());
    }
};

// A request Poco could not read: 400 with Poco's reason, and the connection closed. Written
// to the socket itself: the response object still points at the request that failed.
void refuse_malformed(Poco::Net::HTTPServerResponse& response, Poco::Net::StreamSocket& socket, const std::string& why) {
    if (response.sent()) return;
    Object o;
    o.set("error", "the request cannot be read as HTTP: " + why);
    std::ostringstream body;
    o.stringify(body);
    std::string answer = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                         std::to_string(body.str().size()) + "\r\nConnection: close\r\n\r\n" + body.str();
    try {
        socket.sendBytes(answer.data(), int(answer.size()));
    } catch (const Poco::Exception&) {
    }
}

// Answers the request whose header the gate saw arrive whole. A kept-alive connection then
// goes back to the gate to wait for its next request without holding this thread.
void answer_one(Service& service, ConnectionGate& gate, Poco::Net::HTTPServerParams::Ptr params,
                const Poco::Net::StreamSocket& socket) {
    ConnectionSession session(socket, params);
    session.socket().setSendTimeout(params->getTimeout());
    limit_answer_time(socket, std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(service.options.request_seconds)));  // a 400 Poco refuses with
    bool keep_alive = false;
    {
        Poco::Net::HTTPServerResponseImpl response(session);
        try {
            Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            response.setKeepAlive(request.getKeepAlive());
            Handler(service, socket).handleRequest(request, response);
            keep_alive = response.sent() && response.getKeepAlive();
        } catch (const Poco::Net::MessageException& e) {  // not HTTP: "GARBAGE"
            refuse_malformed(response, session.socket(), e.message().empty() ? e.what() : e.message());
        } catch (const Poco::SyntaxException&) {  // a Content-Length that is not a number
            refuse_malformed(response, session.socket(), "the Content-Length is not a number");
        } catch (const std::exception&) {  // the client went away, or out of memory
        }
    }  // the answer is flushed here, before the connection can serve another request
    if (!keep_alive || write_failed(socket)) return;
    std::string pending = session.take_pending();
    gate.give_back(session.detachSocket(), std::move(pending));
}

volatile std::sig_atomic_t stop_requested = 0;

}  // namespace

int serve(Engine& engine, const ServeOptions& options, const std::string& version) {
    Poco::Net::SocketAddress address(options.public_address ? "0.0.0.0" : "127.0.0.1", Poco::UInt16(options.port));
    Poco::Net::ServerSocket socket(address);
    std::signal(SIGPIPE, SIG_IGN);  // a client that went away is an error on its socket, not the end
    Service service{engine, options, version, WorkQueue(options.workers, options.connections, options.workers * abandoned_per_worker)};
    auto idle = std::chrono::milliseconds(int64_t(options.idle_seconds * 1000));
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setTimeout(Poco::Timespan(Poco::Timespan::TimeDiff(idle.count()) * 1000));  // each read of a body
    params->setKeepAlive(true);
    // Connection threads only read and write HTTP, one request at a time; between requests
    // a connection waits at the gate, holding no thread.
    WorkQueue connections(options.connections, options.queued_connections);
    std::optional<ConnectionGate> gate;
    auto body_time = std::chrono::milliseconds(int64_t(options.request_seconds * 1000));
    gate.emplace(socket, ConnectionGate::Limits{idle, 64 << 10, 512, options.max_request_bytes, body_time}, [&](const Poco::Net::StreamSocket& connection) {
        return bool(connections.try_push([&, connection] { answer_one(service, *gate, params, connection); }));
    });
    std::cout << "touchpoint: serving on http://" << (options.public_address ? "0.0.0.0" : "127.0.0.1") << ":"
              << socket.address().port() << std::endl;
    std::signal(SIGINT, [](int) { stop_requested = 1; });
    std::signal(SIGTERM, [](int) { stop_requested = 1; });
    // Any thread may take the signal, so the main thread looks at the flag rather than
    // waiting in pause(), which only a signal to itself would end.
    while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // A connection thread has a whole request (the gate waited for its body), gives its
    // check at most the request time limit and the answer's writes as long; a client
    // stalled anywhere else waits at the gate, which holds no thread. Checks still running use the engine and
    // its plugins, which the caller is about to unload: wait for them, and leave without
    // unwinding past one that never ends.
    auto limit = std::chrono::milliseconds(int64_t(options.request_seconds * 1000));
    bool answered = connections.finish(2 * limit + std::chrono::seconds(1));
    if (answered) gate.reset();
    if (!answered || !service.checks.finish(limit)) {
        std::cout.flush();
        std::_Exit(0);
    }
    return 0;
}

}  // namespace touchpoint
