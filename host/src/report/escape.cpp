#include "report/escape.hpp"

#include <cstdio>
#include <sstream>

namespace touchpoint {

void json_string(std::ostream& out, std::string_view text) {
    out << '"';
    size_t clean = 0;  // characters that need no escape are written in runs
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.write(text.data() + clean, std::streamsize(i - clean));
        clean = i + 1;
        switch (c) {
        case '"': out << "\\\""; break;
        case '\\': out << "\\\\"; break;
        case '\n': out << "\\n"; break;
        case '\r': out << "\\r"; break;
        case '\t': out << "\\t"; break;
        default: {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out << buffer;
        }
        }
    }
    out.write(text.data() + clean, std::streamsize(text.size() - clean));
    out << '"';
}

std::string escape_xml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) break;  // not allowed in XML 1.0
            out += c;
        }
    }
    return out;
}

std::string json_quoted(std::string_view text) {
    std::ostringstream out;
    json_string(out, text);
    return out.str();
}

}  // namespace touchpoint
