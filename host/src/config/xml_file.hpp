// A loaded XML configuration file with positions, for validating readers that point
// at the exact file, line and column of every fault.
#pragma once

#include "config/config_error.hpp"
#include "base/strings.hpp"

#include <touchpoint/brand.hpp>

#include <pugixml.hpp>

#include <filesystem>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace touchpoint {


class XmlFile {
public:
    // Reads and parses `path`; throws ConfigError on an unreadable or malformed file.
    explicit XmlFile(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return path_; }
    pugi::xml_node root() const { return document_.document_element(); }

    SourceRef where(pugi::xml_node node) const;
    SourceRef where(pugi::xml_node node, const char* attribute) const;
    // A text node's first character that is not blank.
    SourceRef where_text(pugi::xml_node text) const;
    [[noreturn]] void fail(pugi::xml_node node, const std::string& sentence) const;
    [[noreturn]] void fail(pugi::xml_node node, const char* attribute, const std::string& sentence) const;

    // Refuses an attribute that is not `allowed` and a missing or empty `required` one.
    void check_attributes(pugi::xml_node node, std::initializer_list<const char*> allowed,
                          std::initializer_list<const char*> required = {}) const;
    // Refuses any child element (and any text, unless `text_allowed`).
    void check_leaf(pugi::xml_node node, bool text_allowed) const;
    // The element's text, trimmed; refuses an empty one.
    std::string required_text(pugi::xml_node node) const;
    // A `severity` attribute (error, warning, suggestion); nullopt when absent.
    std::optional<Severity> severity(pugi::xml_node node) const;
    // A channel's `id` attribute: a simple name (letters, digits, '-', '_', '.'), so that
    // it is safe in every report and page that shows it.
    std::string channel_id(pugi::xml_node node) const;
    // A `channels` attribute: ids separated by spaces; empty when absent, refused when empty.
    ChannelFilter channels(pugi::xml_node node) const;

private:
    SourceRef at_offset(size_t offset) const;
    void check_references() const;
    void check_document() const;

    std::filesystem::path path_;
    std::string display_;
    std::string content_;
    std::vector<size_t> line_starts_;
    pugi::xml_document document_;
};

// Whether the whole of text matches an ICU regular expression (a syntax check of a value).
bool matches_whole(std::string_view pattern, std::string_view text);
// A language tag as configuration files take it: "es", "en-US".
inline bool is_language_tag(std::string_view text) { return matches_whole("[a-z]{2,3}(-[A-Z]{2})?", text); }

}  // namespace touchpoint
