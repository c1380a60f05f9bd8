#pragma once

#include <touchpoint/plugin.hpp>

namespace touchpoint::facts {

class FactsPlugin : public Plugin {
public:
    std::string name() const override;
    std::string description() const override;
    std::vector<RuleInfo> rules() const override;
    std::vector<std::string> brand_elements() const override;
    void read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary& vocabulary) const override;
    std::unique_ptr<Check> compile(const CompileContext& context) const override;
};

}  // namespace touchpoint::facts
