// shouting: flags words of five or more letters written in capitals ("FREE", "NOW" are
// short enough to pass; "AMAZING" is not). A complete Touchpoint rule plugin.
#include <touchpoint/plugin.hpp>

#include <cctype>

namespace {

bool shouted(std::string_view word) {
    if (word.size() < 5) return false;
    for (char c : word)
        if (!std::isupper(static_cast<unsigned char>(c))) return false;
    return true;
}

class ShoutingCheck : public touchpoint::Check {
public:
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
};

class ShoutingPlugin : public touchpoint::Plugin {
public:
    std::string name() const override { return "shouting"; }
    std::string description() const override { return "Words written in capitals."; }
    std::vector<touchpoint::RuleInfo> rules() const override {
        return {{"capitals", "A word of five or more letters in capitals.", touchpoint::Severity::suggestion}};
    }
    std::unique_ptr<touchpoint::Check> compile(const touchpoint::CompileContext&) const override {
        return std::make_unique<ShoutingCheck>();
    }
};

}  // namespace

TOUCHPOINT_PLUGIN(ShoutingPlugin)
