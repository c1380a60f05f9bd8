// Reading XML-based formats (SVG, Word, OpenDocument, Excel) with pugixml, iteratively:
// hostile files nest deeply.
#pragma once

#include "formats/format_error.hpp"

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace touchpoint {

// Parses XML text. pugixml never expands entities declared in a DTD, so an entity bomb
// stays a few bytes. Throws FormatError naming `what` and the place of a fault.
void parse_xml(pugi::xml_document& document, std::string_view content, const std::string& what);

// Calls visit(node) for every node below `root` in document order. visit returns false
// to skip a node's children.
template <class Visit>
void for_each_descendant(pugi::xml_node root, Visit&& visit) {
    pugi::xml_node node = root.first_child();
    while (node) {
        bool descend = visit(node);
        if (descend && node.first_child()) {
            node = node.first_child();
            continue;
        }
        while (node && !node.next_sibling() && node != root) node = node.parent();
        if (!node || node == root) break;
        node = node.next_sibling();
    }
}

// A qualified name's local part: "w:t" -> "t".
inline std::string_view local_name(pugi::xml_node node) {
    std::string_view name = node.name();
    size_t colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace touchpoint
