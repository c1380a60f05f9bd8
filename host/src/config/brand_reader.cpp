#include "config/brand_reader.hpp"

#include "config/xml_file.hpp"

#include <touchpoint/text.hpp>

#include <charconv>
#include <map>

namespace touchpoint {
namespace {

class BrandReader {
public:
    explicit BrandReader(const std::filesystem::path& path) : xml_(path) { brand_.file = path.string(); }

    Brand read() {
        pugi::xml_node root = xml_.root();
        if (std::string_view(root.name()) != "brand")
            xml_.fail(root, "the root element is <" + std::string(root.name()) + ">; a brand file's is <brand>");
        xml_.check_attributes(root, {"name", "locale"}, {"name"});
        brand_.name = trim(root.attribute("name").value());
        if (pugi::xml_attribute locale = root.attribute("locale")) {
            brand_.locale = trim(locale.value());
            if (!matches_whole("[a-z]{2,3}(-[A-Z]{2})?", brand_.locale))
                xml_.fail(root, "locale", "locale '" + brand_.locale + "' is not a language tag like en-US");
        }
        for (pugi::xml_node child : root.children()) read_child(child);
        return std::move(brand_);
    }

private:
    void read_child(pugi::xml_node node) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
            if (!trim(node.value()).empty()) fail_at(xml_.where_text(node), "<brand> takes elements, not text");
            return;
        }
        if (node.type() != pugi::node_element) return;
        std::string_view name = node.name();
        if (name == "promise") read_promise(node);
        else if (name == "channel") read_channel(node);
        else if (name == "report") read_report(node);
        else brand_.elements.push_back(capture(node));
    }

    void read_promise(pugi::xml_node node) {
        xml_.check_attributes(node, {});
        if (!brand_.promise.empty()) xml_.fail(node, "the brand has a second <promise>; it takes one");
        brand_.promise = xml_.required_text(node);
    }

    void read_channel(pugi::xml_node node) {
        xml_.check_attributes(node, {"id", "min-pillars", "max-grade", "max-words", "max-sentence-words"}, {"id"});
        xml_.check_leaf(node, false);
        ChannelLimits limits;
        limits.id = xml_.channel_id(node);
        unique_id("channel", limits.id, node, channel_ids_);
        limits.min_pillars = integer(node, "min-pillars", 0);
        limits.max_words = integer(node, "max-words", 1);
        limits.max_sentence_words = integer(node, "max-sentence-words", 1);
        if (pugi::xml_attribute grade = node.attribute("max-grade")) {
            std::string text = trim(grade.value());
            double value = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc() || end != text.data() + text.size() || value <= 0)
                xml_.fail(node, "max-grade", "max-grade '" + text + "' is not a positive number");
            limits.max_grade = value;
        }
        limits.where = xml_.where(node);
        brand_.channels.push_back(std::move(limits));
    }

    void read_report(pugi::xml_node node) {
        xml_.check_attributes(node, {"pass-mark"});
        xml_.check_leaf(node, false);
        if (auto mark = integer(node, "pass-mark", 0)) {
            if (*mark > 100) xml_.fail(node, "pass-mark", "pass-mark '" + std::to_string(*mark) + "' is over 100");
            brand_.pass_mark = *mark;
        }
    }

    std::optional<int> integer(pugi::xml_node node, const char* attribute, int minimum) {
        pugi::xml_attribute a = node.attribute(attribute);
        if (!a) return std::nullopt;
        std::string text = trim(a.value());
        int value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc() || end != text.data() + text.size() || value < minimum)
            xml_.fail(node, attribute,
                      std::string(attribute) + " '" + text + "' is not a whole number of at least " + std::to_string(minimum));
        return value;
    }

    void unique_id(const char* what, const std::string& id, pugi::xml_node node, std::map<std::string, int>& seen) {
        auto [it, inserted] = seen.emplace(id, xml_.where(node).line);
        if (!inserted)
            xml_.fail(node, std::string("duplicate ") + what + " '" + id + "'; the first is at line " +
                                std::to_string(it->second));
    }

    // A plugin's element, with the places of its parts; the attributes every element may
    // carry (severity, channels) are checked here, the rest by the plugin that claims it.
    BrandElement capture(pugi::xml_node node) {
        xml_.severity(node);
        xml_.channels(node);
        BrandElement element{node.name(), {}, {}, {}, xml_.where(node)};
        for (pugi::xml_attribute a : node.attributes())
            element.attributes.push_back({a.name(), a.value(), xml_.where(node, a.name())});
        for (pugi::xml_node child : node.children()) {
            if (child.type() == pugi::node_element) element.children.push_back(capture(child));
            else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) element.text += child.value();
        }
        element.text = trim(element.text);
        return element;
    }

    XmlFile xml_;
    Brand brand_;
    std::map<std::string, int> channel_ids_;
};

}  // namespace

Brand read_brand(const std::filesystem::path& path) { return BrandReader(path).read(); }

}  // namespace touchpoint
