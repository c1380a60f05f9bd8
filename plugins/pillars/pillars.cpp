// pillars: does a touchpoint carry the promise? A document carries a pillar when one of
// its terms occurs (matched like terminology's terms); a channel's min-pillars sets how
// many distinct pillars each of its documents must carry.
#include "pillars.hpp"

#include <set>

namespace touchpoint::pillars {
namespace {

class PillarsCheck : public Check {
public:
    explicit PillarsCheck(const CompileContext& context) : brand_(context.brand()) {
        for (size_t p = 0; p < brand_.pillars.size(); ++p)
            for (const std::string& term : brand_.pillars[p].terms) {
                matcher_.add(term);
                pillar_of_.push_back(p);
            }
        matcher_.build(&context.lexicon());
    }

    void check(const Document& document, Reporter& reporter) const override {
        std::vector<int> hits(brand_.pillars.size(), 0);
        int64_t covered_until = -1;
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            if (int64_t(match.first_word) <= covered_until) return;
            covered_until = match.last_word;
            ++hits[pillar_of_[match.entry]];
        });
        size_t carried = 0;
        for (size_t p = 0; p < hits.size(); ++p) {
            reporter.measure("pillars", brand_.pillars[p].id, hits[p]);
            carried += hits[p] > 0;
        }
        const ChannelLimits* limits = brand_.channel(document.channel());
        if (!limits || !limits->min_pillars || carried >= size_t(*limits->min_pillars)) return;
        reporter.report(shortfall(document.channel(), hits, carried, size_t(*limits->min_pillars)));
    }

private:
    Finding shortfall(const std::string& channel, const std::vector<int>& hits, size_t carried, size_t needed) const {
        std::string missing;
        std::vector<std::string> suggestions;
        for (size_t p = 0; p < hits.size(); ++p) {
            if (hits[p] > 0) continue;
            const Pillar& pillar = brand_.pillars[p];
            missing += (missing.empty() ? "" : "; ") + pillar.label + " (" + join(pillar.terms) + ")";
            suggestions.push_back(pillar.label);
        }
        Finding finding;
        finding.rule = "coverage";
        finding.anchor = Anchor::document;
        finding.message = "This " + channel + " touchpoint carries " + std::to_string(carried) + " of the brand's pillars; it needs " +
                          std::to_string(needed) + ". Missing: " + missing + ".";
        finding.suggestions = std::move(suggestions);
        return finding;
    }

    static std::string join(const std::vector<std::string>& terms) {
        std::string out;
        for (const std::string& term : terms) out += (out.empty() ? "" : ", ") + term;
        return out;
    }

    Brand brand_;
    TermMatcher matcher_;
    std::vector<size_t> pillar_of_;  // per matcher entry
};

}  // namespace

std::string PillarsPlugin::name() const { return "pillars"; }

std::string PillarsPlugin::description() const { return "Whether each touchpoint carries the brand promise's pillars."; }

std::vector<RuleInfo> PillarsPlugin::rules() const {
    return {{"coverage", "A document carrying fewer distinct pillars than its channel's min-pillars.", Severity::warning}};
}

std::unique_ptr<Check> PillarsPlugin::compile(const CompileContext& context) const {
    if (context.brand().pillars.empty()) return nullptr;
    return std::make_unique<PillarsCheck>(context);
}

}  // namespace touchpoint::pillars

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::pillars::PillarsPlugin)
#endif
