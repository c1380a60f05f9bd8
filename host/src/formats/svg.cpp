// SVG signage artwork: the text of <text>, <tspan> and <textPath> elements; each <text>
// element is a paragraph (a sign line set). Positions count in the SVG file.
#include "formats/formats.hpp"
#include "formats/text_builder.hpp"
#include "formats/xml_text.hpp"

#include <cctype>

namespace touchpoint {

namespace {

bool is_text_element(std::string_view name) { return name == "text" || name == "tspan" || name == "textPath"; }

// A tspan placed with x or y starts a line of its own; one without flows on from the text
// before it, so <tspan>River</tspan><tspan>bend</tspan> renders "Riverbend". A textPath
// follows a path of its own.
bool starts_own_line(pugi::xml_node node, std::string_view name) {
    return name == "textPath" || (name == "tspan" && (node.attribute("x") || node.attribute("y")));
}

// True when white space stands just before the element at `offset` (pugixml's offset:
// its name, after the '<').
bool spaced_from_before(std::string_view source, size_t offset) {
    if (offset > 0 && offset <= source.size() && source[offset - 1] == '<') --offset;
    return offset > 0 && offset <= source.size() && std::isspace(static_cast<unsigned char>(source[offset - 1]));
}

}  // namespace

Extracted extract_svg(std::string_view source) {
    pugi::xml_document document;
    parse_xml(document, source, "the SVG file");
    TextBuilder builder(source);
    for_each_descendant(document, [&](pugi::xml_node node) {
        if (node.type() == pugi::node_element) {
            std::string_view name = local_name(node);
            if (name == "text") builder.paragraph_break();
            bool after_space = builder.text().empty() || std::isspace(static_cast<unsigned char>(builder.text().back()));
            if (starts_own_line(node, name) && !after_space) {
                builder.replaced("\n", size_t(node.offset_debug()), 0);
            } else if (name == "tspan" && !after_space && spaced_from_before(source, size_t(node.offset_debug()))) {
                // Only white space between two tspans: it renders as one space (the
                // parser drops white-space-only text, so it is read from the file).
                builder.replaced(" ", size_t(node.offset_debug()), 0);
            }
            return name != "script" && name != "style";
        }
        if (node.type() != pugi::node_pcdata && node.type() != pugi::node_cdata) return false;
        if (!node.parent() || !is_text_element(local_name(node.parent()))) return false;
        // pugixml gives where the text starts in the file; read it raw from there.
        size_t begin = size_t(node.offset_debug());
        if (node.type() == pugi::node_cdata) {
            if (source.substr(begin, 9) == "<![CDATA[") begin += 9;
            size_t end = source.find("]]>", begin);
            if (end != std::string_view::npos) builder.verbatim(begin, end - begin);
        } else {
            size_t end = source.find('<', begin);
            if (end == std::string_view::npos) end = source.size();
            builder.with_entities(begin, end - begin);
        }
        return false;
    });
    Extracted out;
    out.text = builder.take_text();
    out.runs = builder.take_runs();
    return out;
}

}  // namespace touchpoint
