#pragma once

#include <touchpoint/plugin.hpp>

namespace touchpoint::languages {

class LanguagesPlugin : public Plugin {
public:
    std::string name() const override;
    std::string description() const override;
    std::vector<RuleInfo> rules() const override;
    std::unique_ptr<Check> compile(const CompileContext& context) const override;
};

}  // namespace touchpoint::languages
