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


std::string json_quoted(std::string_view text) {
    std::ostringstream out;
    json_string(out, text);
    return out.str();
}

}  // namespace touchpoint
