#include "server/api.hpp"

#include "server/connection_gate.hpp"
#include "server/languagetool.hpp"
#include "server/service.hpp"
#include "report/report.hpp"
#include "base/unicode.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <sstream>

namespace touchpoint {

extern const char* const index_html;  // web/index.html, embedded at build time

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

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

    // POST /api/check {"text": "...", "channel": "signage", "file": "draft.md", "lang": "es"} -> the JSON report (docs/getting-started.md, "Reading a report").
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
        std::string lang = input->has("lang") ? brand_language(engine_.brand(), string_field(*input, "lang")) : "";
        FileReport report = check_within(service_, std::move(text), name, channel, lang);
        refuse_skipped(report);
        std::ostringstream out;
        RunInfo run;
        run.version = version_;
        auto writer = make_writer("json", out, false, run);
        Summary summary;
        summary.pass_mark = engine_.brand().pass_mark;
        summary.add_file(report);  // its score too, not only its findings
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
        Array::Ptr languages = new Array;
        for (const std::string& tag : b.languages) languages->add(tag);
        root.set("languages", languages);
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
        reply(response, languagetool_languages(engine_.brand()), "application/json");
    }

    // LanguageTool's /v2/check, its form in the query (GET) or the body (POST).
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
        reply_json(response, languagetool_check(service_, form));
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

}  // namespace

void handle_request(Service& service, const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerRequest& request,
                    Poco::Net::HTTPServerResponse& response) {
    Handler(service, socket).handleRequest(request, response);
}

}  // namespace touchpoint
