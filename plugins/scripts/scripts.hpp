#pragma once

#include <touchpoint/plugin.hpp>

namespace touchpoint::scripts {

class ScriptsPlugin : public Plugin {
public:
    std::string name() const override;
    std::string description() const override;
    std::vector<RuleInfo> rules() const override;
    std::unique_ptr<Check> compile(const CompileContext& context) const override;
    std::vector<RuleInfo> pack_rule_types() const override;
    std::unique_ptr<Check> compile_pack_rule(const PackRule& rule, const CompileContext& context) const override;
};

}  // namespace touchpoint::scripts
