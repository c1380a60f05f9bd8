// spelling: words the brand locale's Hunspell dictionary (with Debian's medical word
// list for English) does not know, less the brand's own words. Verdicts and
// suggestions are cached across documents and threads: most words repeat.
#include "spelling.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint::spelling {
namespace {

// Words that are not prose to spell-check: numbers, acronyms, file and domain names, and
// identifiers in camel case (DistSender, parseLat, iPhone).
bool skipped(std::string_view word) {
    bool has_lower = false, after_lower = false;
    size_t letters = 0;
    for (unsigned char c : word) {
        if (std::isdigit(c) || c == '.' || c == '_' || c == '@') return true;
        if (after_lower && std::isupper(c)) return true;
        after_lower = std::islower(c);
        if (std::islower(c)) has_lower = true;
        if (std::isalpha(c) || c >= 0x80) ++letters;
    }
    return !has_lower && letters >= 2 && std::all_of(word.begin(), word.end(), [](unsigned char c) {
               return c >= 0x80 || !std::islower(c);
           });
}

// One language's dictionary, with its verdicts and suggestions cached.
class Speller {
public:
    explicit Speller(const Lexicon& lexicon) : lexicon_(lexicon) {}

    const Lexicon& lexicon() const { return lexicon_; }

    bool known(std::string_view word) const {
        {
            std::shared_lock lock(mutex_);
            auto it = cache_.find(std::string(word));
            if (it != cache_.end()) return it->second.known;
        }
        bool known = lexicon_.knows(word);
        std::unique_lock lock(mutex_);
        cache_[std::string(word)].known = known;
        return known;
    }

    // Hunspell's suggestions are slow: asked once per misspelt word, only when reported.
    std::vector<std::string> suggestions(std::string_view word) const {
        {
            std::shared_lock lock(mutex_);
            auto it = cache_.find(std::string(word));
            if (it != cache_.end() && it->second.suggested) return it->second.suggestions;
        }
        std::vector<std::string> found = lexicon_.suggestions(word);
        if (found.size() > 5) found.resize(5);
        std::unique_lock lock(mutex_);
        Verdict& verdict = cache_[std::string(word)];
        verdict.suggested = true;
        verdict.suggestions = found;
        return found;
    }

private:
    struct Verdict {
        bool known = false;
        bool suggested = false;
        std::vector<std::string> suggestions;
    };

    const Lexicon& lexicon_;
    mutable std::shared_mutex mutex_;
    mutable std::unordered_map<std::string, Verdict> cache_;
};

class SpellingCheck : public Check {
public:
    explicit SpellingCheck(const CompileContext& context) {
        const Brand& brand = context.brand();
        default_language_ = brand.default_language();
        spellers_.emplace(default_language_, std::make_unique<Speller>(context.lexicon()));
        for (const std::string& tag : brand.languages)
            if (const Lexicon* lexicon = context.lexicon(primary_language(tag)))
                spellers_.emplace(primary_language(tag), std::make_unique<Speller>(*lexicon));
        const BrandVocabulary& words = brand.vocabulary;
        auto accept_phrase = [&](const std::string& phrase) {
            for (const std::string& key : phrase_keys(phrase)) accepted_.insert(key);
        };
        accept_phrase(brand.name);
        for (const std::string& word : words.accepted) accept_phrase(word);
        for (const BrandVocabulary::Name& name : words.names) {
            accept_phrase(name.canonical);
            for (const std::string& variant : name.variants) accept_phrase(variant);
        }
        for (const std::string& term : words.themes) accept_phrase(term);
        for (const std::string& term : words.preferred) accept_phrase(term);
    }

    // Each word by its own language's dictionary: "atencion" is no Spanish word, and
    // "atención" no English one.
    void check(const Document& document, Reporter& reporter) const override {
        for (const Word& word : document.words()) {
            if (word.in_literal) continue;
            std::string_view text = document.text().substr(word.begin, word.end - word.begin);
            if (skipped(text) || accepted_.count(std::string(document.key(word)))) continue;
            const Speller* speller = speller_of(document.language(word));
            if (!speller || speller->known(text)) continue;  // no dictionary for a language the brand does not write
            Finding finding;
            finding.rule = "unknown-word";
            finding.severity = Severity::suggestion;
            finding.begin = word.begin;
            finding.end = word.end;
            finding.message = "'" + std::string(text) + "' is not in the " + speller->lexicon().locale() + " dictionary.";
            finding.suggestions = speller->suggestions(text);
            finding.claim = Claim::yields;
            reporter.report(std::move(finding));
        }
    }

private:
    const Speller* speller_of(std::string_view lang) const {
        auto it = spellers_.find(lang.empty() ? default_language_ : std::string(lang));
        return it != spellers_.end() ? it->second.get() : nullptr;
    }

    std::string default_language_;
    std::map<std::string, std::unique_ptr<Speller>> spellers_;  // by language
    std::unordered_set<std::string> accepted_;  // match keys of the brand's own words
};

}  // namespace

std::string SpellingPlugin::name() const { return "spelling"; }

std::string SpellingPlugin::description() const {
    return "Words the brand locale's dictionary does not know, less the brand's own words.";
}

std::vector<RuleInfo> SpellingPlugin::rules() const {
    return {{"unknown-word", "A word not in the dictionary (Hunspell), with its suggestions.", Severity::suggestion}};
}

std::vector<std::string> SpellingPlugin::brand_elements() const { return {"accept"}; }

// <accept>Riverbend</accept>: a word every dictionary lookup of the run accepts.
void SpellingPlugin::read_brand(const std::vector<const BrandElement*>& elements, BrandVocabulary& vocabulary) const {
    for (const BrandElement* element : elements) {
        element->expect_attributes({"lang"});  // accepted in every language's look-ups
        vocabulary.accepted.push_back(element->required_text());
    }
}

std::unique_ptr<Check> SpellingPlugin::compile(const CompileContext& context) const {
    return std::make_unique<SpellingCheck>(context);
}

}  // namespace touchpoint::spelling

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::spelling::SpellingPlugin)
#endif
