// touchpoint serve against hostile and broken clients, on loopback: idle and slow
// connections, runaway checks, malformed input, ambiguous request framing. Every bound on
// time here is a generous one, there only to tell a prompt answer from a hang.
#include "support.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <thread>

using namespace touchpoint;
using Poco::Net::HTTPRequest;
using Poco::Net::StreamSocket;
using Clock = std::chrono::steady_clock;

namespace {

struct Server {
    Poco::ProcessHandle process;
    unsigned port = 0;
    ~Server() {
        try {
            Poco::Process::kill(process);
            process.wait();
        } catch (const Poco::Exception&) {  // already ended
        }
    }
};

std::unique_ptr<Server> start(const std::filesystem::path& cwd, const std::vector<std::string>& extra = {}) {
    Poco::Pipe out;
    std::vector<std::string> args{"serve", "--port", "0", "--allow-project-plugins"};
    args.insert(args.end(), extra.begin(), extra.end());
    Poco::ProcessHandle process =
        Poco::Process::launch((test::binary_dir() / "bin" / "touchpoint").string(), args, cwd.string(), nullptr, &out, nullptr);
    Poco::PipeInputStream stream(out);
    std::string line;
    std::getline(stream, line);  // "touchpoint: serving on http://127.0.0.1:PORT"
    std::unique_ptr<Server> server(new Server{process, 0});
    REQUIRE(line.find("serving on http://127.0.0.1:") != std::string::npos);
    server->port = unsigned(std::stoul(line.substr(line.rfind(':') + 1)));
    return server;
}

// A project with one preferred term, and the faulty test plugin when asked: its rule
// never ends on a text with "forever" in it.
void write_project(test::ScratchDir& dir, bool faulty = false) {
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/></brand>)");
    std::string plugins = faulty ? "<plugins dir=\"" + (test::binary_dir() / "test-plugins" / "faulty").string() + "\"/>" : "";
    dir.write("touchpoint.xml", "<touchpoint><brand file=\"brand.xml\"/><rule id=\"spelling\" enabled=\"false\"/>" + plugins +
                                    "</touchpoint>");
}

// Status -1 when no answer came within `seconds`.
std::pair<int, std::string> request(unsigned port, const std::string& method, const std::string& path,
                                    const std::string& body = "", double seconds = 10,
                                    const std::string& type = "application/json") {
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", Poco::UInt16(port));
        session.setTimeout(Poco::Timespan(Poco::Timespan::TimeDiff(seconds * 1e6)));
        HTTPRequest request(method, path, HTTPRequest::HTTP_1_1);
        if (method == "POST") {
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
    } catch (const Poco::Exception&) {
        return {-1, ""};
    }
}

StreamSocket connect(unsigned port) {
    StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", Poco::UInt16(port)));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    return socket;
}

// Everything the server sends until it closes the connection (or 10 s pass).
std::string read_until_closed(StreamSocket& socket) {
    std::string received;
    char buffer[4096];
    try {
        for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) received.append(buffer, size_t(n));
    } catch (const Poco::Exception&) {
        received += "<no close within 10 s>";
    }
    return received;
}

// Sends raw bytes on a new connection and returns all the server answers before closing.
std::string raw_exchange(unsigned port, const std::string& bytes) {
    StreamSocket socket = connect(port);
    socket.sendBytes(bytes.data(), int(bytes.size()));
    return read_until_closed(socket);
}

// `clients` connections that each send `partial` (a request begun) and then stall.
std::vector<StreamSocket> stalled_clients(unsigned port, int clients, const std::string& partial) {
    std::vector<StreamSocket> stalled;
    for (int i = 0; i < clients; ++i) {
        stalled.push_back(connect(port));
        stalled.back().sendBytes(partial.data(), int(partial.size()));
    }
    return stalled;
}

// A check asked while others stall must be answered at once: within 2 s (the idle timeout
// is 5 s), with its finding.
void check_answered_at_once(unsigned port) {
    auto started = Clock::now();
    auto [check_status, check] = request(port, "POST", "/api/check", R"({"text": "a customer"})", 3);
    CHECK(check_status == 200);
    CHECK(check.find("terminology.prefer") != std::string::npos);
    CHECK(Clock::now() - started < std::chrono::seconds(2));
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("serve hostile: a new client is answered at once while 100 idle and 20 half-sent connections are open") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());  // the default idle timeout, longer than the test waits
    std::vector<StreamSocket> idle;
    for (int i = 0; i < 100; ++i) idle.push_back(connect(server->port));
    for (int i = 0; i < 20; ++i) {
        idle.push_back(connect(server->port));
        std::string partial = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        idle.back().sendBytes(partial.data(), int(partial.size()));
    }
    auto [status, body] = request(server->port, "GET", "/health", "", 3);
    CHECK(status == 200);
    auto [check_status, check] = request(server->port, "POST", "/api/check", R"({"text": "a customer"})", 3);
    CHECK(check_status == 200);
    CHECK(check.find("terminology.prefer") != std::string::npos);
}

TEST_CASE("serve hostile: a new client is answered at once while 100 clients stall in their request bodies") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());  // the default timeouts, longer than the test waits
    // Each declares a body of 1,000 bytes and sends a few: they wait at the gate, holding
    // no connection thread (there are 64), so they keep nobody waiting.
    std::vector<StreamSocket> stalled =
        stalled_clients(server->port, 100, "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                           "Connection: close\r\nContent-Length: 1000\r\n\r\n{\"text\":\"");
    check_answered_at_once(server->port);  // it used to take 5 s, the idle timeout
    // A stalled body that does come whole is answered.
    std::string rest = "a customer\"}" + std::string(1000 - 9 - 12, ' ');
    stalled.front().sendBytes(rest.data(), int(rest.size()));
    CHECK(read_until_closed(stalled.front()).find("HTTP/1.1 200 OK\r\n") == 0);
}

TEST_CASE("serve hostile: clients stalling in chunked bodies hold no thread, and a stop does not wait for them") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());  // the default timeouts, longer than the test waits
    std::vector<StreamSocket> stalled =
        stalled_clients(server->port, 100, "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                           "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n{\"text\":\"\r\n");
    check_answered_at_once(server->port);
    // A chunked body that does come whole, in pieces, is answered.
    for (std::string piece : {std::string("a custo"), std::string("mer\"}")}) {
        std::string chunk = (piece.size() < 10 ? std::to_string(piece.size()) : "a") + "\r\n" + piece + "\r\n";
        stalled.front().sendBytes(chunk.data(), int(chunk.size()));
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stalled.front().sendBytes("0\r\n\r\n", 5);
    std::string answer = read_until_closed(stalled.front());
    CHECK(answer.find("HTTP/1.1 200 OK\r\n") == 0);
    CHECK(answer.find("terminology.prefer") != std::string::npos);
    // Asked to stop, the server does not wait for the 99 others.
    auto started = Clock::now();
    Poco::Process::requestTermination(server->process.id());
    CHECK(server->process.wait() == 0);
    CHECK(Clock::now() - started < std::chrono::seconds(3));
}

TEST_CASE("serve hostile: Expect: 100-continue is answered at the gate; an oversized body gets 413 first, another expectation 417") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--max-request-size", "1"});
    std::string big = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                                 "Content-Length: 5000\r\n\r\n");
    CHECK(big.starts_with("HTTP/1.1 413 Request Entity Too Large\r\n"));
    CHECK(big.find("100 Continue") == std::string::npos);
    CHECK(big.find("the request is over the limit of 1 KiB") != std::string::npos);
    std::string odd = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}");
    CHECK(odd.starts_with("HTTP/1.1 417 Expectation Failed\r\n"));
    CHECK(odd.find("not '200-ok'") != std::string::npos);
    // One "100 Continue", then the answer to the body sent after it.
    StreamSocket socket = connect(server->port);
    std::string body = R"({"text": "a customer"})";
    std::string head = "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\n"
                       "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    socket.sendBytes(head.data(), int(head.size()));
    char buffer[256];
    int n = socket.receiveBytes(buffer, sizeof buffer);
    CHECK(std::string(buffer, size_t(std::max(n, 0))) == "HTTP/1.1 100 Continue\r\n\r\n");
    socket.sendBytes(body.data(), int(body.size()));
    std::string answer = read_until_closed(socket);
    CHECK(answer.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(count(answer, "100 Continue") == 0);
    CHECK(answer.find("terminology.prefer") != std::string::npos);
}

TEST_CASE("serve hostile: a malformed chunk size is refused and the connection closed: nothing in the body is read as a request") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    std::string smuggled = "GET /api/rules HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    for (std::string size : {"-", "x", ";", "-1\r\n", "1_\r\n"}) {
        std::string answer = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + size + smuggled);
        INFO(size);
        CHECK(answer.starts_with("HTTP/1.1 400 Bad Request\r\n"));
        CHECK(answer.find("the chunked body is malformed") != std::string::npos);
        CHECK(count(answer, "HTTP/1.1 ") == 1);
    }
}

TEST_CASE("serve hostile: a chunked body's trailer is read through, so the next pipelined request is answered") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    std::string body = R"({"text":"A customer came."})";
    char size[16];
    std::snprintf(size, sizeof size, "%zx", body.size());
    std::string answer = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                                        std::string(size) + "\r\n" + body + "\r\n0\r\nX: 1\r\nY: 2\r\n\r\n"
                                                        "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(answer.find("terminology.prefer") != std::string::npos);
    CHECK(count(answer, "HTTP/1.1 200 OK\r\n") == 2);
}

TEST_CASE("serve hostile: a request line without HTTP/1.x is refused; a POST without a body is answered at once") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    CHECK(raw_exchange(server->port, "GET /health JUNK\r\n\r\n").starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(raw_exchange(server->port, "GET /nope\r\nHost: x\r\n\r\n").starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(raw_exchange(server->port, "GET /nope HTTP/9.9\r\n\r\n").starts_with("HTTP/1.1 505 HTTP Version Not Supported\r\n"));
    auto started = Clock::now();
    std::string empty = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(empty.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(Clock::now() - started < std::chrono::seconds(2));  // it waited for the idle timeout
}

TEST_CASE("serve hostile: past 512 idle connections the one that waited longest is closed, and new clients are answered") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--idle-timeout", "60"});
    std::vector<StreamSocket> idle;
    for (int i = 0; i < 600; ++i) idle.push_back(connect(server->port));
    CHECK(read_until_closed(idle.front()).empty());  // closed at once to make room, not after the idle timeout
    auto [status, body] = request(server->port, "GET", "/health", "", 3);
    CHECK(status == 200);
}

TEST_CASE("serve hostile: an idle connection, a header sent byte by byte and a slow body are cut off after --idle-timeout") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--idle-timeout", "1", "--request-timeout", "2"});

    StreamSocket silent = connect(server->port);
    CHECK(read_until_closed(silent).empty());  // closed without a word

    // One byte of a header every 200 ms: each read makes progress, the whole header never comes.
    StreamSocket trickle = connect(server->port);
    std::string head = "GET /health HTTP/1.1\r\nX-Slow: ";
    trickle.sendBytes(head.data(), int(head.size()));
    auto started = Clock::now();
    std::string answer;
    try {
        while (Clock::now() - started < std::chrono::seconds(10)) {
            trickle.sendBytes("a", 1);
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            if (trickle.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) break;
        }
        answer = read_until_closed(trickle);
    } catch (const Poco::Exception&) {  // reset by the server: cut off too
    }
    CHECK(Clock::now() - started < std::chrono::seconds(10));
    CHECK((answer.empty() || answer.starts_with("HTTP/1.1 408 Request Time-out\r\n")));

    // A body of 100,000 bytes announced, 100 bytes sent every 200 ms.
    StreamSocket slow_body = connect(server->port);
    std::string post = "POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
    slow_body.sendBytes(post.data(), int(post.size()));
    started = Clock::now();
    answer.clear();
    try {
        while (Clock::now() - started < std::chrono::seconds(10)) {
            std::string part(100, ' ');
            slow_body.sendBytes(part.data(), int(part.size()));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            if (slow_body.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) break;
        }
        answer = read_until_closed(slow_body);
    } catch (const Poco::Exception&) {
    }
    CHECK(Clock::now() - started < std::chrono::seconds(10));
    CHECK(answer.starts_with("HTTP/1.1 408 Request Time-out\r\n"));
    CHECK(answer.find(R"X({"error":"the request body did not arrive within 2 s (--request-timeout)"})X") != std::string::npos);

    CHECK(request(server->port, "GET", "/health").first == 200);
}

TEST_CASE("serve hostile: a header over the limit gets 431, and memory stays bounded") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    std::string answer = raw_exchange(server->port, "GET /health HTTP/1.1\r\nX-Big: " + std::string(100000, 'a') + "\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    CHECK(request(server->port, "GET", "/health").first == 200);
}

TEST_CASE("serve hostile: a worker stuck in a check that was given up is replaced, up to a limit; then /health is degraded") {
    test::ScratchDir dir;
    write_project(dir, true);
    // One worker; four may be abandoned (four times the workers).
    auto server = start(dir.path(), {"--jobs", "1", "--request-timeout", "0.3"});
    const std::string runaway = R"({"text": "forever and ever"})";
    for (int i = 0; i < 4; ++i) {
        auto [status, body] = request(server->port, "POST", "/api/check", runaway);
        CHECK(status == 503);
        CHECK(body == R"X({"error":"the check took longer than 0.3 s (--request-timeout)"})X");
        auto [fine_status, fine] = request(server->port, "POST", "/api/check", R"({"text": "a customer"})");
        CHECK(fine_status == 200);
        CHECK(fine.find("terminology.prefer") != std::string::npos);
    }
    auto [health_status, health] = request(server->port, "GET", "/health");
    CHECK(health_status == 200);
    CHECK(health.find(R"("status":"ok")") != std::string::npos);
    CHECK(health.find(R"("abandoned_workers":4)") != std::string::npos);

    // The fifth takes the last worker, and no replacement is allowed.
    CHECK(request(server->port, "POST", "/api/check", runaway).first == 503);
    const std::string why = "every check worker (1) is stuck in a check that was given up, and 4 abandoned workers still "
                            "run (the limit); checks are refused until one ends";
    std::tie(health_status, health) = request(server->port, "GET", "/health");
    CHECK(health_status == 503);
    CHECK(health.find(R"("status":"degraded")") != std::string::npos);
    CHECK(health.find(R"("reason":")" + why + "\"") != std::string::npos);
    auto [refused_status, refused] = request(server->port, "POST", "/api/check", R"({"text": "a customer"})");
    CHECK(refused_status == 503);
    CHECK(refused == R"({"error":")" + why + "\"}");
    CHECK(raw_exchange(server->port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .starts_with("HTTP/1.1 503 Service Unavailable\r\n"));
}

TEST_CASE("serve hostile: a NUL in the text, damaged base64, a damaged document and an unknown channel get 4xx with a reason") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    auto [nul_status, nul] = request(server->port, "POST", "/api/check", R"({"text": "a customer\u0000 here"})");
    CHECK(nul_status == 422);
    CHECK(nul == R"({"error":"draft.txt cannot be checked: a binary file"})");
    auto [lt_status, lt] = request(server->port, "GET", "/v2/check?language=en-US&text=a%20customer%00here");
    CHECK(lt_status == 422);
    CHECK(lt.find("\"error\":\"draft.txt cannot be checked") != std::string::npos);

    auto [base64_status, base64] = request(server->port, "POST", "/api/check", R"({"base64": "UEsDB!!*not base64*", "file": "a.docx"})");
    CHECK(base64_status == 400);
    CHECK(base64 == R"({"error":"\"base64\" is not base64"})");
    // Valid base64 ("this is no zip archive"), but not a Word file.
    auto [docx_status, docx] = request(server->port, "POST", "/api/check", R"({"base64": "dGhpcyBpcyBubyB6aXAgYXJjaGl2ZQ==", "file": "a.docx"})");
    CHECK(docx_status == 422);
    CHECK(docx.find("\"error\":\"a.docx cannot be checked") != std::string::npos);

    auto [channel_status, channel] = request(server->port, "POST", "/api/check", R"({"text": "a customer", "channel": "nonesuch"})");
    CHECK(channel_status == 400);
    CHECK(channel == R"({"error":"unknown channel 'nonesuch'; known channels: marketing, script, signage"})");
    auto [type_status, type] = request(server->port, "POST", "/api/check", R"({"text": "a customer", "channel": 7})");
    CHECK(type_status == 400);
    CHECK(type == R"({"error":"\"channel\" must be a string"})");
}

TEST_CASE("serve hostile: every status line carries its own reason phrase") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--max-request-size", "1"});
    auto status_line = [&](const std::string& raw) {
        std::string answer = raw_exchange(server->port, raw);
        return answer.substr(0, answer.find("\r\n"));
    };
    CHECK(status_line("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == "HTTP/1.1 200 OK");
    CHECK(status_line("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") == "HTTP/1.1 404 Not Found");
    CHECK(status_line("POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 8\r\n\r\nnot json") ==
          "HTTP/1.1 400 Bad Request");
    CHECK(status_line("POST /api/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3000\r\n\r\n" +
                      std::string(3000, ' ')) == "HTTP/1.1 413 Request Entity Too Large");
}

TEST_CASE("serve hostile: ambiguous request framing is refused with 400 and the connection closed") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    const std::string smuggled = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string body = R"({"text": "a customer"})";
    const std::string length = std::to_string(body.size());

    std::string two_lengths = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: " + length +
                                                             "\r\nContent-Length: 5\r\n\r\n" + body + smuggled);
    CHECK(two_lengths.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(two_lengths.find(R"({"error":"the request has more than one Content-Length"})") != std::string::npos);
    CHECK(count(two_lengths, "HTTP/1.1 ") == 1);

    std::string length_and_chunked =
        raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
    CHECK(length_and_chunked.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(length_and_chunked.find(R"({"error":"the request has both Content-Length and Transfer-Encoding"})") != std::string::npos);
    CHECK(count(length_and_chunked, "HTTP/1.1 ") == 1);

    std::string odd_coding = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + smuggled);
    CHECK(odd_coding.starts_with("HTTP/1.1 501 Not Implemented\r\n"));
    CHECK(count(odd_coding, "HTTP/1.1 ") == 1);

    std::string not_a_number = raw_exchange(server->port, "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n" + smuggled);
    CHECK(not_a_number.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(count(not_a_number, "HTTP/1.") == 1);

    // A body the server had no use for is never read as a second request.
    std::string unread = raw_exchange(server->port, "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                        std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled);
    CHECK(unread.starts_with("HTTP/1.1 404 Not Found\r\n"));
    CHECK(count(unread, "HTTP/1.1 ") == 1);

    // A well-framed request on the same kind of connection is still kept alive.
    std::string kept = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: " + length +
                                                      "\r\n\r\n" + body + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    CHECK(count(kept, "HTTP/1.1 200 OK\r\n") == 2);
}

TEST_CASE("serve hostile: a header Poco's reader would refuse gets its status and reason, never a bare 400") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path());
    auto answer = [&](const std::string& raw) { return raw_exchange(server->port, raw); };
    std::string big_field = answer("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(66000, 'a') + "\r\n\r\n");
    CHECK(big_field.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    CHECK(big_field.find(R"({"error":"a header field is over 8 KiB"})") != std::string::npos);
    std::string many;
    for (int i = 0; i < 200; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
    std::string too_many = answer("GET /health HTTP/1.1\r\nHost: x\r\n" + many + "\r\n");
    CHECK(too_many.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    CHECK(too_many.find("more than 100 header fields") != std::string::npos);
    // White space before the colon makes a field two readers see differently (RFC 9112 §5.1).
    std::string spaced = answer("POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length : 2\r\n\r\n{}");
    CHECK(spaced.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(spaced.find("has white space before its colon") != std::string::npos);
    std::string listed = answer("POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\n{}");
    CHECK(listed.starts_with("HTTP/1.1 400 Bad Request\r\n"));
    CHECK(listed.find("\"error\"") != std::string::npos);
    CHECK(answer("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST_CASE("serve hostile: a chunked body over the request size limit gets 413") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--max-request-size", "1"});
    std::string chunks;
    for (int i = 0; i < 4; ++i) chunks += "400\r\n" + std::string(1024, ' ') + "\r\n";
    std::string answer = raw_exchange(server->port, "POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n");
    CHECK(answer.starts_with("HTTP/1.1 413 Request Entity Too Large\r\n"));
}

TEST_CASE("serve hostile: a client that does not read its answer is cut off after --request-timeout") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--idle-timeout", "1", "--request-timeout", "2"});
    // 30,000 findings: an answer of about 10 MB, more than the sockets' buffers hold.
    std::string text;
    for (int i = 0; i < 30000; ++i) text += "customer\\n";
    std::string body = "{\"text\": \"" + text + "\"}";
    StreamSocket socket(Poco::Net::SocketAddress::IPv4);
    socket.setReceiveBufferSize(4096);
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", Poco::UInt16(server->port)));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    std::string head = "POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    socket.sendBytes(head.data(), int(head.size()));
    socket.sendBytes(body.data(), int(body.size()));
    std::this_thread::sleep_for(std::chrono::seconds(6));  // reads nothing meanwhile
    std::string answer;
    char buffer[65536];
    try {
        for (int n; (n = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, size_t(n));
    } catch (const Poco::Exception&) {  // reset by the server
    }
    REQUIRE(answer.starts_with("HTTP/1.1 200 OK\r\n"));
    size_t length_at = answer.find("Content-Length: ") + 16;
    size_t announced = std::stoul(answer.substr(length_at));
    CHECK(announced > 5000000);
    CHECK(answer.size() - answer.find("\r\n\r\n") - 4 < announced);  // cut off before the end
    CHECK(request(server->port, "GET", "/health").first == 200);
}

// Peak memory of a process, from Linux's /proc.
size_t peak_kib(Poco::ProcessHandle::PID pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("VmHWM:")) return std::stoul(line.substr(6));
    return 0;
}

TEST_CASE("serve hostile: many findings on one long line hold the line once, not once per finding") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--request-timeout", "60"});
    CHECK(request(server->port, "GET", "/health").first == 200);
    size_t before = peak_kib(server->process.id());
    // 6,000 findings on one line of 54 KB: 324 MB if each finding kept its own copy.
    std::string text;
    for (int i = 0; i < 6000; ++i) text += "customer ";
    auto [status, body] = request(server->port, "POST", "/api/check", "{\"text\": \"" + text + "\"}", 60);
    CHECK(status == 200);
    CHECK(count(body, "\"rule\": \"terminology.prefer\"") == 6000);
    CHECK(peak_kib(server->process.id()) - before < 100 * 1024);

    // LanguageTool's context is a few words around each match, not the line again.
    std::string form = "language=en-US&text=";
    for (int i = 0; i < 6000; ++i) form += "customer%20";
    auto [lt_status, lt] = request(server->port, "POST", "/v2/check", form, 60, "application/x-www-form-urlencoded");
    CHECK(lt_status == 200);
    CHECK(count(lt, "\"id\":\"terminology.prefer\"") == 6000);
    CHECK(lt.size() < 6000 * 1000);
    // Each match away from the ends: 40 characters before it, the match, 40 after.
    std::string window = text.substr(900 - 40, 40 + 8 + 40);
    CHECK(lt.find(R"("context":{"length":8,"offset":40,"text":")" + window + "\"}") != std::string::npos);
}

TEST_CASE("serve hostile: a hundred thousand findings on one line are answered in time linear in the line") {
    test::ScratchDir dir;
    write_project(dir);
    auto server = start(dir.path(), {"--request-timeout", "120"});
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "customer ";
    auto started = Clock::now();
    auto [status, body] = request(server->port, "POST", "/api/check", "{\"text\": \"" + text + "\"}", 120);
    CHECK(status == 200);
    CHECK(Clock::now() - started < std::chrono::seconds(20));  // 3 s here; 40 s when each column was counted from the line's start
    CHECK(body.find("\"line\": 1, \"column\": 899992, \"end_line\": 1, \"end_column\": 899999") != std::string::npos);
}

TEST_CASE("serve hostile: --idle-timeout takes a number of seconds") {
    test::ScratchDir dir;
    write_project(dir);
    auto result = test::run_touchpoint({"serve", "--port", "0", "--idle-timeout", "0"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "touchpoint: error: --idle-timeout takes a number of seconds, not '0'\n");
}

TEST_CASE("serve hostile: a brand pattern that backtracks without end is given up, and the next check still gets its findings") {
    test::ScratchDir dir;
    dir.write("brand.xml", R"(<brand name="Acme"><prefer term="patient" instead-of="customer"/>)"
                           R"(<avoid pattern="(a+)+$" reason="Catastrophic backtracking."/></brand>)");
    dir.write("touchpoint.xml", R"(<touchpoint><brand file="brand.xml"/><rule id="spelling" enabled="false"/></touchpoint>)");
    auto server = start(dir.path(), {"--jobs", "1", "--request-timeout", "0.5"});
    auto [runaway_status, runaway] = request(server->port, "POST", "/api/check", "{\"text\": \"" + std::string(40, 'a') + "!\"}");
    CHECK(runaway_status == 503);
    CHECK(runaway == R"X({"error":"the check took longer than 0.5 s (--request-timeout)"})X");
    auto [status, body] = request(server->port, "POST", "/api/check", R"({"text": "a customer"})");
    CHECK(status == 200);
    CHECK(body.find("terminology.prefer") != std::string::npos);
    auto [health_status, health] = request(server->port, "GET", "/health");
    CHECK(health_status == 200);
    CHECK(health.find(R"("abandoned_workers":1)") != std::string::npos);
}
