#include "server/connection_gate.hpp"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <utility>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace touchpoint {

namespace {

using Clock = std::chrono::steady_clock;

// A connected socket whose reads first return the bytes the gate read while it waited for
// the whole header, then go on to the network; and whose writes stop at a deadline, so
// that a client reading its answer slowly cannot hold a thread for long.
class ReplayingSocketImpl : public Poco::Net::StreamSocketImpl {
public:
    explicit ReplayingSocketImpl(poco_socket_t fd) : StreamSocketImpl(fd) {}

    int sendBytes(const void* buffer, int length, int flags = 0) override {
        try {
            if (std::chrono::steady_clock::now() > send_deadline_) throw Poco::TimeoutException("the client did not read its answer in time");
            return StreamSocketImpl::sendBytes(buffer, length, flags);
        } catch (...) {
            write_failed_ = true;  // part of an answer may have gone: the connection cannot serve another
            throw;
        }
    }
    using StreamSocketImpl::sendBytes;

    int receiveBytes(void* buffer, int length, int flags = 0) override {
        if (unread_.empty() || (flags & MSG_PEEK)) return StreamSocketImpl::receiveBytes(buffer, length, flags);
        size_t n = std::min(unread_.size(), size_t(std::max(length, 0)));
        std::memcpy(buffer, unread_.data(), n);
        unread_.erase(0, n);
        return int(n);
    }
    using StreamSocketImpl::receiveBytes;

    std::string unread_;
    bool write_failed_ = false;
    std::chrono::steady_clock::time_point send_deadline_ = std::chrono::steady_clock::time_point::max();
};

ReplayingSocketImpl& replaying(const Poco::Net::StreamSocket& socket) {
    return static_cast<ReplayingSocketImpl&>(*socket.impl());
}

int fd_of(const Poco::Net::Socket& socket) { return socket.impl()->sockfd(); }

// The gate's own short answers, sent without waiting; the connection is closed after.
void answer_and_close(Poco::Net::StreamSocket& socket, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& why) {
    std::string body = "{\"error\":\"" + why + "\"}";
    std::string answer = "HTTP/1.1 " + std::to_string(int(status)) + " " + Poco::Net::HTTPResponse::getReasonForStatus(status) + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    (void)::send(fd_of(socket), answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    socket.close();
}

// "2", "0.5": seconds as the command line wrote them.
std::string seconds_text(std::chrono::milliseconds time) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", double(time.count()) / 1000);
    return text;
}

}  // namespace

std::string take_unread(const Poco::Net::StreamSocket& socket) { return std::exchange(replaying(socket).unread_, {}); }

bool write_failed(const Poco::Net::StreamSocket& socket) { return replaying(socket).write_failed_; }

void limit_answer_time(const Poco::Net::StreamSocket& socket, std::chrono::steady_clock::duration limit) {
    replaying(socket).send_deadline_ = std::chrono::steady_clock::now() + limit;
}

ConnectionGate::ConnectionGate(Poco::Net::ServerSocket& listener, Limits limits, Dispatch dispatch)
    : listener_(listener), limits_(limits), dispatch_(std::move(dispatch)) {
    if (::pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    listener_.setBlocking(false);
    ::listen(fd_of(listener_), SOMAXCONN);  // Poco listens with a backlog of 64: bursts of connections would wait for SYN retries
    thread_ = std::thread([this] { run(); });
}

ConnectionGate::~ConnectionGate() {
    stopping_ = true;
    (void)!::write(wake_[1], "x", 1);
    thread_.join();
    ::close(wake_[0]);
    ::close(wake_[1]);
}

void ConnectionGate::give_back(Poco::Net::StreamSocket socket, std::string received) {
    {
        std::lock_guard lock(returned_mutex_);
        returned_.push_back({std::move(socket), std::move(received), Clock::now() + limits_.idle});
    }
    (void)!::write(wake_[1], "x", 1);
}

void ConnectionGate::run() {
    std::vector<pollfd> fds;
    while (!stopping_) {
        take_returned();
        fds.assign({{wake_[0], POLLIN, 0}, {fd_of(listener_), POLLIN, 0}});
        for (const Waiting& connection : waiting_) fds.push_back({fd_of(connection.socket), POLLIN, 0});
        int ready = ::poll(fds.data(), fds.size(), poll_timeout_ms(Clock::now()));
        if (ready > 0) {
            if (fds[0].revents) {
                char drain[64];
                while (::read(wake_[0], drain, sizeof drain) > 0) {}
            }
            // Before accepting, which may close the oldest and reorder.
            for (size_t i = 2; i < fds.size(); ++i)
                if (fds[i].revents) receive(waiting_[i - 2]);
            if (fds[1].revents) accept_new();
        }
        expire(Clock::now());
        std::erase_if(waiting_, [](const Waiting& connection) { return connection.done; });
    }
}

void ConnectionGate::accept_new() {
    for (int i = 0; i < 1024; ++i) {
        int fd = ::accept4(fd_of(listener_), nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) {
            // Out of descriptors: the connection that has waited longest makes room.
            if ((errno == EMFILE || errno == ENFILE) && !waiting_.empty()) {
                waiting_.front().socket.close();
                waiting_.erase(waiting_.begin());
            }
            return;
        }
        Poco::Net::StreamSocket socket(new ReplayingSocketImpl(fd));
        socket.setNoDelay(true);  // an answer goes out in two writes: headers, then body
        if (waiting_.size() >= limits_.max_waiting) {
            auto oldest = std::find_if(waiting_.begin(), waiting_.end(), [](const Waiting& c) { return !c.done; });
            if (oldest != waiting_.end()) {
                oldest->socket.close();
                waiting_.erase(oldest);
            }
        }
        waiting_.push_back({std::move(socket), {}, Clock::now() + limits_.idle});
    }
}

void ConnectionGate::take_returned() {
    std::vector<Waiting> returned;
    {
        std::lock_guard lock(returned_mutex_);
        returned.swap(returned_);
    }
    for (Waiting& connection : returned) {
        pass_on_if_whole(connection);
        if (!connection.done) waiting_.push_back(std::move(connection));
    }
}

void ConnectionGate::receive(Waiting& connection) {
    if (connection.done) return;
    char buffer[8192];
    ssize_t n = ::recv(fd_of(connection.socket), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) {  // closed by the client, or broken
        connection.socket.close();
        connection.done = true;
        return;
    }
    connection.received.append(buffer, size_t(n));
    if (connection.body_end == 0 && connection.received.size() > limits_.max_header_bytes &&
        header_end(connection.received) == std::string::npos) {
        answer_and_close(connection.socket, Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                         "the request header is over the limit of " + std::to_string(limits_.max_header_bytes >> 10) + " KiB");
        connection.done = true;
        return;
    }
    pass_on_if_whole(connection);
}

void ConnectionGate::pass_on_if_whole(Waiting& connection) {
    using Poco::Net::HTTPResponse;
    if (!connection.waiting_for_body) {
        size_t end = header_end(connection.received);
        if (end == std::string::npos) return;
        if (auto [status, why] = header_fault(connection.received); !why.empty()) return refuse(connection, status, why);
        Framing framing = framing_of(std::string_view(connection.received).substr(0, end));
        if (!framing.expectation.empty())
            return refuse(connection, HTTPResponse::HTTP_EXPECTATION_FAILED,
                          "the server meets no expectation but 100-continue, not '" + framing.expectation + "'");
        if (framing.kind == Framing::declared && framing.length > limits_.max_body_bytes)
            return refuse(connection, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, body_too_large(limits_.max_body_bytes));
        if (framing.kind == Framing::declared || framing.kind == Framing::chunked) {
            if (framing.expects_continue) {
                // The gate says "100 Continue" itself and waits for the body like any other;
                // the server then reads a request that expects nothing.
                static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
                (void)::send(fd_of(connection.socket), go_on.data(), go_on.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
                connection.received.erase(framing.expect_line, framing.expect_line_end - framing.expect_line);
                end -= framing.expect_line_end - framing.expect_line;
                framing = framing_of(std::string_view(connection.received).substr(0, end));
            }
            connection.waiting_for_body = true;
            connection.framing = framing;
            connection.header_end = end;
            connection.body_end = framing.kind == Framing::chunked ? end : end + framing.length;
            connection.deadline = Clock::now() + limits_.body_time;
        }
    }
    if (connection.waiting_for_body && connection.framing.kind == Framing::declared &&
        connection.received.size() < connection.body_end)
        return;
    if (connection.waiting_for_body && connection.framing.kind == Framing::chunked) {
        switch (read_chunks(connection.received, connection.body_end, connection.body, limits_.max_body_bytes)) {
        case Chunks::partial: return;
        case Chunks::too_large:
            return refuse(connection, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, body_too_large(limits_.max_body_bytes));
        case Chunks::malformed:
            return refuse(connection, HTTPResponse::HTTP_BAD_REQUEST, "the chunked body is malformed (a chunk size that is not hexadecimal?)");
        case Chunks::complete: dechunk(connection); break;
        }
    }
    connection.done = true;
    replaying(connection.socket).unread_ = std::move(connection.received);
    if (!dispatch_(connection.socket))
        answer_and_close(connection.socket, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "the server is busy; try again shortly");
}

// A chunked request the gate has read whole goes on as one of declared length: no reader
// after the gate parses chunks or trailers, so none can read them differently.
void ConnectionGate::dechunk(Waiting& connection) {
    const Framing& framing = connection.framing;
    std::string header = connection.received.substr(0, framing.coding_line) +
                         connection.received.substr(framing.coding_line_end, connection.header_end - framing.coding_line_end);
    header.insert(header.size() - (header.ends_with("\r\n") ? 2 : 1), "Content-Length: " + std::to_string(connection.body.size()) + "\r\n");
    connection.received = header + connection.body + connection.received.substr(connection.body_end);
    connection.body.clear();
}

void ConnectionGate::refuse(Waiting& connection, Poco::Net::HTTPResponse::HTTPStatus status, const std::string& why) {
    connection.done = true;
    answer_and_close(connection.socket, status, why);
}

// A connection that sent nothing is closed without a word; one in the middle of a header,
// with 408.
void ConnectionGate::expire(Clock::time_point now) {
    for (Waiting& connection : waiting_) {
        if (connection.done || now < connection.deadline) continue;
        if (connection.received.empty()) connection.socket.close();
        else if (connection.waiting_for_body)
            answer_and_close(connection.socket, Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT,
                             "the request body did not arrive within " + seconds_text(limits_.body_time) + " s (--request-timeout)");
        else answer_and_close(connection.socket, Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT, "the request header did not arrive in time (--idle-timeout)");
        connection.done = true;
    }
}

int ConnectionGate::poll_timeout_ms(Clock::time_point now) const {
    auto next = now + std::chrono::seconds(1);
    for (const Waiting& connection : waiting_) next = std::min(next, connection.deadline);
    return int(std::max<int64_t>(0, std::chrono::ceil<std::chrono::milliseconds>(next - now).count()));
}

}  // namespace touchpoint
