#include "server.hpp"

#include "report.hpp"
#include "unicode.hpp"
#include "work_queue.hpp"
#include "xml_file.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <future>
#include <thread>
#include <iostream>
#include <sstream>

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

// What every request handler shares: the engine, the options and the check pool.
struct Service {
    Engine& engine;
    const ServeOptions& options;
    std::string version;
    WorkQueue checks;
};

// Checks a text on the check pool within the request time limit (waiting in the queue
// included). A check that runs over it gets 503 and is left to finish on its worker; one
// still queued when its request gives up is skipped. The queue holds one check per
// connection thread, so it fills up only behind workers stuck in runaway rules.
FileReport check_within(Service& service, std::string text, const std::string& name,
                        const std::optional<std::string>& channel) {
    auto abandoned = std::make_shared<std::atomic<bool>>(false);
    auto task = std::make_shared<std::packaged_task<FileReport()>>(
        [&engine = service.engine, abandoned, text = std::move(text), name, channel]() mutable {
            if (*abandoned) return FileReport{};
            return engine.check_text(std::move(text), name, channel);
        });
    std::future<FileReport> future = task->get_future();
    if (!service.checks.try_push([task] { (*task)(); }))
        throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        "every check worker (" + std::to_string(service.checks.workers()) + ") is busy and " +
                            std::to_string(service.checks.queue_limit()) + " checks wait; try again shortly");
    double seconds = service.options.request_seconds;
    if (future.wait_for(std::chrono::duration<double>(seconds)) != std::future_status::ready) {
        *abandoned = true;
        char limit[32];
        std::snprintf(limit, sizeof limit, "%g", seconds);
        throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
                        std::string("the check took longer than ") + limit + " s (--request-timeout)");
    }
    return future.get();
}

// Where a finding stands in the checked text, in bytes (findings of a whole document: none).
std::pair<size_t, size_t> byte_range(const ReportedFinding& f) { return {f.source_begin, f.source_end}; }

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(Service& service)
        : service_(service), engine_(service.engine), options_(service.options), version_(service.version) {}

    void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
        if (!options_.allow_origin.empty()) {
            response.set("Access-Control-Allow-Origin", options_.allow_origin);
            response.set("Access-Control-Allow-Headers", "Content-Type");
        }
        try {
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
        if (path == "/health" && method == "GET") {
            Object o;
            o.set("status", "ok");
            o.set("version", version_);
            return reply_json(response, o);
        }
        if (path == "/api/rules" && method == "GET") return rules(response);
        if (path == "/api/check" && method == "POST") return check(request, response);
        if (path == "/v2/languages" && method == "GET") return languages(response);
        if (path == "/v2/check" && (method == "POST" || method == "GET")) return lt_check(request, response);
        throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "no " + method + " " + path + "; try /api/check, /api/rules, /health, /v2/check, /v2/languages");
    }

    std::string body(HTTPServerRequest& request) {
        if (request.getContentLength() != HTTPServerRequest::UNKNOWN_CONTENT_LENGTH &&
            size_t(request.getContentLength()) > options_.max_request_bytes)
            throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                            "the request is over the limit of " + std::to_string(options_.max_request_bytes >> 10) + " KiB");
        std::string content;
        char buffer[8192];
        while (request.stream().read(buffer, sizeof buffer) || request.stream().gcount() > 0) {
            content.append(buffer, size_t(request.stream().gcount()));
            if (content.size() > options_.max_request_bytes)
                throw HttpError(HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE,
                                "the request is over the limit of " + std::to_string(options_.max_request_bytes >> 10) + " KiB");
        }
        return content;
    }

    // POST /api/check {"text": "...", "channel": "signage", "file": "draft.md"} -> CONTRACT §4 JSON.
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
            std::istringstream encoded(input->getValue<std::string>("base64"));
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
        std::string name = input->optValue<std::string>("file", "draft.txt");
        std::optional<std::string> channel;
        if (input->has("channel")) channel = input->getValue<std::string>("channel");
        FileReport report = check_within(service_, std::move(text), name, channel);
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

    // For the page: the promise, the channels to pick from, the pillars.
    void brand(HTTPServerResponse& response) {
        const Brand& b = engine_.brand();
        Object root;
        root.set("name", b.name);
        root.set("promise", b.promise);
        Array::Ptr channels = new Array;
        std::vector<std::string> ids(std::begin(builtin_channels), std::end(builtin_channels));
        for (const ChannelLimits& c : b.channels)
            if (std::find(ids.begin(), ids.end(), c.id) == ids.end()) ids.push_back(c.id);
        for (const std::string& id : ids) channels->add(id);
        root.set("channels", channels);
        Array::Ptr pillars = new Array;
        for (const Pillar& p : b.pillars) pillars->add(p.label);
        root.set("pillars", pillars);
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
        Array::Ptr matches = new Array;
        for (const ReportedFinding& f : report.findings) {
            bool is_enabled = std::find(enabled.begin(), enabled.end(), f.rule) != enabled.end();
            if (std::find(disabled.begin(), disabled.end(), f.rule) != disabled.end()) continue;
            if (only && !is_enabled) continue;
            matches->add(lt_match(f, text));
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

    static Object::Ptr lt_match(const ReportedFinding& f, const std::string& text) {
        auto [begin, end] = byte_range(f);
        if (f.whole_document) begin = end = 0;
        size_t offset = utf16_units(text, begin), length = utf16_units(text, end) - offset;
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
        // Context: the line around the match, as LanguageTool gives it.
        size_t line_start = text.rfind('\n', begin == 0 ? 0 : begin - 1);
        line_start = begin == 0 || line_start == std::string::npos ? 0 : line_start + 1;
        size_t line_end = text.find('\n', begin);
        if (line_end == std::string::npos) line_end = text.size();
        Object::Ptr context = new Object;
        std::string line = text.substr(line_start, line_end - line_start);
        context->set("text", line);
        context->set("offset", utf16_units(line, begin - line_start));
        context->set("length", length);
        m->set("context", context);
        m->set("sentence", line);
        Object::Ptr type = new Object;
        type->set("typeName", "Other");
        m->set("type", type);
        Object::Ptr rule = new Object;
        rule->set("id", f.rule);
        rule->set("description", f.message);
        rule->set("issueType", f.severity == Severity::error ? "misspelling" : f.rule.starts_with("spelling") ? "misspelling" : "style");
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

    static void reply(HTTPServerResponse& response, const std::string& content, const std::string& type) {
        response.setContentType(type + (type == "application/json" ? "; charset=utf-8" : ""));
        response.setContentLength(std::streamsize(content.size()));
        response.send() << content;
    }

    static void reply_error(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& why) {
        response.setStatus(status);
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
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(Service& service) : service_(service) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
        return new Handler(service_);
    }

private:
    Service& service_;
};

volatile std::sig_atomic_t stop_requested = 0;

}  // namespace

int serve(Engine& engine, const ServeOptions& options, const std::string& version) {
    Poco::Net::SocketAddress address(options.public_address ? "0.0.0.0" : "127.0.0.1", Poco::UInt16(options.port));
    Poco::Net::ServerSocket socket(address);
    Service service{engine, options, version, WorkQueue(options.workers, options.connections)};
    // Connection threads only read and write HTTP; a kept-alive connection holds one until
    // it idles out or has made its share of requests, so that others queued get their turn.
    Poco::ThreadPool connection_threads(2, int(options.connections));
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(int(options.connections));
    params->setMaxQueued(int(options.queued_connections));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(2, 0));
    params->setMaxKeepAliveRequests(100);
    Poco::Net::HTTPServer server(new Factory(service), connection_threads, socket, params);
    server.start();
    std::cout << "touchpoint: serving on http://" << (options.public_address ? "0.0.0.0" : "127.0.0.1") << ":"
              << socket.address().port() << std::endl;
    std::signal(SIGINT, [](int) { stop_requested = 1; });
    std::signal(SIGTERM, [](int) { stop_requested = 1; });
    while (!stop_requested) pause();
    server.stopAll(true);
    // Checks still running use the engine and its plugins, which the caller is about to
    // unload: wait for them, and leave without unwinding past one that never ends.
    if (!service.checks.finish(std::chrono::milliseconds(int(options.request_seconds * 1000)))) {
        std::cout.flush();
        std::_Exit(0);
    }
    return 0;
}

}  // namespace touchpoint
