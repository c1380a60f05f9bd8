// touchpoint serve on loopback: the JSON API and LanguageTool's /v2/check.
#include "support.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <future>

using namespace touchpoint;
using Poco::Net::HTTPRequest;

namespace {

struct Server {
    Poco::ProcessHandle process;
    unsigned port = 0;
};

Server start(const std::filesystem::path& cwd, const std::vector<std::string>& extra = {}) {
    Poco::Pipe out;
    std::vector<std::string> args{"serve", "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    Poco::ProcessHandle process =
        Poco::Process::launch((test::binary_dir() / "bin" / "touchpoint").string(), args, cwd.string(), nullptr, &out, nullptr);
    Poco::PipeInputStream stream(out);
    std::string line;
    std::getline(stream, line);  // "touchpoint: serving on http://127.0.0.1:PORT"
    REQUIRE(line.find("serving on http://127.0.0.1:") != std::string::npos);
    return {process, unsigned(std::stoul(line.substr(line.rfind(':') + 1)))};
}

std::pair<int, std::string> request(unsigned port, const std::string& method, const std::string& path,
                                    const std::string& body = "", const std::string& type = "application/json") {
    Poco::Net::HTTPClientSession session("127.0.0.1", Poco::UInt16(port));
    HTTPRequest request(method, path, HTTPRequest::HTTP_1_1);
    if (!body.empty() || method == "POST") {
        request.setContentType(type);
        request.setContentLength(std::streamsize(body.size()));
        session.sendRequest(request) << body;
    } else {
        session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    std::string content;
    Poco::StreamCopier::copyToString(in, content);
    return {int(response.getStatus()), content};
}

}  // namespace

TEST_CASE("serve: health, rules, checks in the JSON report of docs/getting-started.md, and LanguageTool's API") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/></brand>)");
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/><rule id="spelling" enabled="false"/></touchpoint>)");
    // A small request limit, so that a request over it still fits the socket's buffers.
    Server server = start(dir.path(), {"--max-request-size", "1"});

    auto [health_status, health] = request(server.port, "GET", "/health");
    CHECK(health_status == 200);
    CHECK(health.find("\"status\":\"ok\"") != std::string::npos);

    auto [rules_status, rules] = request(server.port, "GET", "/api/rules");
    CHECK(rules.find("terminology.prefer") != std::string::npos);

    auto [check_status, check] = request(server.port, "POST", "/api/check", R"({"text": "Dear customer,\nwelcome.", "channel": "marketing"})");
    CHECK(check_status == 200);
    CHECK(check.find("\"line\": 1, \"column\": 6, \"end_line\": 1, \"end_column\": 13") != std::string::npos);
    CHECK(check.find("\"suggestions\": [\"patient\"]") != std::string::npos);

    // LanguageTool: offsets and lengths in UTF-16 code units (😀 is two).
    Poco::Net::HTMLForm form;
    form.set("text", "Caf\u00e9 \U0001F600 customer here.");
    form.set("language", "en-US");
    std::ostringstream encoded;
    form.write(encoded);
    auto [lt_status, lt] = request(server.port, "POST", "/v2/check", encoded.str(), "application/x-www-form-urlencoded");
    CHECK(lt_status == 200);
    auto root = Poco::JSON::Parser().parse(lt).extract<Poco::JSON::Object::Ptr>();
    auto matches = root->getArray("matches");
    REQUIRE(matches->size() == 1);
    auto match = matches->getObject(0);
    CHECK(match->getValue<int>("offset") == 8);
    CHECK(match->getValue<int>("length") == 8);
    CHECK(match->getArray("replacements")->getObject(0)->getValue<std::string>("value") == "patient");
    CHECK(match->getObject("rule")->getValue<std::string>("id") == "terminology.prefer");
    CHECK(match->getObject("rule")->getValue<std::string>("issueType") == "style");
    CHECK(root->getObject("software")->getValue<std::string>("name") == "Touchpoint");

    // Annotated markup keeps its place in the offsets but is not checked.
    Poco::Net::HTMLForm data;
    data.set("data", R"({"annotation": [{"markup": "<b>"}, {"text": "customer"}, {"markup": "</b>"}, {"text": " customer"}]})");
    std::ostringstream data_encoded;
    data.write(data_encoded);
    auto [data_status, data_result] = request(server.port, "POST", "/v2/check", data_encoded.str(), "application/x-www-form-urlencoded");
    auto data_matches = Poco::JSON::Parser().parse(data_result).extract<Poco::JSON::Object::Ptr>()->getArray("matches");
    REQUIRE(data_matches->size() == 2);
    CHECK(data_matches->getObject(0)->getValue<int>("offset") == 3);
    CHECK(data_matches->getObject(1)->getValue<int>("offset") == 16);

    auto [languages_status, languages] = request(server.port, "GET", "/v2/languages");
    CHECK(languages.find("\"longCode\":\"en-US\"") != std::string::npos);

    // Clear 4xx errors with reasons.
    auto [bad_status, bad] = request(server.port, "POST", "/api/check", "not json");
    CHECK(bad_status == 400);
    CHECK(bad.find("\"error\":\"the body is not a JSON object") != std::string::npos);
    auto [missing_status, missing] = request(server.port, "POST", "/v2/check", "language=en-US", "application/x-www-form-urlencoded");
    CHECK(missing_status == 400);
    CHECK(missing == R"({"error":"missing 'text' or 'data' parameter"})");
    auto [big_status, big] = request(server.port, "POST", "/api/check", std::string(3000, 'x'));
    CHECK(big_status == 413);
    auto [none_status, none] = request(server.port, "GET", "/nowhere");
    CHECK(none_status == 404);

    Poco::Process::kill(server.process);
    server.process.wait();
}

TEST_CASE("serve: a check over the request time limit gets 503, and the server goes on answering") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/></brand>)");
    dir.write("touchpoint.xml", "<touchpoint><brand file=\"brand.xml\"/><plugins dir=\"" +
                                    (test::binary_dir() / "test-plugins" / "faulty").string() + "\"/></touchpoint>");
    Server server = start(dir.path(), {"--allow-project-plugins", "--request-timeout", "0.5"});
    auto [slow_status, slow] = request(server.port, "POST", "/api/check", R"({"text": "forever and ever"})");
    CHECK(slow_status == 503);
    CHECK(slow == R"X({"error":"the check took longer than 0.5 s (--request-timeout)"})X");
    auto [fine_status, fine] = request(server.port, "POST", "/api/check", R"({"text": "a customer"})");
    CHECK(fine_status == 200);
    CHECK(fine.find("terminology.prefer") != std::string::npos);
    Poco::Process::kill(server.process);
    server.process.wait();
}

TEST_CASE("serve: with its check workers stuck past the replacements allowed, the server refuses checks at once and says it is degraded") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/></brand>)");
    dir.write("touchpoint.xml", "<touchpoint><brand file=\"brand.xml\"/><plugins dir=\"" +
                                    (test::binary_dir() / "test-plugins" / "faulty").string() + "\"/></touchpoint>");
    // One worker, and four abandoned ones at most: 64 runaway checks at once use them all up.
    Server server = start(dir.path(), {"--allow-project-plugins", "--jobs", "1", "--request-timeout", "0.5", "--rule-timeout", "60"});
    const std::string runaway = R"({"text": "forever and ever"})";
    const std::string degraded = "every check worker (1) is stuck in a check that was given up, and 4 abandoned workers "
                                 "still run (the limit); checks are refused until one ends";
    // On a loaded machine a round may give up requests before their checks start: rounds
    // go on until the five workers are stuck (at most four).
    for (int round = 0; round < 4 && request(server.port, "GET", "/health").first == 200; ++round) {
        std::vector<std::future<std::pair<int, std::string>>> waiting;
        for (int i = 0; i < 64; ++i)  // each waits in the queue or runs until its request gives up
            waiting.push_back(std::async(std::launch::async, [&] { return request(server.port, "POST", "/api/check", runaway); }));
        for (auto& answer : waiting) {
            auto [status, body] = answer.get();
            CHECK(status == 503);
            CHECK((body.find("took longer than 0.5 s") != std::string::npos || body.find(degraded) != std::string::npos ||
                   body.find("checks wait; try again shortly") != std::string::npos));
        }
    }
    auto [status, body] = request(server.port, "POST", "/api/check", R"({"text": "a customer"})");
    CHECK(status == 503);
    CHECK(body == R"({"error":")" + degraded + "\"}");
    auto [health_status, health] = request(server.port, "GET", "/health");
    CHECK(health_status == 503);  // answering HTTP does not wait for checks
    CHECK(health.find(R"("status":"degraded")") != std::string::npos);
    Poco::Process::kill(server.process);
    server.process.wait();
}

TEST_CASE("serve: asked to stop while a rule runs away, the server ends cleanly after the request time limit") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"/>)");
    dir.write("touchpoint.xml", "<touchpoint><brand file=\"brand.xml\"/><plugins dir=\"" +
                                    (test::binary_dir() / "test-plugins" / "faulty").string() + "\"/></touchpoint>");
    Server server = start(dir.path(), {"--allow-project-plugins", "--request-timeout", "0.3", "--rule-timeout", "60"});
    CHECK(request(server.port, "POST", "/api/check", R"({"text": "forever and ever"})").first == 503);
    Poco::Process::requestTermination(server.process.id());  // SIGINT, as Ctrl-C
    CHECK(server.process.wait() == 0);
}

TEST_CASE("serve: LanguageTool's language is honoured, /v2/languages lists the brand's, /api/check takes lang") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme" locale="en-US" languages="en-US es-US">
      <prefer term="patient" instead-of="client"/>
      <prefer lang="es" term="paciente" instead-of="cliente"/>
    </brand>)");
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/><rule id="spelling" enabled="false"/></touchpoint>)");
    Server server = start(dir.path());

    auto [status, languages] = request(server.port, "GET", "/v2/languages");
    CHECK(status == 200);
    CHECK(languages == R"x([{"code":"en","longCode":"en-US","name":"English (US)"},{"code":"es","longCode":"es-US","name":"Spanish (US)"}])x");

    // "cliente" is a Spanish word only in Spanish text: a short text says too little to
    // detect, so the client's language decides.
    auto form = [](const std::string& text, const std::string& language) {
        Poco::Net::HTMLForm f;
        f.set("text", text);
        f.set("language", language);
        std::ostringstream encoded;
        f.write(encoded);
        return encoded.str();
    };
    auto [es_status, es] = request(server.port, "POST", "/v2/check", form("cliente", "es-US"), "application/x-www-form-urlencoded");
    CHECK(es_status == 200);
    CHECK(es.find("\"replacements\":[{\"value\":\"paciente\"}]") != std::string::npos);
    CHECK(es.find("\"code\":\"es-US\"") != std::string::npos);
    auto [en_status, en] = request(server.port, "POST", "/v2/check", form("client", "en-US"), "application/x-www-form-urlencoded");
    CHECK(en.find("\"replacements\":[{\"value\":\"patient\"}]") != std::string::npos);
    auto [other_status, other] = request(server.port, "POST", "/v2/check", form("client", "fr"), "application/x-www-form-urlencoded");
    CHECK(other_status == 400);
    CHECK(other == R"x({"error":"language 'fr' is not one the brand writes in (en-US, es-US)"})x");

    auto [api_status, api] = request(server.port, "POST", "/api/check", R"({"text": "cliente", "lang": "es"})");
    CHECK(api_status == 200);
    CHECK(api.find("\"lang\": \"es\"") != std::string::npos);
    // The summary's score is the document's (one warning: 95), not 0.
    CHECK(api.find("\"score\": 95, \"passes\": true") != std::string::npos);
    CHECK(api.find("\"score\": 95, \"pass_mark\": 80") != std::string::npos);
    auto [brand_status, brand] = request(server.port, "GET", "/api/brand");
    CHECK(brand.find("\"languages\":[\"en-US\",\"es-US\"]") != std::string::npos);
    Poco::Process::kill(server.process);
}
