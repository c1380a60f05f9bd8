#include "config/xml_file.hpp"

#include "base/unicode.hpp"

#include <unicode/regex.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace touchpoint {

bool matches_whole(std::string_view pattern, std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    icu::StringPiece p(pattern.data(), int32_t(pattern.size())), t(text.data(), int32_t(text.size()));
    UParseError where;
    bool matched =
        icu::RegexPattern::matches(icu::UnicodeString::fromUTF8(p), icu::UnicodeString::fromUTF8(t), where, status);
    return U_SUCCESS(status) && matched;
}


XmlFile::XmlFile(const std::filesystem::path& path) : path_(path), display_(path.string()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(display_ + ": cannot read the file: " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    content_ = buffer.str();
    line_starts_.push_back(0);
    for (size_t i = 0; i < content_.size(); ++i)  // a line ends at LF, CR LF or a CR alone
        if (content_[i] == '\n' || (content_[i] == '\r' && (i + 1 == content_.size() || content_[i + 1] != '\n')))
            line_starts_.push_back(i + 1);
    check_references();
    pugi::xml_parse_result result = document_.load_buffer(
        content_.data(), content_.size(), pugi::parse_default | pugi::parse_doctype | pugi::parse_declaration,
        pugi::encoding_utf8);
    if (!result) {
        SourceRef at = at_offset(size_t(result.offset));
        fail_at(at, std::string("this is not well-formed XML: ") + result.description());
    }
    check_document();
    if (!root()) fail_at(at_offset(0), "the file has no root element");
}

// pugixml leaves an unknown entity (&nbsp;) as it stands and takes a bare '&': XML
// allows neither. Comments and CDATA sections may hold any '&'.
void XmlFile::check_references() const {
    static constexpr std::string_view known[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
    for (size_t at = content_.find_first_of("&<"); at != std::string::npos; at = content_.find_first_of("&<", at + 1)) {
        std::string_view rest = std::string_view(content_).substr(at);
        if (rest.starts_with("<!--")) at = std::min(content_.find("-->", at), content_.size() - 1);
        else if (rest.starts_with("<![CDATA[")) at = std::min(content_.find("]]>", at), content_.size() - 1);
        if (rest[0] != '&') continue;
        rest.remove_prefix(1);
        bool ok = std::any_of(std::begin(known), std::end(known), [&](std::string_view k) { return rest.starts_with(k); });
        if (!ok && rest.starts_with('#')) {
            size_t semicolon = rest.find(';');
            std::string_view digits = rest.substr(1, semicolon == std::string_view::npos ? 0 : semicolon - 1);
            bool hex = digits.starts_with('x');
            if (hex) digits.remove_prefix(1);
            ok = !digits.empty() && std::all_of(digits.begin(), digits.end(), [&](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) || (hex && std::isxdigit(static_cast<unsigned char>(c)));
            });
        }
        if (ok) continue;
        std::string name(rest.substr(0, std::min(rest.find_first_of("; \t\r\n<&\"'"), size_t(32))));
        fail_at(at_offset(at), rest.find(';') != std::string_view::npos && !name.empty() && rest[name.size()] == ';'
                                   ? "'&" + name + ";' is no XML entity; write the character itself (or &amp;" + name + "; for the text)"
                                   : "a bare '&' is not XML; write &amp;");
    }
}

// What pugixml lets pass and a configuration file must not hold: a DOCTYPE (its entities
// are never expanded), an encoding other than UTF-8, a second root element or text after
// the root, and an attribute given twice.
void XmlFile::check_document() const {
    bool root_seen = false;
    for (pugi::xml_node node : document_.children()) {
        if (node.type() == pugi::node_doctype) fail_at(at_offset(content_.find("<!DOCTYPE")), "a configuration file takes no DOCTYPE");
        if (node.type() == pugi::node_declaration) {
            std::string encoding = ascii_lower(trim(node.attribute("encoding").value()));
            if (!encoding.empty() && encoding != "utf-8")
                fail(node, "encoding", "the file declares encoding '" + std::string(node.attribute("encoding").value()) +
                                           "'; configuration files are UTF-8");
        }
        if (node.type() == pugi::node_element) {
            if (root_seen) fail(node, "a second root element <" + std::string(node.name()) + ">; the file takes one");
            root_seen = true;
        }
        if ((node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) && !trim(node.value()).empty())
            fail_at(where_text(node), "text outside the root element");
    }
    // pugixml drops text after the root: it follows the file's last '>'.
    size_t last_tag = content_.rfind('>');
    size_t text = last_tag == std::string::npos ? std::string::npos : content_.find_first_not_of(" \t\r\n", last_tag + 1);
    if (text != std::string::npos) fail_at(at_offset(text), "text outside the root element");
    for (pugi::xml_node node = document_.first_child(); node;) {
        for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
            for (pugi::xml_attribute b = a.next_attribute(); b; b = b.next_attribute())
                if (std::strcmp(a.name(), b.name()) == 0)
                    fail(node, "<" + std::string(node.name()) + "> has the attribute '" + a.name() + "' twice");
        if (node.first_child()) node = node.first_child();
        else {
            while (node && !node.next_sibling()) node = node.parent();
            if (node) node = node.next_sibling();
        }
    }
}

SourceRef XmlFile::at_offset(size_t offset) const {
    offset = std::min(offset, content_.size());
    size_t line = size_t(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
    size_t line_start = line_starts_[line - 1];
    size_t skip = content_.compare(0, 3, "\xEF\xBB\xBF") == 0 && line == 1 ? 3 : 0;
    size_t from = std::min(line_start + skip, offset);
    return {display_, int(line), 1 + int(utf8::length(std::string_view(content_).substr(from, offset - from)))};
}

SourceRef XmlFile::where(pugi::xml_node node) const {
    size_t offset = size_t(node.offset_debug());
    // pugixml points at the element name; point at its '<'.
    if (node.type() == pugi::node_element && offset > 0 && content_[offset - 1] == '<') --offset;
    return at_offset(offset);
}

SourceRef XmlFile::where_text(pugi::xml_node text) const {
    size_t offset = size_t(text.offset_debug());
    size_t first = content_.find_first_not_of(" \t\r\n", offset);
    return at_offset(first == std::string::npos ? offset : first);
}

SourceRef XmlFile::where(pugi::xml_node node, const char* attribute) const {
    // Through the tag's attributes, past each quoted value (which may hold '>' or the name).
    std::string_view name = attribute;
    size_t pos = size_t(node.offset_debug());
    while (pos < content_.size() && content_[pos] != '>') {
        char c = content_[pos];
        if (c == '"' || c == '\'') {
            size_t close = content_.find(c, pos + 1);
            if (close == std::string::npos) break;
            pos = close + 1;
            continue;
        }
        bool starts = pos > 0 && std::isspace(static_cast<unsigned char>(content_[pos - 1]));
        if (starts && std::string_view(content_).substr(pos, name.size()) == name) {
            size_t after = content_.find_first_not_of(" \t\r\n", pos + name.size());
            if (after != std::string::npos && content_[after] == '=') return at_offset(pos);
        }
        ++pos;
    }
    return where(node);
}

void XmlFile::fail(pugi::xml_node node, const std::string& sentence) const { fail_at(where(node), sentence); }

void XmlFile::fail(pugi::xml_node node, const char* attribute, const std::string& sentence) const {
    fail_at(where(node, attribute), sentence);
}

void XmlFile::check_attributes(pugi::xml_node node, std::initializer_list<const char*> allowed,
                               std::initializer_list<const char*> required) const {
    for (pugi::xml_attribute attribute : node.attributes()) {
        bool known = false;
        for (const char* name : allowed) known |= std::strcmp(name, attribute.name()) == 0;
        if (!known) {
            std::string list;
            for (const char* name : allowed) list += std::string(list.empty() ? "" : ", ") + name;
            fail(node, attribute.name(),
                 "<" + std::string(node.name()) + "> has no attribute '" + attribute.name() + "'" +
                     (list.empty() ? "" : "; it takes: " + list));
        }
    }
    for (const char* name : required) {
        pugi::xml_attribute attribute = node.attribute(name);
        if (!attribute) fail(node, "<" + std::string(node.name()) + "> needs a '" + name + "' attribute");
        if (trim(attribute.value()).empty())
            fail(node, name, "the '" + std::string(name) + "' attribute of <" + node.name() + "> is empty");
    }
}

void XmlFile::check_leaf(pugi::xml_node node, bool text_allowed) const {
    for (pugi::xml_node child : node.children()) {
        if (child.type() == pugi::node_element)
            fail(child, "<" + std::string(node.name()) + "> takes no <" + child.name() + "> element");
        if (!text_allowed && (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
            !trim(child.value()).empty())
            fail(node, "<" + std::string(node.name()) + "> takes no text");
    }
}

std::string XmlFile::required_text(pugi::xml_node node) const {
    check_leaf(node, true);
    std::string text = trim(node.text().get());
    if (text.empty()) fail(node, "<" + std::string(node.name()) + "> is empty");
    return text;
}

}  // namespace touchpoint

namespace touchpoint {

std::optional<Severity> XmlFile::severity(pugi::xml_node node) const {
    pugi::xml_attribute a = node.attribute("severity");
    if (!a) return std::nullopt;
    auto parsed = parse_severity(trim(a.value()));
    if (!parsed) fail(node, "severity", "severity '" + std::string(a.value()) + "' is not one of error, warning, suggestion");
    return parsed;
}

std::string XmlFile::channel_id(pugi::xml_node node) const {
    std::string id = trim(node.attribute("id").value());
    if (!matches_whole("[A-Za-z0-9][A-Za-z0-9_.-]*", id))
        fail(node, "id", "channel id '" + id + "' is not a simple name: letters, digits, '-', '_' and '.'");
    return id;
}

ChannelFilter XmlFile::channels(pugi::xml_node node) const {
    ChannelFilter filter;
    pugi::xml_attribute a = node.attribute("channels");
    if (!a) return filter;
    filter.ids = split_list(a.value(), " \t\r\n");
    if (filter.ids.empty()) fail(node, "channels", "'channels' is empty; leave it out to apply to all channels");
    return filter;
}

}  // namespace touchpoint
