// libFuzzer: what touchpoint lsp reads from a client. The input is a byte stream of
// frames; each body is read as JSON (after lone surrogates are replaced) and as a text
// document, whose positions in each encoding must round-trip and whose edits must keep
// its size consistent.
#include "lsp/json_rpc.hpp"
#include "lsp/text_buffer.hpp"

#include <Poco/JSON/Parser.h>

#include <cstdint>
#include <sstream>
#include <string>

using namespace touchpoint::lsp;

namespace {

void check_positions(const std::string& text, const std::string& seed) {
    for (Encoding encoding : {Encoding::utf8, Encoding::utf16, Encoding::utf32}) {
        for (size_t i = 0; i + 1 < seed.size() && i < 16; i += 2) {
            Position asked{size_t(uint8_t(seed[i])) % 8, size_t(uint8_t(seed[i + 1]))};
            size_t offset = offset_of(text, asked, encoding);
            if (offset > text.size()) __builtin_trap();
            Position back = position_of(text, offset, encoding);
            if (offset_of(text, back, encoding) != offset) __builtin_trap();  // a position of an offset leads back to it
            std::string edited = text;
            Position end{asked.line, asked.character + 3};
            size_t to = std::max(offset, offset_of(text, end, encoding));
            replace_range(edited, asked, end, "\xC3\xA9", encoding);
            if (edited.size() != text.size() - (to - offset) + 2) __builtin_trap();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::string fault;
    for (int frames = 0; frames < 16; ++frames) {
        std::optional<std::string> body = read_frame(in, fault);
        if (!body) break;
        if (body->size() > max_message_bytes) __builtin_trap();
        try {
            Poco::JSON::Parser parser;
            parser.parse(replace_lone_surrogates(*body));
        } catch (const Poco::Exception&) {
        }
        check_positions(*body, *body);
    }
    return 0;
}
