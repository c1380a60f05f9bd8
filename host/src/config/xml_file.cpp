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
    for (size_t i = 0; i < content_.size(); ++i)
        if (content_[i] == '\n') line_starts_.push_back(i + 1);
    pugi::xml_parse_result result =
        document_.load_buffer(content_.data(), content_.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!result) {
        SourceRef at = at_offset(size_t(result.offset));
        fail_at(at, std::string("this is not well-formed XML: ") + result.description());
    }
    if (!root()) fail_at(at_offset(0), "the file has no root element");
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

SourceRef XmlFile::where(pugi::xml_node node, const char* attribute) const {
    size_t start = size_t(node.offset_debug());
    size_t tag_end = content_.find('>', start);
    std::string name = attribute;
    for (size_t pos = content_.find(name, start); pos != std::string::npos && pos < tag_end;
         pos = content_.find(name, pos + 1)) {
        bool starts = pos > 0 && std::isspace(static_cast<unsigned char>(content_[pos - 1]));
        size_t after = content_.find_first_not_of(" \t\r\n", pos + name.size());
        if (starts && after != std::string::npos && content_[after] == '=') return at_offset(pos);
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

ChannelFilter XmlFile::channels(pugi::xml_node node) const {
    ChannelFilter filter;
    pugi::xml_attribute a = node.attribute("channels");
    if (!a) return filter;
    filter.ids = split_list(a.value(), " \t\r\n");
    if (filter.ids.empty()) fail(node, "channels", "'channels' is empty; leave it out to apply to all channels");
    return filter;
}

}  // namespace touchpoint
