// Where touchpoint serve's connections wait for a request: one thread polls them all, and
// a connection is handed to a thread of the connection pool only once its request header
// has arrived whole, with its body when it declares a length. So idle connections, and
// clients that send a header or a body slowly, hold no thread: they cannot keep the
// others waiting, and are closed after the idle timeout (a body: the request timeout).
#pragma once

#include "server/http_framing.hpp"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace touchpoint {

class ConnectionGate {
public:
    struct Limits {
        std::chrono::milliseconds idle{5000};  // from connecting, or from the last answer, to a whole header
        size_t max_header_bytes = 64 << 10;     // a larger header gets 431
        size_t max_waiting = 512;               // past that, the connection that has waited longest is closed
        // A body (of a declared length, or chunked) up to this waits at the gate too, so
        // that a client stalling in its body holds no thread; it gets 408 after
        // `body_time`, and 413 past this size.
        size_t max_body_bytes = 1 << 20;
        std::chrono::milliseconds body_time{10000};
    };
    // Takes a connection whose request header has arrived whole (it reads the bytes the
    // gate read first); false when it cannot, and the connection is refused with 503.
    using Dispatch = std::function<bool(Poco::Net::StreamSocket)>;

    ConnectionGate(Poco::Net::ServerSocket& listener, Limits limits, Dispatch dispatch);
    ~ConnectionGate();  // stops, closing the connections that wait
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    // A kept-alive connection back after its answer, with the bytes of its next request
    // already read (pipelined); from any thread.
    void give_back(Poco::Net::StreamSocket socket, std::string received);

private:
    struct Waiting {
        Poco::Net::StreamSocket socket;
        std::string received;
        std::chrono::steady_clock::time_point deadline;
        bool done = false;  // dispatched or closed
        bool waiting_for_body = false;
        bool chunked = false;
        size_t header_end = 0;
        size_t body_end = 0;  // where the body ends in `received`; chunked: where its next chunk starts
        Framing framing;
        std::string body;     // chunked: the chunks' bytes read so far
    };
    void run();
    void accept_new();
    void take_returned();
    void receive(Waiting& connection);
    void pass_on_if_whole(Waiting& connection);
    void dechunk(Waiting& connection);
    void refuse(Waiting& connection, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& why);
    void expire(std::chrono::steady_clock::time_point now);
    int poll_timeout_ms(std::chrono::steady_clock::time_point now) const;

    Poco::Net::ServerSocket& listener_;
    Limits limits_;
    Dispatch dispatch_;
    std::vector<Waiting> waiting_;  // the gate thread's own
    std::mutex returned_mutex_;
    std::vector<Waiting> returned_;
    int wake_[2] = {-1, -1};  // a pipe: a connection came back, or stopping
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

// Why a body over the limit is refused (413), in the gate and in the server alike.
std::string body_too_large(size_t max_body_bytes);

// The bytes the gate read from a connection that its reader has not taken yet.
std::string take_unread(const Poco::Net::StreamSocket& socket);

// Writes to the connection fail once `limit` has passed (each write also waits at most
// the socket's send timeout).
void limit_answer_time(const Poco::Net::StreamSocket& socket, std::chrono::steady_clock::duration limit);

// Whether a write to the connection failed (the answer may have gone in part).
bool write_failed(const Poco::Net::StreamSocket& socket);

}  // namespace touchpoint
