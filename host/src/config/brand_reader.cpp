#include "config/brand_reader.hpp"

#include "config/xml_file.hpp"

#include <algorithm>
#include <touchpoint/text.hpp>

#include <unicode/uloc.h>

#include <charconv>
#include <map>

namespace touchpoint {
namespace {

// True for a language ICU knows an ISO 639 code of ("es", "en-US"; not "zz").
bool known_language(const std::string& tag) {
    std::string language = primary_language(tag);
    const char* iso3 = uloc_getISO3Language(language.c_str());
    return iso3 && *iso3;
}

class BrandReader {
public:
    explicit BrandReader(const std::filesystem::path& path) : xml_(path) { brand_.file = path.string(); }

    Brand read() {
        pugi::xml_node root = xml_.root();
        if (std::string_view(root.name()) != "brand")
            xml_.fail(root, "the root element is <" + std::string(root.name()) + ">; a brand file's is <brand>");
        xml_.check_attributes(root, {"name", "locale", "languages"}, {"name"});
        brand_.name = trim(root.attribute("name").value());
        read_languages(root);
        for (pugi::xml_node child : root.children()) read_child(child);
        if (brand_.promise.empty() && !brand_.promises.empty())
            xml_.fail(root, "the brand has a <promise> in other languages but none in its default language, " + brand_.locale);
        return std::move(brand_);
    }

private:
    void check_tag(pugi::xml_node node, const char* attribute, const std::string& tag) {
        if (!is_language_tag(tag))
            xml_.fail(node, attribute, std::string(attribute) + " '" + tag + "' is not a language tag like en-US");
        // (An unknown locale is left to the dictionary check, which names the package.)
        if (std::string_view(attribute) != "locale" && !known_language(tag))
            xml_.fail(node, attribute, "'" + tag + "' is not a language ISO 639 knows");
    }

    // locale="en-US" languages="en-US es-US": the default first, each language once.
    void read_languages(pugi::xml_node root) {
        pugi::xml_attribute locale = root.attribute("locale");
        if (locale) {
            brand_.locale = trim(locale.value());
            check_tag(root, "locale", brand_.locale);
        }
        pugi::xml_attribute languages = root.attribute("languages");
        if (!languages) {
            brand_.languages = {brand_.locale};
            return;
        }
        std::vector<std::string> tags = split_list(languages.value(), " \t\r\n");
        if (tags.empty()) xml_.fail(root, "languages", "'languages' is empty; list language tags like \"en-US es-US\"");
        for (const std::string& tag : tags) check_tag(root, "languages", tag);
        if (!locale) brand_.locale = tags.front();
        if (tags.front() != brand_.locale && std::find(tags.begin(), tags.end(), brand_.locale) != tags.end())
            xml_.fail(root, "languages", "'languages' lists the locale " + brand_.locale + " after " + tags.front() +
                                             "; the locale, the default language, comes first");
        brand_.languages.clear();
        brand_.languages.push_back(brand_.locale);
        bool has_locale = false;
        for (const std::string& tag : tags) {
            for (const std::string& seen : brand_.languages)
                if (primary_language(seen) == primary_language(tag) && (seen != brand_.locale || has_locale))
                    xml_.fail(root, "languages", "'languages' lists " + primary_language(tag) + " twice");
            if (tag == brand_.locale) has_locale = true;
            else if (primary_language(tag) == primary_language(brand_.locale))
                xml_.fail(root, "languages", "'languages' has " + tag + " beside the locale " + brand_.locale + "; list the locale itself");
            else brand_.languages.push_back(tag);
        }
        if (!has_locale)
            xml_.fail(root, "languages", "'languages' does not list the locale " + brand_.locale + "; the locale is the default language");
    }

    // A lang="es" attribute: one of the brand's languages, as its primary subtag.
    std::string lang_of(pugi::xml_node node, const std::string& inherited) {
        pugi::xml_attribute a = node.attribute("lang");
        if (!a) return inherited;
        std::string tag = trim(a.value());
        if (tag.empty()) xml_.fail(node, "lang", "'lang' is empty");
        if (brand_.locale_of(tag).empty()) {
            std::string list;
            for (const std::string& l : brand_.languages) (list += list.empty() ? "" : " ") += l;
            xml_.fail(node, "lang", "lang '" + tag + "' is not one of the brand's languages (" + list +
                                        "); add it to languages=\"...\" on <brand>");
        }
        return primary_language(tag);
    }

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
        xml_.check_attributes(node, {"lang"});
        std::string lang = lang_of(node, brand_.default_language());
        for (const Brand::Promise& p : brand_.promises)
            if (p.lang == lang)
                xml_.fail(node, brand_.promises.size() == 1 && brand_.languages.size() == 1
                                    ? std::string("the brand has a second <promise>; it takes one")
                                    : "the brand has a second <promise> in " + lang + "; it takes one per language");
        brand_.promises.push_back({lang, xml_.required_text(node)});
        if (lang == brand_.default_language()) brand_.promise = brand_.promises.back().text;
    }

    void read_channel(pugi::xml_node node) {
        xml_.check_attributes(node, {"id", "min-pillars", "max-grade", "max-words", "max-sentence-words", "languages"}, {"id"});
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
        if (pugi::xml_attribute languages = node.attribute("languages")) {
            for (const std::string& tag : split_list(languages.value(), " \t\r\n")) {
                if (brand_.locale_of(tag).empty())
                    xml_.fail(node, "languages", "language '" + tag + "' is not one of the brand's languages; add it to languages=\"...\" on <brand>");
                if (std::find(limits.languages.begin(), limits.languages.end(), primary_language(tag)) != limits.languages.end())
                    xml_.fail(node, "languages", "'languages' lists " + primary_language(tag) + " twice");
                limits.languages.push_back(primary_language(tag));
            }
            if (limits.languages.empty()) xml_.fail(node, "languages", "'languages' is empty");
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
    BrandElement capture(pugi::xml_node node, const std::string& inherited_lang = {}) {
        xml_.severity(node);
        xml_.channels(node);
        BrandElement element{node.name(), {}, {}, {}, xml_.where(node), {}};
        element.lang = lang_of(node, inherited_lang.empty() ? brand_.default_language() : inherited_lang);
        for (pugi::xml_attribute a : node.attributes())
            element.attributes.push_back({a.name(), a.value(), xml_.where(node, a.name())});
        for (pugi::xml_node child : node.children()) {
            if (child.type() == pugi::node_element) element.children.push_back(capture(child, element.lang));
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
