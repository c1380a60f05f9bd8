#include "lsp/json_rpc.hpp"

#include <Poco/JSON/Stringifier.h>

#include <cctype>
#include <sstream>

namespace touchpoint::lsp {

namespace {

bool starts_with_field(const std::string& line, const std::string& name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    for (size_t i = 0; i < name.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(name[i]))) return false;
    return true;
}

// A header line as it may be quoted back: ASCII, whatever the client sent.
std::string printable(const std::string& line) {
    std::string text;
    for (unsigned char c : line.substr(0, 100)) text += c >= 0x20 && c < 0x7F ? char(c) : '?';
    return text;
}

}  // namespace

std::optional<std::string> read_frame(std::istream& in, std::string& fault) {
    fault.clear();
    std::optional<size_t> length;
    for (std::string line;;) {
        if (!std::getline(in, line)) return std::nullopt;  // the stream ended (inside a header, maybe)
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) break;
        if (!starts_with_field(line, "Content-Length")) continue;  // Content-Type and others
        size_t digits = line.find_first_not_of(' ', 15);
        if (digits == std::string::npos || line.find_first_not_of("0123456789", digits) != std::string::npos ||
            line.size() - digits > 12) {
            fault = "the Content-Length header is not a number: '" + printable(line) + "'";
            continue;
        }
        length = std::stoull(line.substr(digits));
    }
    if (!length) {
        if (fault.empty()) fault = "a message came without a Content-Length header";
        return std::string();
    }
    if (*length > max_message_bytes) {
        fault = "a message of " + std::to_string(*length) + " bytes is over the limit of " +
                std::to_string(max_message_bytes >> 20) + " MiB";
        in.ignore(std::streamsize(*length));
        return in ? std::optional<std::string>(std::string()) : std::nullopt;
    }
    std::string body(*length, '\0');
    in.read(body.data(), std::streamsize(*length));
    if (size_t(in.gcount()) != *length) return std::nullopt;  // cut off: the stream ended
    return body;
}

namespace {

// The code unit of a \uXXXX escape at `at`, or -1.
int escape_at(const std::string& text, size_t at) {
    if (at + 6 > text.size() || text[at] != '\\' || text[at + 1] != 'u') return -1;
    int unit = 0;
    for (size_t i = at + 2; i < at + 6; ++i) {
        int digit = std::isdigit(static_cast<unsigned char>(text[i])) ? text[i] - '0'
                    : std::isxdigit(static_cast<unsigned char>(text[i])) ? (std::tolower(text[i]) - 'a' + 10) : -1;
        if (digit < 0) return -1;
        unit = unit * 16 + digit;
    }
    return unit;
}

}  // namespace

std::string replace_lone_surrogates(const std::string& body) {
    std::string out;
    out.reserve(body.size());
    for (size_t at = 0; at < body.size();) {
        if (body[at] == '\\' && at + 1 < body.size() && body[at + 1] != 'u') {  // another escape: kept whole
            out.append(body, at, 2);
            at += 2;
            continue;
        }
        int unit = escape_at(body, at);
        if (unit < 0xD800 || unit > 0xDFFF) {
            out += body[at++];
            continue;
        }
        int next = escape_at(body, at + 6);
        if (unit < 0xDC00 && next >= 0xDC00 && next <= 0xDFFF) {  // a pair
            out.append(body, at, 12);
            at += 12;
            continue;
        }
        out += "\\uFFFD";
        at += 6;
    }
    return out;
}

std::string to_json(const Poco::JSON::Object& object) {
    std::ostringstream text;
    object.stringify(text);
    return text.str();
}

void Writer::send(const Poco::JSON::Object& message) {
    std::string body = to_json(message);
    std::lock_guard lock(mutex_);
    out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out_.flush();
    broken_ = broken_ || !out_;
    if (log_) *log_ << "-> " << body << std::endl;
}

void Writer::received(const std::string& body) {
    std::lock_guard lock(mutex_);
    if (log_) *log_ << "<- " << body << std::endl;
}

}  // namespace touchpoint::lsp
