#pragma once

#include <touchpoint/plugin.hpp>

namespace touchpoint::style {

class StylePlugin : public Plugin {
public:
    std::string name() const override;
    std::string description() const override;
    std::vector<RuleInfo> rules() const override;
    std::unique_ptr<Check> compile(const CompileContext& context) const override;
    std::vector<RuleInfo> pack_rule_types() const override;
    std::unique_ptr<Check> compile_pack_rule(const PackRule& rule, const CompileContext& context) const override;
};

// The case style of a sign: "Title Case", "Sentence case", "ALL CAPS", or "" when it
// cannot tell (one significant word, or proper nouns mixed in).
std::string case_style(std::string_view sign, const std::vector<std::string>& ignored_keys);

}  // namespace touchpoint::style
