#include "server/languagetool.hpp"

#include "base/strings.hpp"
#include "base/unicode.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <sstream>

namespace touchpoint {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Net::HTTPResponse;

// UTF-16 code units in the first `bytes` bytes of UTF-8 text (LanguageTool's offsets).
size_t utf16_units(std::string_view text, size_t bytes) {
    size_t units = 0, pos = 0;
    while (pos < bytes && pos < text.size()) units += utf8::next(text, pos) >= 0x10000 ? 2 : 1;
    return units;
}

// utf16_units for offsets asked in increasing order (findings come sorted): counted on
// from the last one, so many matches in a long text cost its length once.
class Utf16Counter {
public:
    explicit Utf16Counter(std::string_view text) : text_(text) {}
    size_t units_before(size_t bytes) {
        if (bytes < pos_) pos_ = units_ = 0;
        while (pos_ < bytes && pos_ < text_.size()) units_ += utf8::next(text_, pos_) >= 0x10000 ? 2 : 1;
        return units_;
    }

private:
    std::string_view text_;
    size_t pos_ = 0, units_ = 0;
};

// LanguageTool's context: the match and up to this many characters either side of it on
// its line, so that an answer does not repeat a long line for each of its matches.
constexpr int context_characters = 40;

Object::Ptr match_of(const ReportedFinding& f, const std::string& text, Utf16Counter& counter) {
    size_t begin = f.source_begin, end = f.source_end;
    if (f.whole_document) begin = end = 0;
    size_t offset = counter.units_before(begin), length = counter.units_before(end) - offset;
    Object::Ptr m = new Object;
    m->set("message", f.message);
    m->set("shortMessage", f.rule.substr(f.rule.find('.') + 1));
    Array::Ptr replacements = new Array;
    for (const std::string& s : f.suggestions) {
        Object::Ptr r = new Object;
        r->set("value", s);
        replacements->add(r);
    }
    m->set("replacements", replacements);
    m->set("offset", offset);
    m->set("length", length);
    // Context: the match and a few characters either side on its line, as LanguageTool gives it.
    size_t context_start = begin, context_end = std::max(begin, end);
    for (int n = 0; n < context_characters && context_start > 0 && text[context_start - 1] != '\n'; ++n)
        while (--context_start > 0 && utf8::is_continuation(static_cast<unsigned char>(text[context_start]))) {}
    for (int n = 0; n < context_characters && context_end < text.size() && text[context_end] != '\n'; ++n)
        utf8::next(text, context_end);
    std::string window = text.substr(context_start, context_end - context_start);
    Object::Ptr context = new Object;
    context->set("text", window);
    context->set("offset", utf16_units(window, begin - context_start));
    context->set("length", length);
    m->set("context", context);
    m->set("sentence", window);
    Object::Ptr type = new Object;
    type->set("typeName", "Other");
    m->set("type", type);
    Object::Ptr rule = new Object;
    rule->set("id", f.rule);
    rule->set("description", f.message);
    // A finding that yields to brand findings is a dictionary's (Claim::yields): a
    // misspelling to LanguageTool's clients, as is an error (their red underline).
    rule->set("issueType", f.severity == Severity::error || f.claim == Claim::yields ? "misspelling" : "style");
    Object::Ptr category = new Object;
    std::string plugin = f.rule.substr(0, f.rule.find('.'));
    category->set("id", plugin);
    category->set("name", plugin);
    rule->set("category", category);
    m->set("rule", rule);
    m->set("ignoreForIncompleteSentence", false);
    m->set("contextForSureMatch", 0);
    return m;
}

// LanguageTool's data parameter: {"annotation": [{"text": ...}, {"markup": ...}]}.
// Markup stays in the string (offsets count it) but is blanked, so it is not checked.
std::string annotated_text(const std::string& data) {
    Object::Ptr root;
    try {
        root = Poco::JSON::Parser().parse(data).extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "'data' is not JSON: " + e.displayText());
    }
    Array::Ptr items = root->getArray("annotation");
    if (!items) throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "'data' needs an \"annotation\" array");
    std::string text;
    for (size_t i = 0; i < items->size(); ++i) {
        Object::Ptr item = items->getObject(unsigned(i));
        if (!item) continue;
        if (item->has("text")) {
            text += item->getValue<std::string>("text");
        } else if (item->has("markup")) {
            std::string markup = item->getValue<std::string>("markup");
            std::string interpret = item->optValue<std::string>("interpretAs", "");
            size_t pos = 0;
            while (pos < markup.size()) {  // one space per UTF-16 unit of markup keeps the offsets
                char32_t c = utf8::next(markup, pos);
                text.append(c >= 0x10000 ? 2 : 1, ' ');
            }
            if (!interpret.empty() && !text.empty()) text.back() = interpret.back() == '\n' ? '\n' : ' ';
        }
    }
    return text;
}

// The brand language most findings are in, else the default.
std::string most_findings_in(const FileReport& report, const Brand& brand) {
    std::map<std::string, size_t> counts;
    for (const ReportedFinding& f : report.findings)
        if (!f.lang.empty()) ++counts[f.lang];
    std::string best = brand.default_language();
    size_t most = 0;
    for (const auto& [lang, n] : counts)
        if (n > most && !brand.locale_of(lang).empty()) best = lang, most = n;
    return brand.locale_of(best);
}

}  // namespace

Object languagetool_check(Service& service, const Poco::Net::HTMLForm& form) {
    std::string text;
    if (form.has("text")) {
        text = form.get("text");
    } else if (form.has("data")) {
        text = annotated_text(form.get("data"));
    } else {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "missing 'text' or 'data' parameter");
    }
    std::vector<std::string> enabled = split_list(form.get("enabledRules", ""), ","),
                             disabled = split_list(form.get("disabledRules", ""), ",");
    bool only = form.get("enabledOnly", "false") == "true";
    // LanguageTool's language: "auto" (or none) detects; a brand language is the text's.
    std::string requested = brand_language(service.engine.brand(), form.get("language", "auto"));
    FileReport report = check_within(service, text, "draft.txt", std::nullopt, requested);
    refuse_skipped(report);
    Array::Ptr matches = new Array;
    Utf16Counter counter(text);
    for (const ReportedFinding& f : report.findings) {
        bool is_enabled = std::find(enabled.begin(), enabled.end(), f.rule) != enabled.end();
        if (std::find(disabled.begin(), disabled.end(), f.rule) != disabled.end()) continue;
        if (only && !is_enabled) continue;
        matches->add(match_of(f, text, counter));
    }
    Object root;
    Object::Ptr software = new Object;
    software->set("name", "Touchpoint");
    software->set("version", service.version);
    software->set("apiVersion", 1);
    software->set("status", "");
    root.set("software", software);
    // The language as the brand declares it (es -> es-US); detected, the one most of the
    // findings are in.
    const Brand& brand = service.engine.brand();
    std::string locale = requested.empty() ? most_findings_in(report, brand) : brand.locale_of(primary_language(requested));
    Object::Ptr language = new Object;
    language->set("name", locale);
    language->set("code", locale);
    Object::Ptr detected = new Object;
    detected->set("name", locale);
    detected->set("code", locale);
    detected->set("confidence", 1.0);
    language->set("detectedLanguage", detected);
    root.set("language", language);
    root.set("matches", matches);
    return root;
}

std::string languagetool_languages(const Brand& brand) {
    Array list;
    for (const std::string& tag : brand.languages) {
        Object::Ptr language = new Object;
        std::string code = primary_language(tag);
        size_t dash = tag.find('-');
        std::string name = language_display_name(code);
        if (dash != std::string::npos) name += " (" + tag.substr(dash + 1) + ")";
        language->set("name", name);
        language->set("code", code);
        language->set("longCode", tag);
        list.add(language);
    }
    std::ostringstream out;
    list.stringify(out);
    return out.str();
}

}  // namespace touchpoint
