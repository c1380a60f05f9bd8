// shouting: flags words of five or more letters written in capitals ("FREE", "NOW" are
// short enough to pass; "AMAZING" is not). A complete Touchpoint rule plugin, with a
// brand element of its own:
//
//     <shouting min-letters="4" allow="NASA UNICEF"/>
//
// sets the length and names words that are capitals by right; they are published as
// accepted words, so the spelling plugin takes them too.
#include <touchpoint/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace {

struct Settings {
    size_t min_letters = 5;
    std::set<std::string, std::less<>> allowed;
};

// The brand's <shouting> elements (at most one), validated with the brand file's place.
Settings read_settings(const std::vector<const touchpoint::BrandElement*>& elements) {
    Settings settings;
    for (const touchpoint::BrandElement* element : elements) {
        if (element != elements.front()) element->fail("the brand has a second <shouting>; it takes one");
        element->expect_attributes({"min-letters", "allow"});
        element->expect_leaf(false);
        if (auto letters = element->integer("min-letters", 2)) settings.min_letters = size_t(*letters);
        for (const std::string& word : element->values("allow", ' '))
            if (!word.empty()) settings.allowed.insert(word);
    }
    return settings;
}

class ShoutingCheck : public touchpoint::Check {
public:
    explicit ShoutingCheck(Settings settings) : settings_(std::move(settings)) {}

    void check(const touchpoint::Document& document, touchpoint::Reporter& reporter) const override {
        for (const touchpoint::Word& word : document.words()) {
            std::string_view text = document.text().substr(word.begin, word.end - word.begin);
            if (!shouted(text)) continue;
            touchpoint::Finding finding;
            finding.rule = "capitals";
            finding.severity = touchpoint::Severity::suggestion;
            finding.begin = word.begin;
            finding.end = word.end;
            finding.message = "Don't shout: write '" + std::string(text) + "' in lower case.";
            reporter.report(std::move(finding));
        }
    }

private:
    bool shouted(std::string_view word) const {
        return word.size() >= settings_.min_letters && !settings_.allowed.count(word) &&
               std::all_of(word.begin(), word.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    }

    Settings settings_;
};

class ShoutingPlugin : public touchpoint::Plugin {
public:
    std::string name() const override { return "shouting"; }
    std::string description() const override { return "Words written in capitals."; }
    std::vector<touchpoint::RuleInfo> rules() const override {
        return {{"capitals", "A word of five or more letters in capitals.", touchpoint::Severity::suggestion}};
    }
    std::vector<std::string> brand_elements() const override { return {"shouting"}; }
    void read_brand(const std::vector<const touchpoint::BrandElement*>& elements,
                    touchpoint::BrandVocabulary& vocabulary) const override {
        Settings settings = read_settings(elements);
        vocabulary.accepted.insert(vocabulary.accepted.end(), settings.allowed.begin(), settings.allowed.end());
    }
    std::unique_ptr<touchpoint::Check> compile(const touchpoint::CompileContext& context) const override {
        return std::make_unique<ShoutingCheck>(read_settings(context.brand().elements_named("shouting")));
    }
};

}  // namespace

TOUCHPOINT_PLUGIN(ShoutingPlugin)
