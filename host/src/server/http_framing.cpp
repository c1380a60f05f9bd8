#include "server/http_framing.hpp"

#include "base/strings.hpp"

#include <algorithm>
#include <cctype>

namespace touchpoint {


size_t header_end(std::string_view received) {
    size_t crlf = received.find("\r\n\r\n"), lf = received.find("\n\n");
    if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) return crlf + 4;
    return lf == std::string_view::npos ? lf : lf + 2;
}

std::pair<Poco::Net::HTTPResponse::HTTPStatus, std::string> header_fault(std::string_view received) {
    using Poco::Net::HTTPResponse;
    std::string_view header = received.substr(0, header_end(received));
    size_t first_line = header.find('\n');
    if (first_line == std::string_view::npos) return {HTTPResponse::HTTP_OK, ""};
    // METHOD SP TARGET SP HTTP/1.x: the answer's status line repeats the version.
    std::string trimmed_line = trim(header.substr(0, first_line));
    std::string_view request_line = trimmed_line;
    size_t space = request_line.rfind(' ');
    std::string_view version = space == std::string_view::npos ? std::string_view() : request_line.substr(space + 1);
    if (space == std::string_view::npos || request_line.find(' ') == space || !version.starts_with("HTTP/"))
        return {HTTPResponse::HTTP_BAD_REQUEST, "the request line is not METHOD TARGET HTTP/1.1"};
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return {HTTPResponse::HTTP_VERSION_NOT_SUPPORTED, "the server speaks HTTP/1.1 and HTTP/1.0, not " + std::string(version.substr(0, 16))};
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

Framing framing_of(std::string_view header) {
    Framing framing;
    int lengths = 0, codings = 0;
    for (size_t pos = header.find('\n'); pos != std::string_view::npos && pos + 1 < header.size();) {
        size_t next = header.find('\n', pos + 1);
        size_t line_end = next == std::string_view::npos ? header.size() : next;
        std::string_view line = header.substr(pos + 1, line_end - pos - 1);
        size_t line_begin = pos + 1;
        pos = next;
        size_t colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        std::string name = ascii_lower(line.substr(0, colon));
        std::string value = trim(line.substr(colon + 1));
        if (name == "expect") {
            if (ascii_lower(value) == "100-continue") framing.expects_continue = true;
            else framing.expectation = std::string(value.substr(0, 64));
            framing.expect_line = line_begin;
            framing.expect_line_end = std::min(line_end + 1, header.size());
        } else if (name == "transfer-encoding") {
            ++codings;
            framing.coding_line = line_begin;
            framing.coding_line_end = std::min(line_end + 1, header.size());
            if (ascii_lower(value) != "chunked") ++codings;  // another coding: the server's to refuse
        } else if (name == "content-length") {
            ++lengths;
            if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                ++lengths;  // not a number: the server's to refuse
            else framing.length = size_t(std::stoull(std::string(value)));
        }
    }
    if (lengths == 0 && codings == 0) framing.kind = Framing::none;
    else if (lengths == 1 && codings == 0) framing.kind = Framing::declared;
    else if (lengths == 0 && codings == 1) framing.kind = Framing::chunked;
    else framing.kind = Framing::server;
    return framing;
}

Chunks read_chunks(std::string_view received, size_t& at, std::string& data, size_t max_data) {
    constexpr size_t max_line = 4096, max_trailer = 64 << 10;
    for (;;) {
        size_t line_end = received.find('\n', at);
        if (line_end == std::string_view::npos) return received.size() - at > max_line ? Chunks::malformed : Chunks::partial;
        std::string_view line = received.substr(at, line_end - at);
        std::string size_field = trim(line.substr(0, line.find(';')));
        std::string_view size_text = size_field;
        while (size_text.size() > 1 && size_text.front() == '0') size_text.remove_prefix(1);
        if (size_text.empty() || size_text.size() > 15 ||
            !std::all_of(size_text.begin(), size_text.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
            return Chunks::malformed;
        size_t size = size_t(std::stoull(std::string(size_text), nullptr, 16));
        if (size > max_data - data.size()) return Chunks::too_large;  // before its bytes are waited for
        size_t next = line_end + 1;
        if (size == 0) {  // the trailer: fields up to an empty line, read and dropped
            for (;;) {
                size_t end = received.find('\n', next);
                if (end == std::string_view::npos)
                    return received.size() - line_end > max_trailer ? Chunks::malformed : Chunks::partial;
                std::string_view field = received.substr(next, end - next);
                next = end + 1;
                if (next - line_end > max_trailer) return Chunks::malformed;
                if (field.empty() || field == "\r") {
                    at = next;
                    return Chunks::complete;
                }
            }
        }
        if (received.size() < next + size + 2) return Chunks::partial;
        std::string_view after = received.substr(next + size, 2);
        size_t chunk_end = after == "\r\n" ? next + size + 2 : after.front() == '\n' ? next + size + 1 : 0;
        if (chunk_end == 0) return Chunks::malformed;
        data.append(received.substr(next, size));
        at = chunk_end;
    }
}

std::string body_too_large(size_t max_body_bytes) {
    return "the request is over the limit of " + std::to_string(max_body_bytes >> 10) + " KiB";
}

}  // namespace touchpoint
