// What serve's gate reads of a request before Poco's reader does.
#include "server/http_framing.hpp"

#include <catch2/catch.hpp>

using namespace touchpoint;

TEST_CASE("http framing: the header ends at its blank line, CRLF or LF") {
    CHECK(header_end("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody") == 27);
    CHECK(header_end("GET / HTTP/1.1\nHost: x\n\nbody") == 24);
    CHECK(header_end("GET / HTTP/1.1\r\nHost: x\r\n") == std::string::npos);
}

TEST_CASE("http framing: a declared length, chunks, or the server's to judge") {
    Framing declared = framing_of("POST / HTTP/1.1\r\nContent-Length: 12\r\n\r\n");
    CHECK(declared.kind == Framing::declared);
    CHECK(declared.length == 12);
    CHECK(framing_of("POST / HTTP/1.1\r\ntransfer-encoding:  Chunked \r\n\r\n").kind == Framing::chunked);
    CHECK(framing_of("GET / HTTP/1.1\r\nHost: x\r\n\r\n").kind == Framing::none);
    for (const char* ambiguous : {"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
                                  "POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                                  "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
                                  "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n"})
        CHECK(framing_of(ambiguous).kind == Framing::server);
}

TEST_CASE("http framing: Expect is 100-continue, its line found for the gate to remove, or another expectation") {
    std::string header = "POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n";
    Framing f = framing_of(header);
    CHECK(f.expects_continue);
    CHECK(f.expectation.empty());
    CHECK(header.substr(f.expect_line, f.expect_line_end - f.expect_line) == "Expect: 100-Continue\r\n");
    CHECK(framing_of("POST / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n").expectation == "200-ok");
}

TEST_CASE("http framing: chunks are read as they arrive, resumed where they stopped, and bounded before their bytes come") {
    std::string body = "4\r\nabcd\r\n03;name=value\r\nefg\r\n0\r\nTrailer: x\r\nOther: y\r\n\r\nNEXT";
    size_t at = 0;
    std::string data;
    CHECK(read_chunks(std::string_view(body).substr(0, 12), at, data, 100) == Chunks::partial);
    CHECK(at == 9);  // past the first chunk, at the second's size line
    CHECK(data == "abcd");
    CHECK(read_chunks(body, at, data, 100) == Chunks::complete);
    CHECK(body.substr(at) == "NEXT");  // the trailer read through its empty line
    CHECK(data == "abcdefg");
    auto verdict = [](std::string_view text, size_t max = 100) {
        size_t from = 0;
        std::string bytes;
        return read_chunks(text, from, bytes, max);
    };
    CHECK(verdict("FFFFFF\r\nab", 1 << 20) == Chunks::too_large);
    CHECK(verdict("0000000000000000000005\r\nabcde\r\n0\r\n\r\n") == Chunks::complete);  // leading zeros
    // Anything but hexadecimal digits is no chunk size: a request smuggled after "-" or a
    // sign is never read as one.
    for (std::string_view bad : {"zz\r\n", "-GET / HTTP/1.1\r\n", "-1\r\n", "1_\r\nx\r\n", ";\r\n", " \r\n", "2\r\nabX\r\n"})
        CHECK(verdict(bad) == Chunks::malformed);
    CHECK(verdict(std::string(5000, '1')) == Chunks::malformed);  // a size line without end
    CHECK(verdict("0\r\nX: " + std::string(70000, 'a') + "\r\n\r\n") == Chunks::malformed);  // a trailer over 64 KiB
}

TEST_CASE("http framing: header faults Poco would give a bare 400 get their status and reason") {
    CHECK(header_fault("GET /health JUNK\r\n\r\n").first == Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
    CHECK(header_fault("GET /nope\r\nHost: x\r\n\r\n").first == Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
    CHECK(header_fault("GET /nope HTTP/9.9\r\n\r\n").first == Poco::Net::HTTPResponse::HTTP_VERSION_NOT_SUPPORTED);
    CHECK(header_fault("GET / HTTP/1.0\r\n\r\n").second.empty());
    CHECK(header_fault("GET / HTTP/1.1\r\nContent-Length : 2\r\n\r\n").second.find("white space before its colon") != std::string::npos);
    CHECK(header_fault("GET / HTTP/1.1\r\nX: " + std::string(9000, 'a') + "\r\n\r\n").first ==
          Poco::Net::HTTPResponse::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE);
    CHECK(header_fault("GET / HTTP/1.1\r\nHost: x\r\n\r\n").second.empty());
}
