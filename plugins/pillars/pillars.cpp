// pillars: does a touchpoint carry the promise? A document carries a pillar when one of
// its terms occurs (matched like terminology's terms); a channel's min-pillars sets how
// many distinct pillars each of its documents must carry.
#include "pillars.hpp"

#include <map>
#include <set>

namespace touchpoint::pillars {
namespace {

struct Pillar {
    std::string id;
    std::string label;
    std::vector<std::string> terms;
    std::vector<std::string> langs;  // by term: the language it is a term of
};

// <pillar id="compassion" label="Compassionate care"><term>compassion</term>...</pillar>
Pillar read_pillar(const BrandElement& element) {
    element.expect_attributes({"id", "label", "lang"}, {"id"});
    Pillar pillar{element.value("id"), element.value("label"), {}, {}};
    if (pillar.label.empty()) pillar.label = pillar.id;
    if (!element.text.empty()) element.fail("<pillar> takes <term> elements, not text");
    for (const BrandElement& child : element.children) {
        if (child.name != "term") child.fail("<pillar> takes <term> elements, not <" + child.name + ">");
        child.expect_attributes({"lang"});
        pillar.terms.push_back(child.require_words(child.required_text()));
        pillar.langs.push_back(child.lang);
    }
    if (pillar.terms.empty()) element.fail("pillar '" + pillar.id + "' has no <term>");
    return pillar;
}

std::vector<Pillar> read_pillars(const std::vector<const BrandElement*>& elements) {
    std::vector<Pillar> pillars;
    std::map<std::string, int> first_line;
    for (const BrandElement* element : elements) {
        pillars.push_back(read_pillar(*element));
        auto [it, inserted] = first_line.emplace(pillars.back().id, element->where.line);
        if (!inserted)
            element->fail("duplicate pillar '" + pillars.back().id + "'; the first is at line " + std::to_string(it->second));
    }
    return pillars;
}

class PillarsCheck : public Check {
public:
    PillarsCheck(const CompileContext& context, std::vector<Pillar> pillars)
        : brand_(context.brand()), pillars_(std::move(pillars)) {
        // With several languages, coverage is also measured per language ("pillars.es").
        if (brand_.languages.size() > 1)
            for (const std::string& tag : brand_.languages) languages_.push_back(primary_language(tag));
        for (size_t p = 0; p < pillars_.size(); ++p)
            for (size_t t = 0; t < pillars_[p].terms.size(); ++t) {
                matcher_.add(pillars_[p].terms[t], true, pillars_[p].langs[t]);
                pillar_of_.push_back(p);
                language_of_.push_back(language_index(pillars_[p].langs[t]));
            }
        matcher_.build([&](std::string_view lang) { return context.lexicon(lang); }, brand_.default_language());
    }

    void check(const Document& document, Reporter& reporter) const override {
        std::vector<int> hits(pillars_.size(), 0);
        // By language, then pillar.
        std::vector<std::vector<int>> hits_in(languages_.size(), std::vector<int>(pillars_.size(), 0));
        int64_t covered_until = -1;
        matcher_.scan(document, [&](const TermMatcher::Match& match) {
            if (int64_t(match.first_word) <= covered_until) return;
            covered_until = match.last_word;
            ++hits[pillar_of_[match.entry]];
            if (!languages_.empty()) ++hits_in[language_of_[match.entry]][pillar_of_[match.entry]];
        });
        size_t carried = 0;
        for (size_t p = 0; p < hits.size(); ++p) {
            reporter.measure("pillars", pillars_[p].id, hits[p]);
            carried += hits[p] > 0;
        }
        // Per language, for the languages the document is written in.
        std::vector<bool> present = languages_present(document);
        for (size_t l = 0; l < languages_.size(); ++l)
            if (present[l])
                for (size_t p = 0; p < pillars_.size(); ++p) reporter.measure("pillars." + languages_[l], pillars_[p].id, hits_in[l][p]);
        const ChannelLimits* limits = brand_.channel(document.channel());
        if (!limits || !limits->min_pillars || carried >= size_t(*limits->min_pillars)) return;
        reporter.report(shortfall(document.channel(), present, hits, carried, size_t(*limits->min_pillars)));
    }

    std::vector<MeasureInfo> measures() const override {
        MeasureInfo info{"pillars", "Pillars", {}};
        for (const Pillar& pillar : pillars_) info.keys.emplace_back(pillar.id, pillar.label);
        std::vector<MeasureInfo> all{info};
        for (const std::string& lang : languages_) {
            all.push_back(info);
            all.back().group = "pillars." + lang;
            all.back().label = "Pillars (" + lang + ")";
        }
        return all;
    }

private:
    // Which of the brand's languages the document has words in.
    std::vector<bool> languages_present(const Document& document) const {
        std::vector<bool> present(languages_.size(), false);
        if (languages_.empty()) return present;  // one language: nothing per language
        for (const Word& word : document.words()) {
            std::string_view lang = document.language(word);
            present[language_index(lang.empty() ? brand_.default_language() : std::string(lang))] = true;
        }
        return present;
    }

    // Names the missing pillars with their terms in the document's languages (`present`).
    Finding shortfall(const std::string& channel, const std::vector<bool>& present, const std::vector<int>& hits,
                      size_t carried, size_t needed) const {
        std::string missing;
        std::vector<std::string> suggestions;
        for (size_t p = 0; p < hits.size(); ++p) {
            if (hits[p] > 0) continue;
            const Pillar& pillar = pillars_[p];
            std::vector<std::string> terms;
            for (size_t t = 0; t < pillar.terms.size(); ++t)
                if (languages_.empty() || present[language_index(pillar.langs[t])]) terms.push_back(pillar.terms[t]);
            missing += (missing.empty() ? "" : "; ") + pillar.label + " (" + join(terms.empty() ? pillar.terms : terms) + ")";
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

    size_t language_index(const std::string& lang) const {
        for (size_t l = 0; l < languages_.size(); ++l)
            if (languages_[l] == lang) return l;
        return 0;
    }

    Brand brand_;
    std::vector<Pillar> pillars_;
    std::vector<std::string> languages_;  // the brand's, when it has several
    TermMatcher matcher_;
    std::vector<size_t> pillar_of_;    // per matcher entry
    std::vector<size_t> language_of_;  // per matcher entry: index into languages_
};

}  // namespace

std::string PillarsPlugin::name() const { return "pillars"; }

std::string PillarsPlugin::description() const { return "Whether each touchpoint carries the brand promise's pillars."; }

std::vector<RuleInfo> PillarsPlugin::rules() const {
    return {{"coverage", "A document carrying fewer distinct pillars than its channel's min-pillars.", Severity::warning}};
}

std::vector<std::string> PillarsPlugin::brand_elements() const { return {"pillar"}; }

void PillarsPlugin::read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary& vocabulary) const {
    for (const Pillar& pillar : read_pillars(elements))
        vocabulary.themes.insert(vocabulary.themes.end(), pillar.terms.begin(), pillar.terms.end());
}

std::unique_ptr<Check> PillarsPlugin::compile(const CompileContext& context) const {
    std::vector<Pillar> pillars = read_pillars(context.brand().elements_named("pillar"));
    if (pillars.empty()) return nullptr;
    return std::make_unique<PillarsCheck>(context, std::move(pillars));
}

}  // namespace touchpoint::pillars

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::pillars::PillarsPlugin)
#endif
