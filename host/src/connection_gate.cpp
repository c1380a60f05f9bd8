#include "connection_gate.hpp"

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

bool has_whole_header(const std::string& received) {
    return received.find("\r\n\r\n") != std::string::npos || received.find("\n\n") != std::string::npos;
}

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
    if (connection.body_end == 0 && connection.received.size() > limits_.max_header_bytes && !has_whole_header(connection.received)) {
        answer_and_close(connection.socket, Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                         "the request header is over the limit of " + std::to_string(limits_.max_header_bytes >> 10) + " KiB");
        connection.done = true;
        return;
    }
    pass_on_if_whole(connection);
}

// Why a whole header cannot be read as HTTP, within the limits Poco's reader has (a field
// name of 256 bytes, a value of 8 KiB, 100 fields), or "": said here with the status a
// client can act on, rather than as Poco's bare 400.
static std::pair<Poco::Net::HTTPResponse::HTTPStatus, std::string> header_fault(std::string_view received) {
    using Poco::Net::HTTPResponse;
    size_t end = received.find("\r\n\r\n");
    if (end == std::string_view::npos) end = received.find("\n\n");
    std::string_view header = received.substr(0, end);
    size_t first_line = header.find('\n');
    if (first_line == std::string_view::npos) return {HTTPResponse::HTTP_OK, ""};
    int fields = 0;
    for (size_t pos = first_line + 1; pos < header.size();) {
        size_t next = header.find('\n', pos);
        if (next == std::string_view::npos) next = header.size();
        std::string_view line = header.substr(pos, next - pos);
        pos = next + 1;
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty()) continue;
        if (line.front() == ' ' || line.front() == '\t') continue;  // a folded continuation: Poco's to judge
        ++fields;
        size_t colon = line.find(':');
        if (colon != std::string_view::npos && colon > 0 && (line[colon - 1] == ' ' || line[colon - 1] == '\t'))
            return {HTTPResponse::HTTP_BAD_REQUEST, "the header field '" + std::string(line.substr(0, std::min<size_t>(colon, 64))) +
                                                        "' has white space before its colon"};
        if (colon != std::string_view::npos && colon > 256)
            return {HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "a header field name is over 256 bytes"};
        if (line.size() > 8192 + 258)
            return {HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "a header field is over 8 KiB"};
    }
    if (fields > 100) return {HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, "the request has more than 100 header fields"};
    return {HTTPResponse::HTTP_OK, ""};
}

// Where the header ends in `received` (past its blank line); npos while it has not.
static size_t header_end(std::string_view received) {
    size_t crlf = received.find("\r\n\r\n"), lf = received.find("\n\n");
    if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) return crlf + 4;
    return lf == std::string_view::npos ? lf : lf + 2;
}

// The body length a header declares with one Content-Length of digits, no
// Transfer-Encoding and no Expect; anything else (none, two, chunked) is the server's.
static std::optional<size_t> declared_length(std::string_view header) {
    std::optional<size_t> length;
    for (size_t pos = header.find('\n'); pos != std::string_view::npos && pos + 1 < header.size();) {
        size_t next = header.find('\n', pos + 1);
        std::string_view line = header.substr(pos + 1, (next == std::string_view::npos ? header.size() : next) - pos - 1);
        pos = next;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string name(line.substr(0, colon));
        for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
        // A client that expects "100 Continue" sends its body only after it.
        if (name == "transfer-encoding" || name == "expect") return std::nullopt;
        if (name != "content-length") continue;
        if (length) return std::nullopt;
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) value.remove_suffix(1);
        if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        length = size_t(std::stoull(std::string(value)));
    }
    return length;
}

void ConnectionGate::pass_on_if_whole(Waiting& connection) {
    if (connection.body_end == 0) {
        size_t end = header_end(connection.received);
        if (end == std::string::npos) return;
        if (auto [status, why] = header_fault(connection.received); !why.empty()) {
            connection.done = true;
            answer_and_close(connection.socket, status, why);
            return;
        }
        std::optional<size_t> length = declared_length(std::string_view(connection.received).substr(0, end));
        if (length && *length <= limits_.max_body_bytes && connection.received.size() < end + *length) {
            connection.body_end = end + *length;  // wait here for the rest of the body
            connection.deadline = Clock::now() + limits_.body_time;
            return;
        }
    } else if (connection.received.size() < connection.body_end) {
        return;
    }
    connection.done = true;
    replaying(connection.socket).unread_ = std::move(connection.received);
    if (!dispatch_(connection.socket))
        answer_and_close(connection.socket, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "the server is busy; try again shortly");
}

// A connection that sent nothing is closed without a word; one in the middle of a header,
// with 408.
void ConnectionGate::expire(Clock::time_point now) {
    for (Waiting& connection : waiting_) {
        if (connection.done || now < connection.deadline) continue;
        if (connection.received.empty()) connection.socket.close();
        else if (connection.body_end > 0)
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
