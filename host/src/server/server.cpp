#include "server/server.hpp"

#include "server/api.hpp"
#include "server/connection_gate.hpp"
#include "server/service.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>

namespace touchpoint {
namespace {

using Poco::JSON::Object;

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
            handle_request(service, socket, request, response);
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
