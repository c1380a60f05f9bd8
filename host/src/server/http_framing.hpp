// The framing of an HTTP/1.1 request as touchpoint serve's gate reads it, before Poco's
// reader does: where the header ends, what in it Poco would refuse without a reason, and
// how long the body is (a declared length, or chunks). Pure functions of bytes, so they
// are fuzzed (tests/fuzz/fuzz_requests.cpp) and tested alone.
#pragma once

#include <Poco/Net/HTTPResponse.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace touchpoint {

// Where the header ends in `received` (past its blank line); npos while it has not.
size_t header_end(std::string_view received);

// Why a whole header cannot be read as HTTP, within the limits Poco's reader has (a field
// name of 256 bytes, a value of 8 KiB, 100 fields), or "": said with the status a client
// can act on, rather than as Poco's bare 400.
std::pair<Poco::Net::HTTPResponse::HTTPStatus, std::string> header_fault(std::string_view received);

// How a request's body is framed, as far as the gate waits for it.
struct Framing {
    enum Kind { none, declared, chunked, server } kind = none;  // server: its reader judges (two lengths, a coding)
    size_t length = 0;
    bool expects_continue = false;  // "Expect: 100-continue": the client sends its body after "100 Continue"
    std::string expectation;        // any other Expect, which no server here meets
    size_t expect_line = 0, expect_line_end = 0;  // where in the header, with its line break
    size_t coding_line = 0, coding_line_end = 0;  // the Transfer-Encoding line
};

Framing framing_of(std::string_view header);

// Reads the chunks of a chunked body from `at` (a chunk's size line) on, appending their
// bytes to `data`: complete when the last chunk and its trailer (at most 64 KiB, dropped)
// have arrived (`at` past them), partial while more must come (`at` at the first chunk
// not yet whole), too_large as soon as a chunk would take `data` past `max_data`,
// malformed when the framing is not HTTP's (a size that is not hexadecimal).
enum class Chunks { complete, partial, malformed, too_large };
Chunks read_chunks(std::string_view received, size_t& at, std::string& data, size_t max_data);

}  // namespace touchpoint
