#include <touchpoint/brand.hpp>

#include "base/strings.hpp"

#include <touchpoint/text.hpp>

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>

namespace touchpoint {

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::suggestion: return "suggestion";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
    }
    return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "suggestion") return Severity::suggestion;
    if (text == "warning") return Severity::warning;
    if (text == "error") return Severity::error;
    return std::nullopt;
}

bool ChannelFilter::applies_to(std::string_view channel) const {
    return ids.empty() || std::find(ids.begin(), ids.end(), channel) != ids.end();
}

const ChannelLimits* Brand::channel(std::string_view id) const {
    for (const ChannelLimits& limits : channels)
        if (limits.id == id) return &limits;
    return nullptr;
}

std::string primary_language(std::string_view tag) {
    std::string out;
    for (char c : tag) {
        if (c == '-' || c == '_') break;
        out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string language_display_name(std::string_view tag) {
    std::string code = primary_language(tag);
    icu::UnicodeString name;
    icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
    std::string out;
    name.toUTF8String(out);
    return out.empty() ? code : out;
}

int Brand::language_index(std::string_view lang) const {
    std::string wanted = primary_language(lang);
    for (size_t i = 0; i < languages.size(); ++i)
        if (primary_language(languages[i]) == wanted) return int(i);
    return -1;
}

std::string Brand::locale_of(std::string_view lang) const {
    int index = language_index(lang);
    return index < 0 ? std::string() : languages[size_t(index)];
}

const std::string& Brand::promise_in(std::string_view lang) const {
    for (const Promise& p : promises)
        if (p.lang == lang) return p.text;
    return promise;
}

std::vector<const BrandElement*> Brand::elements_named(std::string_view name) const {
    std::vector<const BrandElement*> found;
    for (const BrandElement& element : elements)
        if (element.name == name) found.push_back(&element);
    return found;
}

BrandError::BrandError(const SourceRef& where, const std::string& sentence)
    : std::runtime_error(where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": " +
                         sentence),
      where_(where) {}

BrandError::~BrandError() = default;

const BrandAttribute* BrandElement::attribute(std::string_view wanted) const {
    for (const BrandAttribute& a : attributes)
        if (a.name == wanted) return &a;
    return nullptr;
}

std::string BrandElement::value(std::string_view wanted) const {
    const BrandAttribute* a = attribute(wanted);
    return a ? trim(a->value) : std::string();
}

std::vector<std::string> BrandElement::values(std::string_view wanted, char separator) const {
    const BrandAttribute* a = attribute(wanted);
    return a ? split_each(a->value, separator) : std::vector<std::string>{};
}

const SourceRef& BrandElement::where_is(std::string_view wanted) const {
    const BrandAttribute* a = attribute(wanted);
    return a ? a->where : where;
}

void BrandElement::fail(const std::string& sentence) const { throw BrandError(where, sentence); }

void BrandElement::fail(std::string_view wanted, const std::string& sentence) const {
    throw BrandError(where_is(wanted), sentence);
}

void BrandElement::expect_attributes(std::initializer_list<std::string_view> allowed,
                                     std::initializer_list<std::string_view> required) const {
    for (const BrandAttribute& a : attributes) {
        if (std::find(allowed.begin(), allowed.end(), a.name) != allowed.end()) continue;
        std::string list;
        for (std::string_view known : allowed) (list += list.empty() ? "" : ", ") += known;
        throw BrandError(a.where, "<" + name + "> has no attribute '" + a.name + "'" +
                                      (list.empty() ? "" : "; it takes: " + list));
    }
    for (std::string_view wanted : required) {
        const BrandAttribute* a = attribute(wanted);
        if (!a) fail("<" + name + "> needs a '" + std::string(wanted) + "' attribute");
        if (trim(a->value).empty())
            throw BrandError(a->where, "the '" + a->name + "' attribute of <" + name + "> is empty");
    }
}

void BrandElement::expect_leaf(bool text_allowed) const {
    if (!children.empty())
        throw BrandError(children.front().where, "<" + name + "> takes no <" + children.front().name + "> element");
    if (!text_allowed && !text.empty()) fail("<" + name + "> takes no text");
}

const std::string& BrandElement::required_text() const {
    expect_leaf(true);
    if (text.empty()) fail("<" + name + "> is empty");
    return text;
}

const std::string& BrandElement::require_words(const std::string& text, std::string_view attribute) const {
    if (phrase_keys(text).empty()) {
        std::string sentence = text.empty() ? "the term is empty" : "the term '" + text + "' has no word in it";
        throw BrandError(where_is(attribute), sentence);
    }
    return text;
}

std::optional<int> BrandElement::integer(std::string_view wanted, int minimum) const {
    if (!attribute(wanted)) return std::nullopt;
    std::string text = value(wanted);
    int number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end != text.data() + text.size() || number < minimum)
        fail(wanted, std::string(wanted) + " '" + text + "' is not a whole number of at least " + std::to_string(minimum));
    return number;
}

Severity BrandElement::severity(Severity fallback) const {
    return attribute("severity") ? parse_severity(value("severity")).value_or(fallback) : fallback;
}

ChannelFilter BrandElement::channels() const {
    const BrandAttribute* a = attribute("channels");
    return ChannelFilter{a ? split_list(a->value, " \t\r\n") : std::vector<std::string>{}};
}

}  // namespace touchpoint
