// JSON-RPC 2.0 as LSP frames it: "Content-Length: N\r\n\r\n" then N bytes of JSON.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

namespace touchpoint::lsp {

// Error codes of JSON-RPC and LSP.
namespace error_code {
constexpr int parse_error = -32700;
constexpr int invalid_request = -32600;
constexpr int method_not_found = -32601;
constexpr int invalid_params = -32602;
constexpr int internal_error = -32603;
constexpr int server_not_initialized = -32002;
constexpr int request_failed = -32803;
}  // namespace error_code

// A message body is refused past this: an editor never sends one near it, and a stream
// that claims more must not make the server allocate it.
constexpr size_t max_message_bytes = size_t(256) << 20;

// One framed message read from `in`: its body, or nullopt at the end of the stream.
// A frame with a bad header sets `fault` and yields "" (the caller answers with an error
// and goes on: the next frame starts after the header's blank line and its body).
std::optional<std::string> read_frame(std::istream& in, std::string& fault);

// Writes whole frames, one at a time, from any thread.
class Writer {
public:
    explicit Writer(std::ostream& out) : out_(out) {}
    void send(const Poco::JSON::Object& message);
    // Every message both ways, to `log` (TOUCHPOINT_LSP_LOG: what an editor's trace shows).
    void trace(std::ostream* log) { log_ = log; }
    void received(const std::string& body);
    // The output failed (the client is gone): nothing more can be said.
    bool broken() const { return broken_; }

private:
    std::ostream& out_;
    std::ostream* log_ = nullptr;
    bool broken_ = false;
    std::mutex mutex_;
};

// The body with each \uD800-\uDFFF escape that is not half of a pair replaced by
// \uFFFD: JSON allows them, UTF-8 cannot hold them, and the JSON reader refuses them.
std::string replace_lone_surrogates(const std::string& body);

// The JSON text of an object, as sent.
std::string to_json(const Poco::JSON::Object& object);

}  // namespace touchpoint::lsp
