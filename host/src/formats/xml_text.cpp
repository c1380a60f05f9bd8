#include "formats/xml_text.hpp"

namespace touchpoint {

void parse_xml(pugi::xml_document& document, std::string_view content, const std::string& what) {
    pugi::xml_parse_result result =
        document.load_buffer(content.data(), content.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
        size_t line = 1;
        for (size_t i = 0; i < size_t(result.offset) && i < content.size(); ++i) line += content[i] == '\n';
        throw FormatError(what + " is not well-formed XML at line " + std::to_string(line) + ": " + result.description());
    }
}

}  // namespace touchpoint
