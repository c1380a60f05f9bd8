#include "brand_forms.hpp"

#include <algorithm>

namespace touchpoint::consistency {
namespace {

std::string joined(const std::vector<std::string>& keys) {
    std::string out;
    for (const std::string& key : keys) out += key;
    return out;
}

// The key of a one- or two-word term as consistency keys its forms; empty for longer ones.
std::string form_key(std::string_view term) {
    std::vector<std::string> keys = phrase_keys(term);
    return keys.empty() || keys.size() > 2 ? std::string() : joined(keys);
}

// Between two words of a name written in prose: spaces, hyphens, `&`, at most one line
// break; no letter, digit or sentence end.
bool name_gap(std::string_view gap) {
    if (gap.empty() || gap.size() > 4 || gap.find("\n\n") != std::string_view::npos) return false;
    return std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '-' || c == '&' || c == '\n'; });
}

}  // namespace

BrandForms::BrandForms(const Brand& brand, const Lexicon& lexicon) {
    const BrandVocabulary& words = brand.vocabulary;
    for (const BrandVocabulary::Name& name : words.names) add_name(name, lexicon);
    for (const std::string& flagged : words.flagged)
        if (std::string key = form_key(flagged); !key.empty()) terminology_keys_.insert(key);
    for (const std::string& term : words.preferred)
        if (std::string key = form_key(term); !key.empty()) spellings_.emplace(key, normalize_form(term));
    for (const std::string& word : words.accepted)
        if (std::string key = form_key(word); !key.empty()) spellings_.emplace(key, normalize_form(word));
}

void BrandForms::add_name(const BrandVocabulary::Name& name, const Lexicon& lexicon) {
    std::vector<std::string> keys = phrase_keys(name.canonical);
    for (size_t i = 0; i < keys.size(); ++i) {
        terminology_keys_.insert(keys[i]);
        if (i + 1 < keys.size()) terminology_keys_.insert(keys[i] + keys[i + 1]);
        if (!lexicon.knows(keys[i])) name_words_.insert(keys[i]);
    }
    std::vector<std::string> written{name.canonical};
    written.insert(written.end(), name.variants.begin(), name.variants.end());
    for (const std::string& form : written) {
        std::string key = joined(phrase_keys(form));
        if (key.empty()) continue;
        terminology_keys_.insert(key);
        names_.insert(key);
        for (size_t n = 1; n < key.size(); ++n) name_prefixes_.insert(key.substr(0, n));
    }
}

const std::string* BrandForms::spelling(const std::string& key) const {
    auto it = spellings_.find(key);
    return it == spellings_.end() ? nullptr : &it->second;
}

// One past the last word of the longest name starting at word `first`, or `first`.
size_t BrandForms::name_end(const Document& document, size_t first) const {
    auto words = document.words();
    std::string_view text = document.text();
    std::string key;
    size_t end = first;
    for (size_t last = first; last < words.size(); ++last) {
        if (last > first && !name_gap(text.substr(words[last - 1].end, words[last].begin - words[last - 1].end))) break;
        key += document.key(words[last]);
        if (names_.count(key)) end = last + 1;
        if (!name_prefixes_.count(key)) break;
    }
    return end;
}

std::vector<bool> BrandForms::in_names(const Document& document) const {
    std::vector<bool> in_name(document.words().size(), false);
    if (names_.empty()) return in_name;
    for (size_t first = 0; first < in_name.size(); ++first) {
        size_t end = name_end(document, first);
        std::fill(in_name.begin() + long(first), in_name.begin() + long(end), true);
    }
    return in_name;
}

}  // namespace touchpoint::consistency
