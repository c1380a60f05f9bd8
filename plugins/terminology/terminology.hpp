#pragma once

#include <touchpoint/plugin.hpp>

namespace touchpoint::terminology {

class TerminologyPlugin : public Plugin {
public:
    std::string name() const override;
    std::string description() const override;
    std::vector<RuleInfo> rules() const override;
    std::vector<std::string> brand_elements() const override;
    void read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary& vocabulary) const override;
    std::unique_ptr<Check> compile(const CompileContext& context) const override;
    std::vector<RuleInfo> pack_rule_types() const override;
    std::unique_ptr<Check> compile_pack_rule(const PackRule& rule, const CompileContext& context) const override;
    std::unique_ptr<Check> compile_pack_rules(const std::vector<PackRule>& rules, const CompileContext& context) const override;
};

// terminology.avoid for pack rules, one check for all (pack_avoid.cpp).
std::unique_ptr<Check> make_pack_avoid_check(std::vector<PackRule> rules, const CompileContext& context);

}  // namespace touchpoint::terminology
