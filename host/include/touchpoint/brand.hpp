// The compiled brand file (docs/brand-file.md): what every rule plugin is configured from.
#pragma once

#include <touchpoint/export.hpp>

#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

enum class Severity : unsigned char { suggestion = 0, warning = 1, error = 2 };

TOUCHPOINT_API std::string_view to_string(Severity severity);
TOUCHPOINT_API std::optional<Severity> parse_severity(std::string_view text);

// Where a brand element was declared, for messages that point back at the brand file.
struct SourceRef {
    std::string file;
    int line = 0;
    int column = 0;
};

// The channels a rule applies to; empty means every channel.
struct TOUCHPOINT_API ChannelFilter {
    std::vector<std::string> ids;
    bool applies_to(std::string_view channel) const;
};

struct ChannelLimits {
    std::string id;
    // languages="en es": every sign of the channel carries text in each (primary subtags).
    std::vector<std::string> languages;
    std::optional<int> min_pillars;
    std::optional<double> max_grade;
    std::optional<int> max_words;
    std::optional<int> max_sentence_words;
    SourceRef where;
};

// An element of the brand file that is not the host's: handed, with its place in the
// file, to the plugin that claims its name (Plugin::brand_elements()).
struct BrandAttribute {
    std::string name;
    std::string value;  // as written
    SourceRef where;
};

struct TOUCHPOINT_API BrandElement {
    std::string name;
    std::vector<BrandAttribute> attributes;
    std::string text;                    // its own text (not its children's), trimmed
    std::vector<BrandElement> children;  // its child elements, in order
    SourceRef where;                     // its '<'
    // The language the element belongs to, as a primary subtag ("es"): its `lang`
    // attribute (checked by the host to be one of the brand's languages), else its
    // parent's, else the brand's default. A plugin that takes `lang` lists it as allowed.
    std::string lang;

    const BrandAttribute* attribute(std::string_view name) const;
    // The attribute's value, trimmed; empty when it is absent.
    std::string value(std::string_view name) const;
    // The attribute's value split at each `separator`, every part trimmed (an empty part
    // kept, for the plugin to refuse); none when it is absent.
    std::vector<std::string> values(std::string_view name, char separator) const;
    // The attribute's place, or the element's when it is absent.
    const SourceRef& where_is(std::string_view attribute) const;

    // Validation with the messages every brand element gives; each throws BrandError.
    [[noreturn]] void fail(const std::string& sentence) const;
    [[noreturn]] void fail(std::string_view attribute, const std::string& sentence) const;
    // Refuses an attribute that is not `allowed` and a missing or empty `required` one.
    void expect_attributes(std::initializer_list<std::string_view> allowed,
                           std::initializer_list<std::string_view> required = {}) const;
    // Refuses any child element (and any text, unless `text_allowed`).
    void expect_leaf(bool text_allowed) const;
    // The element's text, refusing children and an empty text.
    const std::string& required_text() const;
    // `text` (a term, an attribute's value or the element's text) unchanged, refused when
    // it holds no word; the fault is placed at `attribute`, or the element when empty.
    const std::string& require_words(const std::string& text, std::string_view attribute = {}) const;
    // A whole-number attribute of at least `minimum`; nullopt when it is absent.
    std::optional<int> integer(std::string_view attribute, int minimum) const;

    // The attributes every element may carry, already checked by the host:
    // severity="error|warning|suggestion", channels="id id ..." and lang (see `lang`).
    Severity severity(Severity fallback) const;
    ChannelFilter channels() const;
};

// A brand element that cannot be used: what() is "file:line:column: sentence".
class TOUCHPOINT_API BrandError : public std::runtime_error {
public:
    BrandError(const SourceRef& where, const std::string& sentence);
    ~BrandError() override;
    const SourceRef& where() const { return where_; }

private:
    SourceRef where_;
};

// The brand's own words, published by the plugins that read the elements declaring
// them (Plugin::read_brand()) for every plugin to use: spelled right, sources of
// suggestions, or left to the rule that flags them.
struct BrandVocabulary {
    struct Name {
        std::string canonical;              // written exactly so
        std::vector<std::string> variants;  // its known wrong forms
    };
    std::vector<Name> names;
    std::vector<std::string> preferred;   // terms the brand prefers
    std::vector<std::string> flagged;     // words a rule flags wherever they stand (alternatives, avoided terms)
    std::vector<std::string> suggested;   // replacements a rule suggests
    std::vector<std::string> themes;      // terms whose use carries a part of the promise
    std::vector<std::string> accepted;    // words every dictionary lookup accepts
};

// "es-US" -> "es", "EN_us" -> "en": the part of a language tag that rules go by.
TOUCHPOINT_API std::string primary_language(std::string_view tag);
// A language's English name, for messages: "es" -> "Spanish", "en-US" -> "English"; an
// unknown language's primary subtag as it is.
TOUCHPOINT_API std::string language_display_name(std::string_view tag);

struct TOUCHPOINT_API Brand {
    std::string file;
    std::string name;
    std::string locale = "en-US";
    // The languages the brand writes in, as declared (`languages="en-US es-US"`); the
    // first is `locale`, the default. Just `locale` when the brand declares none.
    std::vector<std::string> languages = {"en-US"};
    std::string promise;  // in the default language
    struct Promise {
        std::string lang;  // primary subtag
        std::string text;
    };
    std::vector<Promise> promises;  // every <promise>, the default language's among them
    std::vector<ChannelLimits> channels;
    int pass_mark = 80;  // <report pass-mark="80"/>: the on-promise score a touchpoint needs
    std::vector<BrandElement> elements;  // the plugins' elements, in file order
    BrandVocabulary vocabulary;

    const ChannelLimits* channel(std::string_view id) const;
    // The default language's primary subtag ("en").
    std::string default_language() const { return primary_language(locale); }
    // The index in `languages` of the one `lang` names ("es" for "es-US"), or -1.
    int language_index(std::string_view lang) const;
    // The declared tag of one of the brand's languages ("es" -> "es-US"), or empty.
    std::string locale_of(std::string_view lang) const;
    // The promise in a language, or the default language's where it has none.
    const std::string& promise_in(std::string_view lang) const;
    // The elements of one name, in file order.
    std::vector<const BrandElement*> elements_named(std::string_view name) const;
};

}  // namespace touchpoint
