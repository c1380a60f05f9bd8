// languages: a channel's languages="en es" (docs/brand-file.md) — every sign carries text
// in each listed language. A sign is a paragraph: a signage block, or a sign schedule row
// (whose message columns are the lines of one paragraph).
#include "languages.hpp"

#include <touchpoint/text.hpp>

#include <algorithm>
#include <unordered_set>

namespace touchpoint::languages {
namespace {

bool has_letter(std::string_view word) {
    return std::any_of(word.begin(), word.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); });
}

class MissingLanguageCheck : public Check {
public:
    explicit MissingLanguageCheck(const Brand& brand) : brand_(brand), default_language_(brand.default_language()) {
        // A name is the same in every language: a sign of names and numbers alone
        // ("Riverbend Health", "204") carries no language.
        for (const std::string& key : phrase_keys(brand.name)) name_words_.insert(key);
        for (const BrandVocabulary::Name& name : brand.vocabulary.names)
            for (const std::string& key : phrase_keys(name.canonical)) name_words_.insert(key);
    }

    void check(const Document& document, Reporter& reporter) const override {
        const ChannelLimits* limits = brand_.channel(document.channel());
        if (!limits || limits->languages.empty()) return;
        auto words = document.words();
        size_t w = 0;
        for (auto [begin, end] : paragraphs(document.text())) {
            while (w < words.size() && words[w].begin < begin) ++w;
            size_t first = w;
            std::unordered_set<std::string> present;
            for (; w < words.size() && words[w].begin < end; ++w) {
                const Word& word = words[w];
                std::string_view written = document.text().substr(word.begin, word.end - word.begin);
                if (word.in_literal || !has_letter(written) || name_words_.count(std::string(document.key(word)))) continue;
                std::string_view lang = document.language(word);
                present.emplace(lang.empty() ? default_language_ : lang);
            }
            if (present.empty()) continue;
            std::vector<std::string> missing;
            for (const std::string& lang : limits->languages)
                if (!present.count(lang)) missing.push_back(lang);
            if (!missing.empty()) reporter.report(missing_finding(document, words[first].begin, end, *limits, missing));
        }
    }

private:
    static Finding missing_finding(const Document& document, uint32_t begin, uint32_t end, const ChannelLimits& limits,
                                   const std::vector<std::string>& missing) {
        std::string_view text = document.text();
        // The finding stands at the sign's first line.
        size_t line_end = std::min<size_t>(text.find('\n', begin), end);
        while (line_end > begin && (text[line_end - 1] == ' ' || text[line_end - 1] == '\r')) --line_end;
        Finding finding;
        finding.rule = "missing";
        finding.begin = begin;
        finding.end = uint32_t(line_end);
        finding.message = "This sign has no " + list(missing, " or ") + " text; signs in the " + document.channel() +
                          " channel carry " + list(limits.languages, " and ") + ".";
        return finding;
    }

    static std::string list(const std::vector<std::string>& langs, std::string_view last_joint) {
        std::string out;
        for (size_t i = 0; i < langs.size(); ++i)
            out += (i == 0 ? "" : i + 1 == langs.size() ? std::string(last_joint) : std::string(", ")) + language_display_name(langs[i]);
        return out;
    }

    Brand brand_;
    std::string default_language_;
    std::unordered_set<std::string> name_words_;
};

}  // namespace

std::string LanguagesPlugin::name() const { return "languages"; }

std::string LanguagesPlugin::description() const {
    return "Signs that lack one of their channel's languages (languages=\"en es\").";
}

std::vector<RuleInfo> LanguagesPlugin::rules() const {
    return {{"missing", "A sign (a paragraph, or a sign schedule row) without text in one of its channel's languages.",
             Severity::warning}};
}

std::unique_ptr<Check> LanguagesPlugin::compile(const CompileContext& context) const {
    const Brand& brand = context.brand();
    bool any = std::any_of(brand.channels.begin(), brand.channels.end(),
                           [](const ChannelLimits& channel) { return !channel.languages.empty(); });
    return any ? std::make_unique<MissingLanguageCheck>(brand) : nullptr;
}

}  // namespace touchpoint::languages

#ifndef TOUCHPOINT_NO_PLUGIN_ENTRY
TOUCHPOINT_PLUGIN(touchpoint::languages::LanguagesPlugin)
#endif
