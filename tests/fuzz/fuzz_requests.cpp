// libFuzzer: what serve's gate reads of a request before Poco does, and the report a
// child hands back under --isolate. The input is a request as received: the header's
// faults and framing are read, then its chunks, fed as they might arrive in two pieces;
// the same bytes are read as an isolated report.
#include "server/http_framing.hpp"
#include "engine/isolation.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

using namespace touchpoint;

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string received(reinterpret_cast<const char*>(data), size);
    std::istringstream report(received);
    (void)read_isolated_report(report);
    size_t end = header_end(received);
    if (end == std::string::npos) return 0;
    require(end <= received.size());
    (void)header_fault(received);
    Framing framing = framing_of(std::string_view(received).substr(0, end));
    require(framing.expect_line <= framing.expect_line_end && framing.expect_line_end <= end);
    if (framing.kind != Framing::chunked) return 0;
    // Read whole, and read in two pieces resuming where the first stopped: the same verdict.
    constexpr size_t limit = 1 << 16;
    size_t at = end;
    std::string data_size;
    Chunks whole = read_chunks(received, at, data_size, limit);
    require(at >= end && at <= received.size() && data_size.size() <= limit);
    size_t split = end + (received.size() - end) / 2;
    size_t at2 = end;
    std::string data2;
    Chunks first = read_chunks(std::string_view(received).substr(0, split), at2, data2, limit);
    if (first == Chunks::partial) {
        Chunks second = read_chunks(received, at2, data2, limit);
        require(second == whole && (whole != Chunks::complete || (at2 == at && data2 == data_size)));
    }
    return 0;
}
